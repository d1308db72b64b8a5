#include "WorklistModel.h"

#include "CommunicationMethod.h"
#include "DeskTime.h"
#include "WorklistValueText.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QFutureWatcher>
#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

WorklistModel::WorklistModel(Loader loader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_loader(std::move(loader))
    , m_ticker(this)
{
    // The clock column's text changes once a minute per row, each row at its own second:
    // a quarter-minute tick keeps every row within 15 s of the truth for the cost of
    // repainting one column of the visible rows.
    m_ticker.setInterval(tickIntervalMs);
    connect(&m_ticker, &QTimer::timeout, this, &WorklistModel::tick);
    m_ticker.start();
}

void WorklistModel::setClock(const CalloutClock &clock)
{
    m_clock = clock;
    tick();
}

void WorklistModel::tick()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Clock), index(int(m_rows.size()) - 1, Clock),
                         {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, Qt::BackgroundRole,
                          Qt::FontRole});
    emit ticked(m_now());
}

WorklistQuery WorklistModel::counted(WorklistQuery query) const
{
    query.overdueCutoff = m_now().addSecs(-qint64(m_clock.targetMinutes()) * 60);
    return query;
}

void WorklistModel::recount()
{
    if (m_recounting)
        return;
    WorklistQuery query = counted(m_query);
    query.countsOnly = true;
    query.withUnfilteredCounts = false;
    query.after.clear();
    m_recounting = true;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<PageOrError>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_recounting = false;
        const PageOrError result = watcher->result();
        // A new query counts anyway; a failed recount leaves the rows and the last counts
        // as they are (the next load counts again).
        const WorklistPage *page = std::get_if<WorklistPage>(&result);
        if (generation != m_generation || !page)
            return;
        emit overdueCounted(page->pendingOverdue, page->attemptedOverdue);
        emit countsChanged(page->pending, page->attempted, page->done);
    });
    watcher->setFuture(m_loader(query));
}

void WorklistModel::setQuery(const WorklistQuery &query)
{
    beginResetModel();
    m_query = query;
    m_query.after.clear();
    m_rows.clear();
    m_hasMore = false;
    endResetModel();
    load(m_query, false);
}

void WorklistModel::load(const WorklistQuery &query, bool append)
{
    const quint64 generation = append ? m_generation : ++m_generation;
    m_loading = true;
    m_error.clear();
    emit loadingChanged(true);
    auto *watcher = new QFutureWatcher<PageOrError>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, append] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // the query changed while this page was on its way
        const PageOrError result = watcher->result();
        if (const QString *error = std::get_if<QString>(&result)) {
            m_loading = false;
            m_error = *error;
            emit loadingChanged(false);
            emit errorOccurred(*error);
            return;
        }
        const WorklistPage &page = std::get<WorklistPage>(result);
        // Still "loading" while the rows go in: a view that asks for more from inside the
        // insertion would otherwise page from a cursor before these rows.
        if (!page.rows.isEmpty()) {
            const int first = append ? int(m_rows.size()) : 0;
            beginInsertRows({}, first, first + int(page.rows.size()) - 1);
            m_rows += page.rows;
            endInsertRows();
        }
        m_hasMore = page.hasMore;
        m_loading = false;
        emitCounts(page);
        emit loadingChanged(false);
    });
    watcher->setFuture(m_loader(append || !m_countsOverdue ? query : counted(query)));
}

void WorklistModel::refreshOrders(const QList<qint64> &orders, bool withCounts)
{
    if (!m_ordersLoader) {
        setQuery(m_query);
        return;
    }
    for (const qint64 order : orders)
        if (!m_ordersToRefresh.contains(order))
            m_ordersToRefresh << order;
    m_refreshCounts = m_refreshCounts || withCounts;
    if (!m_refreshing)
        startRefresh();
}

void WorklistModel::startRefresh()
{
    if (m_ordersToRefresh.isEmpty())
        return;
    const QList<qint64> orders = std::exchange(m_ordersToRefresh, {});
    const bool withCounts = std::exchange(m_refreshCounts, false);
    const quint64 generation = m_generation;
    m_refreshing = true;
    auto *watcher = new QFutureWatcher<PageOrError>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, orders, withCounts] {
                watcher->deleteLater();
                m_refreshing = false;
                const PageOrError result = watcher->result();
                const WorklistPage *page = std::get_if<WorklistPage>(&result);
                if (generation != m_generation) {
                    // The whole tab was read again meanwhile, perhaps before the change.
                    refreshOrders(orders, withCounts);
                    return;
                }
                if (!page || page->hasMore) {
                    // The tab read whole says what went wrong, or brings what one read of
                    // the changed orders could not.
                    m_ordersToRefresh.clear();
                    setQuery(m_query);
                    return;
                }
                applyRefresh(orders, *page, withCounts);
                startRefresh();
            });
    // The counts come with the overdue ones where this model's pages bring them.
    watcher->setFuture(m_ordersLoader(withCounts && m_countsOverdue ? counted(m_query) : m_query,
                                      orders, withCounts));
}

void WorklistModel::applyRefresh(const QList<qint64> &orders, const WorklistPage &page,
                                 bool withCounts)
{
    const QSet<qint64> changed(orders.cbegin(), orders.cend());
    QHash<qint64, WorklistRow> fresh;
    for (const WorklistRow &row : page.rows)
        fresh.insert(row.reportId, row);
    // A row whose sort key did not change stays where it is and only shows what changed,
    // so the view keeps its selection and scroll position; the others go and come back
    // where they now belong.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!changed.contains(m_rows.at(i).billId))
            continue;
        const auto now = fresh.constFind(m_rows.at(i).reportId);
        if (now != fresh.cend() && !sortsBefore(m_rows.at(i), *now, m_query)
            && !sortsBefore(*now, m_rows.at(i), m_query)) {
            m_rows[i] = *now;
            fresh.erase(now);
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    for (const WorklistRow &row : page.rows) {
        if (!fresh.contains(row.reportId))
            continue;
        const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), row,
                                         [this](const WorklistRow &a, const WorklistRow &b) {
                                             return sortsBefore(a, b, m_query);
                                         });
        const int position = int(at - m_rows.cbegin());
        // Past the last row loaded, it belongs to a page not read yet.
        if (position == m_rows.size() && m_hasMore)
            continue;
        beginInsertRows({}, position, position);
        m_rows.insert(position, row);
        endInsertRows();
    }
    if (withCounts)
        emitCounts(page);
    emit ordersRefreshed(orders);
}

void WorklistModel::emitCounts(const WorklistPage &page)
{
    if (page.pendingOverdue.isCounted())
        emit overdueCounted(page.pendingOverdue, page.attemptedOverdue);
    emit countsChanged(page.pending, page.attempted, page.done);
    if (page.unfiltered)
        emit unfilteredCounted(*page.unfiltered);
}

bool WorklistModel::sortsBefore(const WorklistRow &a, const WorklistRow &b,
                                const WorklistQuery &query)
{
    const WorklistQuery sorted = query.resolvedSort();
    // The sources fold names to one case and compare them in code point order.
    const auto text = [](const QString &x, const QString &y) {
        return x.toCaseFolded().compare(y.toCaseFolded());
    };
    const auto time = [](const QDateTime &x, const QDateTime &y) {
        return x < y ? -1 : (y < x ? 1 : 0);
    };
    int order = 0;
    switch (sorted.sort) {
    case WorklistQuery::SortColumn::ResultOn:
    case WorklistQuery::SortColumn::Waiting:
        order = time(a.resultOn, b.resultOn);
        break;
    case WorklistQuery::SortColumn::LastUpdated:
        order = time(a.lastUpdated, b.lastUpdated);
        break;
    case WorklistQuery::SortColumn::OrderNumber:
        order = text(a.labBillId, b.labBillId);
        break;
    case WorklistQuery::SortColumn::Patient:
        order = text(a.patientName, b.patientName);
        break;
    case WorklistQuery::SortColumn::Test:
        order = text(a.testName, b.testName);
        break;
    case WorklistQuery::SortColumn::Department:
        order = text(a.departmentName, b.departmentName);
        break;
    }
    if (order == 0)
        order = a.reportId < b.reportId ? -1 : (a.reportId > b.reportId ? 1 : 0);
    return sorted.descending ? order > 0 : order < 0;
}

int WorklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorklistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString channelLabel(const QString &key)
{
    const auto method = CommunicationMethodInfo::fromKey(key);
    return method ? CommunicationMethodInfo::label(*method) : key;
}

// "Done · Fax waiting · Email failed": a callout is done, its messages may not be.
QString statusText(const WorklistRow &row)
{
    QStringList parts{CriticalStatusInfo::label(row.status)};
    for (const QString &channel : row.failedChannels)
        parts << WorklistModel::tr("%1 failed").arg(channelLabel(channel));
    for (const QString &channel : row.waitingChannels)
        parts << WorklistModel::tr("%1 waiting").arg(channelLabel(channel));
    return parts.join(u" · "_s);
}

QString patientText(const WorklistRow &row)
{
    if (row.patientDateOfBirth.isValid())
        return WorklistModel::tr("%1 (b. %2)")
            .arg(row.patientName, row.patientDateOfBirth.toString(Qt::ISODate));
    return WorklistModel::tr("%1 (no. %2)").arg(row.patientName).arg(row.patientId);
}

QString testText(const WorklistRow &row)
{
    if (row.criticalParameters.isEmpty())
        return row.testName;
    return u"%1: %2"_s.arg(row.testName, WorklistValueText::of(row.criticalParameters));
}

} // namespace

WorklistModel::Sort WorklistModel::sortFor(int column, Qt::SortOrder order)
{
    const bool descending = order == Qt::DescendingOrder;
    switch (column) {
    case OrderNumber:
        return Sort{WorklistQuery::SortColumn::OrderNumber, descending};
    case Patient:
        return Sort{WorklistQuery::SortColumn::Patient, descending};
    case Test:
        return Sort{WorklistQuery::SortColumn::Test, descending};
    case Department:
        return Sort{WorklistQuery::SortColumn::Department, descending};
    case Status:
        return Sort{WorklistQuery::SortColumn::LastUpdated, descending};
    case Clock:
        return Sort{WorklistQuery::SortColumn::Waiting, descending};
    default:
        return Sort{WorklistQuery::SortColumn::ResultOn, descending};
    }
}

std::pair<int, Qt::SortOrder> WorklistModel::headerFor(WorklistQuery::SortColumn column,
                                                       bool descending)
{
    const Qt::SortOrder order = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    switch (column) {
    case WorklistQuery::SortColumn::OrderNumber:
        return {OrderNumber, order};
    case WorklistQuery::SortColumn::Patient:
        return {Patient, order};
    case WorklistQuery::SortColumn::Test:
        return {Test, order};
    case WorklistQuery::SortColumn::Department:
        return {Department, order};
    case WorklistQuery::SortColumn::LastUpdated:
        return {Status, order};
    case WorklistQuery::SortColumn::Waiting:
        return {Clock, order};
    case WorklistQuery::SortColumn::ResultOn:
        break;
    }
    return {ResultTime, order};
}

QVariant WorklistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const WorklistRow &row = m_rows.at(index.row());
    switch (role) {
    case ReportIdRole:
        return row.reportId;
    case BillIdRole:
        return row.billId;
    case StatusRole:
        return CriticalStatusInfo::toInt(row.status);
    case Qt::DisplayRole:
        switch (index.column()) {
        case OrderNumber:
            return row.labBillId;
        case Patient:
            return patientText(row);
        case Test:
            return testText(row);
        case Department:
            return row.departmentName;
        case Status:
            return statusText(row);
        case ResultTime:
            return DeskTime::shown(row.resultOn);
        case Clock:
            return clockData(row, role);
        }
        break;
    case Qt::ForegroundRole:
    case Qt::BackgroundRole:
    case Qt::FontRole:
        if (index.column() == Clock)
            return clockData(row, role);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Clock)
            return clockData(row, role);
        if (index.column() == Test && !row.criticalParameters.isEmpty())
            return testText(row);
        if (index.column() == Patient)
            return tr("Record no. %1").arg(row.patientId);
        break;
    default:
        break;
    }
    return {};
}

QVariant WorklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // A first click on the clock shows the most urgent first.
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole && section == Clock)
        return int(Qt::DescendingOrder);
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Clock)
        return tr("Time left to the lab's callout target of %1 min from the result, or how "
                  "long past it; the warning starts at %2 min. Sorting by it puts the most "
                  "urgent first.")
            .arg(m_clock.targetMinutes())
            .arg(m_clock.warningMinutes());
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderNumber:
        return tr("Order");
    case Patient:
        return tr("Patient");
    case Test:
        return tr("Test: critical values");
    case Department:
        return tr("Department");
    case Status:
        return tr("Status");
    case ResultTime:
        return tr("Result time");
    case Clock:
        return tr("Time left");
    }
    return {};
}

namespace {

// Colours of the clock column, foreground and background together so that each pair reads
// on a light or a dark palette alike (contrast above 7:1). The text says the same without
// colour: "⚠" from the warning time, "‼ Overdue" in bold past the target.
struct ClockColours
{
    QColor text;
    QColor back;
};

ClockColours clockColours(CalloutClock::Urgency urgency)
{
    switch (urgency) {
    case CalloutClock::Urgency::Normal:
        return {QColor(0x14, 0x38, 0x1e), QColor(0xdc, 0xef, 0xe0)};
    case CalloutClock::Urgency::Warning:
        return {QColor(0x3b, 0x2a, 0x00), QColor(0xff, 0xe3, 0x8a)};
    case CalloutClock::Urgency::Overdue:
        break;
    }
    return {QColor(0xff, 0xff, 0xff), QColor(0xa4, 0x16, 0x1a)};
}

} // namespace

QVariant WorklistModel::clockData(const WorklistRow &row, int role) const
{
    // Done callouts wait for nothing.
    if (row.status == CriticalStatus::CalloutDone || !row.resultOn.isValid())
        return {};
    const QDateTime now = m_now();
    const CalloutClock::Urgency urgency = m_clock.urgencyAt(row.resultOn, now);
    switch (role) {
    case Qt::DisplayRole: {
        const QString text = m_clock.text(row.resultOn, now);
        if (urgency == CalloutClock::Urgency::Overdue)
            return u"‼ "_s + text;
        if (urgency == CalloutClock::Urgency::Warning)
            return u"⚠ "_s + text;
        return text;
    }
    case Qt::ToolTipRole:
        return tr("Result %1 ago; the lab's target is %2 min from the result, the warning "
                  "from %3 min.")
            .arg(DeskTime::waited(row.resultOn.secsTo(now)))
            .arg(m_clock.targetMinutes())
            .arg(m_clock.warningMinutes());
    case Qt::ForegroundRole:
        return QBrush(clockColours(urgency).text);
    case Qt::BackgroundRole:
        return QBrush(clockColours(urgency).back);
    case Qt::FontRole:
        if (urgency == CalloutClock::Urgency::Overdue) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    default:
        break;
    }
    return {};
}

bool WorklistModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading && !m_rows.isEmpty();
}

void WorklistModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    WorklistQuery next = m_query;
    next.after = m_rows.constLast().cursor;
    load(next, true);
}

} // namespace calloutdesk
