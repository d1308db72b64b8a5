#pragma once

#include "WorklistSource.h"

#include <QJsonObject>

namespace calloutdesk {

class IndexClient;

// The worklist from the search index (SPEC E1): one _search per page, in the index of the
// session's lab, that returns the page (post_filter on the tab), the total of the tab and
// the three tab counts (a terms aggregation over the same filters without the tab), paged
// with search_after.
class IndexWorklistSource : public WorklistSource
{
public:
    explicit IndexWorklistSource(IndexClient &client);

    void fetch(const SessionScope &scope, const WorklistQuery &query, Callback done) override;

    // The request body, for tests and for reading the query in logs.
    static QJsonObject searchBody(const SessionScope &scope, const WorklistQuery &query);

private:
    IndexClient &m_client;
};

} // namespace calloutdesk
