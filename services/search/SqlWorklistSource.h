#pragma once

#include "WorklistSource.h"

namespace calloutdesk {

class DatabaseConnection;

// The worklist straight from the database, for desks without a search index: keyset
// pagination on (sort key, report id), two queries per page (the page, and the three tab
// counts with the total and, when asked, the overdue counts of the callout clock).
// Synchronous: run it off the UI thread.
class SqlWorklistSource : public WorklistSource
{
public:
    explicit SqlWorklistSource(DatabaseConnection &connection);

    void fetch(const SessionScope &scope, const WorklistQuery &query, Callback done) override;
    // Both queries; or each alone (the benchmark times them apart).
    Result<WorklistPage> fetchNow(const SessionScope &scope, const WorklistQuery &query);
    Status countInto(const SessionScope &scope, const WorklistQuery &query, WorklistPage &page);
    Status pageInto(const SessionScope &scope, const WorklistQuery &query, WorklistPage &page);

private:
    struct Filter
    {
        QString from;
        QString where;
        QVariantList values;
        bool needsBill = false;
        bool needsTest = false;
        QString countJoins() const;
    };
    Filter filter(const SessionScope &scope, const WorklistQuery &query) const;

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
