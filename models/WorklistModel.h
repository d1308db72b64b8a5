#pragma once

#include "CalloutClock.h"
#include "WorklistPage.h"
#include "WorklistQuery.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFuture>
#include <QTimer>

#include <functional>
#include <utility>
#include <variant>

namespace calloutdesk {

// The rows of one worklist tab (SPEC U1), loaded page by page as the view scrolls
// (canFetchMore/fetchMore), so a lab with a million reports opens as fast as one with ten.
// Pages come from a loader that works off the UI thread; an answer to a query that was
// replaced meanwhile is dropped.
class WorklistModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        OrderNumber,
        Patient,
        Test,
        Department,
        Status,
        ResultTime,
        Clock, // the callout clock (SPEC T2): time left or overdue; empty for Done
        ColumnCount
    };
    enum Role
    {
        ReportIdRole = Qt::UserRole + 1,
        BillIdRole,
        StatusRole
    };

    // A page, or why there is none: a string keeps the model free of service types.
    using PageOrError = std::variant<WorklistPage, QString>;
    using Loader = std::function<QFuture<PageOrError>(const WorklistQuery &)>;

    // A live update (SPEC T1): the rows of these orders in the query's tab, all of them,
    // in the query's order; with the tab counts when asked.
    using OrdersLoader = std::function<QFuture<PageOrError>(
        const WorklistQuery &query, const QList<qint64> &orders, bool withCounts)>;

    explicit WorklistModel(Loader loader, QObject *parent = nullptr);
    void setOrdersLoader(OrdersLoader loader) { m_ordersLoader = std::move(loader); }

    void setQuery(const WorklistQuery &query);
    WorklistQuery query() const { return m_query; }
    bool isLoading() const { return m_loading; }
    QString lastError() const { return m_error; }
    WorklistRow rowAt(int row) const { return m_rows.value(row); }
    // These orders changed (SPEC T1): their rows are read again and put where the sort puts
    // them among the rows loaded so far (one that sorts past them waits for its page), the
    // rest of the list untouched. While one such read is on its way, orders that change
    // meanwhile wait for it and go in one read after it. Without an orders loader, or for
    // more rows than one read brings, the whole tab is read again.
    void refreshOrders(const QList<qint64> &orders, bool withCounts);
    bool isRefreshing() const { return m_refreshing; }
    // Whether a sorts before b under the query's sort (the sources' order: the sort key,
    // then the report id).
    static bool sortsBefore(const WorklistRow &a, const WorklistRow &b, const WorklistQuery &query);
    // The one clock the rows and the overdue counts go by; fixed in tests.
    void setNow(std::function<QDateTime()> now) { m_now = std::move(now); }
    // The lab's callout clock (SPEC T2); 60 and 30 minutes until set.
    void setClock(const CalloutClock &clock);
    CalloutClock clock() const { return m_clock; }
    // The clock column shows the time as it is now, and ticked() says so: called every
    // tickInterval, without reading anything again.
    void tick();
    static constexpr int tickIntervalMs = 15000;
    // Counts the tabs again without reading rows (the badge's overdue times ran out).
    void recount();
    // Whether this model's first pages bring the overdue counts (on by default). They cost
    // the count query more than the tab counts do; a window with several models of the same
    // data asks one of them, and pages fetched while scrolling never ask.
    void setCountsOverdue(bool counts) { m_countsOverdue = counts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The sort a click on a column header asks for: every column sorts both ways. Status
    // sorts by the time the report last changed, Waiting by result time the other way
    // round. The clock column sorts by urgency, least time left first when descending
    // (which a first click on it asks for): with one target for the whole lab, the
    // deadline is the result time plus a constant, so the least time left is the oldest
    // result, and urgency is the result time reversed (SortColumn::Waiting): the worklist
    // index serves it as it is, no sort of its own in SQL or in the index.
    struct Sort
    {
        WorklistQuery::SortColumn column = WorklistQuery::SortColumn::ResultOn;
        bool descending = true;
    };
    static Sort sortFor(int column, Qt::SortOrder order);
    // The header column that shows a sort, and in which direction.
    static std::pair<int, Qt::SortOrder> headerFor(WorklistQuery::SortColumn column,
                                                   bool descending);

signals:
    void loadingChanged(bool loading);
    void countsChanged(qint64 pending, qint64 attempted, qint64 done);
    // The overdue counts of Pending and Attempted a page brought (SPEC T2).
    void overdueCounted(const calloutdesk::OverdueTally &pending,
                        const calloutdesk::OverdueTally &attempted);
    // The clock column moved on to now.
    void ticked(const QDateTime &now);
    // The tab counts without the filters, when the page brought them.
    void unfilteredCounted(const calloutdesk::WorklistCounts &counts);
    void errorOccurred(const QString &message);
    // A refreshOrders() read was applied.
    void ordersRefreshed(const QList<qint64> &orders);

private:
    void load(const WorklistQuery &query, bool append);
    void startRefresh();
    void applyRefresh(const QList<qint64> &orders, const WorklistPage &page, bool withCounts);
    // What a page brought of the counts: the overdue, the tabs', the unfiltered.
    void emitCounts(const WorklistPage &page);
    // Asks for the overdue counts as of now.
    WorklistQuery counted(WorklistQuery query) const;
    QVariant clockData(const WorklistRow &row, int role) const;

    Loader m_loader;
    OrdersLoader m_ordersLoader;
    QList<qint64> m_ordersToRefresh;
    bool m_refreshCounts = false;
    bool m_refreshing = false;
    WorklistQuery m_query;
    QList<WorklistRow> m_rows;
    bool m_hasMore = false;
    bool m_loading = false;
    quint64 m_generation = 0;
    QString m_error;
    CalloutClock m_clock;
    QTimer m_ticker;
    bool m_recounting = false;
    bool m_countsOverdue = true;
    std::function<QDateTime()> m_now = [] {
        return QDateTime::currentDateTimeUtc();
    };
};

} // namespace calloutdesk
