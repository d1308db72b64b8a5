#include "WorklistModel.h"

#include <QFutureWatcher>

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
        emit loadingChanged(false);
    });
    watcher->setFuture(m_loader(query));
}

int WorklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorklistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WorklistModel::waitingText(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 days").arg(hours / 24);
}

std::optional<WorklistModel::Sort> WorklistModel::sortFor(int column, Qt::SortOrder order)
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
    case ResultTime:
        return Sort{WorklistQuery::SortColumn::ResultOn, descending};
    case Waiting:
        return Sort{WorklistQuery::SortColumn::ResultOn, !descending};
    default:
        return std::nullopt;
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
    case WorklistQuery::SortColumn::ResultOn:
    case WorklistQuery::SortColumn::LastUpdated:
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
            return row.patientName;
        case Test:
            return row.testName;
        case Department:
            return row.departmentName;
        case Status:
            return CriticalStatusInfo::label(row.status);
        case ResultTime:
            return row.resultOn.toLocalTime().toString(u"yyyy-MM-dd HH:mm");
        case Waiting:
            // Done callouts wait for nothing.
            if (row.status == CriticalStatus::CalloutDone)
                return QString();
            return waitingText(row.resultOn.secsTo(m_now()));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ResultTime)
            return row.resultOn.toUTC().toString(Qt::ISODate);
        break;
    default:
        break;
    }
    return {};
}

QVariant WorklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderNumber:
        return tr("Order");
    case Patient:
        return tr("Patient");
    case Test:
        return tr("Test");
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
