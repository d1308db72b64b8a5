#include "WorklistModel.h"

#include "CommunicationMethod.h"
#include "DeskTime.h"
#include "WorklistValueText.h"

#include <QFutureWatcher>
#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

WorklistModel::WorklistModel(Loader loader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_loader(std::move(loader))
{ }

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
        emit countsChanged(page.pending, page.attempted, page.done);
        if (page.unfiltered)
            emit unfilteredCounted(*page.unfiltered);
        emit loadingChanged(false);
    });
    watcher->setFuture(m_loader(query));
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
    watcher->setFuture(m_ordersLoader(m_query, orders, withCounts));
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
    if (withCounts) {
        emit countsChanged(page.pending, page.attempted, page.done);
        if (page.unfiltered)
            emit unfilteredCounted(*page.unfiltered);
    }
    emit ordersRefreshed(orders);
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
    case Waiting:
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
        return {Waiting, order};
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
        case Waiting:
            // Done callouts wait for nothing.
            if (row.status == CriticalStatus::CalloutDone)
                return QString();
            return DeskTime::waited(row.resultOn.secsTo(m_now()));
        }
        break;
    case Qt::ToolTipRole:
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
    // A first click on Waiting shows the longest wait first.
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole && section == Waiting)
        return int(Qt::DescendingOrder);
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
    case Waiting:
        return tr("Waiting");
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
