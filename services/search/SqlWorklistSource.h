#pragma once

#include "WorklistSource.h"

namespace calloutdesk {

class DatabaseConnection;

// The worklist straight from the database, for desks without a search index: keyset
// pagination on (sort key, report id), two queries per page (the page, and the three tab
// counts with the total). Synchronous: run it off the UI thread.
class SqlWorklistSource : public WorklistSource
{
public:
    explicit SqlWorklistSource(DatabaseConnection &connection);

    void fetch(const SessionScope &scope, const WorklistQuery &query, Callback done) override;
    Result<WorklistPage> fetchNow(const SessionScope &scope, const WorklistQuery &query);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
