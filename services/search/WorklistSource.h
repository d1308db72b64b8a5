#pragma once

#include "models/SessionScope.h"
#include "models/WorklistPage.h"
#include "models/WorklistQuery.h"
#include "services/Failure.h"

#include <functional>

namespace calloutdesk {

// Where the worklist comes from (SPEC E1): the search index when one is configured, the
// database otherwise. Both apply the session's visibility (V2) and answer a query with the
// same rows in the same order; the contract tests hold them to it.
class WorklistSource
{
public:
    using Callback = std::function<void(const Result<WorklistPage> &)>;

    virtual ~WorklistSource() = default;
    virtual void fetch(const SessionScope &scope, const WorklistQuery &query, Callback done) = 0;
};

} // namespace calloutdesk
