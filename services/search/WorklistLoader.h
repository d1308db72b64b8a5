#pragma once

#include "IndexEndpoint.h"
#include "models/SessionScope.h"
#include "models/WorklistModel.h"
#include "models/WorklistPage.h"
#include "models/WorklistQuery.h"
#include "services/Failure.h"
#include "services/db/DatabaseUrl.h"

#include <QFuture>

#include <optional>

namespace calloutdesk {

// Loads worklist pages off the UI thread (SPEC U1, E1): from the search index when one is
// configured, from the database otherwise. Each load runs on the thread pool with its own
// connection, so the UI thread never waits on the database or the network.
class WorklistLoader
{
public:
    WorklistLoader(DatabaseUrl database, std::optional<IndexEndpoint> index = std::nullopt);

    QFuture<Result<WorklistPage>> load(const SessionScope &scope, const WorklistQuery &query) const;

    // What a WorklistModel calls for its pages, for one signed-in session.
    WorklistModel::Loader forModel(const SessionScope &scope) const;

    // The same, in the calling thread.
    Result<WorklistPage> loadNow(const SessionScope &scope, const WorklistQuery &query) const;

private:
    DatabaseUrl m_database;
    std::optional<IndexEndpoint> m_index;
};

} // namespace calloutdesk
