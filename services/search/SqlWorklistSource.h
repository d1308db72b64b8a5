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
    // A live update (SPEC T1): every row of these orders that the query's tab shows under its
    // filters and sort, in that order (no cursor, at most maximumOrderRows), and, with
    // counts, the tab counts as fetchNow has them. From the database even where a search
    // index serves the pages: the index learns of a change after the desk is told of it.
    Result<WorklistPage> fetchOrders(const SessionScope &scope, const WorklistQuery &query,
                                     const QList<qint64> &billIds, bool withCounts);
    static constexpr int maximumOrderRows = 1000;

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
    Status pageInto(const SessionScope &scope, const WorklistQuery &query,
                    const QList<qint64> &billIds, WorklistPage &page);
    // The counts under the filters and, when the query is filtered and withUnfiltered, also
    // without them.
    Status countAll(const SessionScope &scope, const WorklistQuery &query, bool withUnfiltered,
                    WorklistPage &page);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
