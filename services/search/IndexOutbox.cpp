#include "IndexOutbox.h"

#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IndexOutbox", text);
}

// Held: refused by the index and waiting on the long backoff; failed: refused by a version
// that gave up after one attempt. The columns of `alias` when given.
QString heldOrFailed(const QString &alias = QString())
{
    return u"(%1state = 'failed' OR (%1state = 'pending' AND %1failure_class = 'permanent'))"_s.arg(
        alias.isEmpty() ? QString() : alias + u'.');
}

} // namespace

IndexOutbox::IndexOutbox(DatabaseConnection &connection)
    : m_connection(connection)
    , m_queue(connection, {u"index_outbox"_s, u"pending"_s, u"done"_s, u"done_on"_s, QString()})
{ }

QString IndexOutbox::alarm(qint64 orders, const QString &reason)
{
    if (orders <= 0)
        return {};
    return orders == 1 ? tr("1 order not in the index: %1").arg(reason)
                       : tr("%1 orders not in the index: %2").arg(orders).arg(reason);
}

QString IndexOutbox::Summary::alarm() const
{
    return IndexOutbox::alarm(ordersNotIndexed, heldReason);
}

Result<QList<IndexOutbox::Row>> IndexOutbox::claim(const QString &worker, int batchSize,
                                                   int leaseSeconds)
{
    const auto claimed = m_queue.claim(worker, u"id, lab_id, scope, bill_id, report_id, attempts"_s,
                                       batchSize, leaseSeconds);
    if (!claimed)
        return claimed.failure();
    QList<Row> rows;
    for (const QSqlRecord &row : claimed.value()) {
        rows.append({row.value(0).toLongLong(), row.value(1).toLongLong(),
                     row.value(2).toString() == u"bill", row.value(3).toLongLong(),
                     row.value(4).toLongLong(), row.value(5).toInt()});
    }
    return rows;
}

Result<int> IndexOutbox::complete(const QList<qint64> &ids, const QString &worker)
{
    return m_queue.complete(ids, worker);
}

Result<bool> IndexOutbox::retryLater(qint64 id, const QString &worker, const QString &reason,
                                     qint64 delayMs)
{
    return m_queue.retryLater(id, worker, FailureClass::Transient, reason, delayMs);
}

Result<bool> IndexOutbox::hold(qint64 id, const QString &worker, const QString &reason,
                               qint64 delayMs)
{
    return m_queue.retryLater(id, worker, FailureClass::Permanent, reason, delayMs);
}

Result<QPair<qint64, QString>> IndexOutbox::heldOrders()
{
    // A report row counts as its order; a deleted report's row as an order of its own.
    auto held = m_connection.run(
        tr("Reading the index sync state"),
        u"SELECT COUNT(DISTINCT COALESCE(o.bill_id, r.bill_id, -o.report_id)), "
        "(SELECT last_error FROM index_outbox WHERE %1 ORDER BY id DESC LIMIT 1) "
        "FROM index_outbox o LEFT JOIN report r ON r.id = o.report_id WHERE %2"_s.arg(
            heldOrFailed(), heldOrFailed(u"o"_s)));
    if (!held)
        return held.failure();
    if (!held.value().next())
        return QPair<qint64, QString>(0, QString());
    return QPair<qint64, QString>(held.value().value(0).toLongLong(),
                                  held.value().value(1).toString());
}

Result<QString> IndexOutbox::alarm()
{
    const auto held = heldOrders();
    if (!held)
        return held.failure();
    return alarm(held.value().first, held.value().second);
}

Result<IndexOutbox::Summary> IndexOutbox::summary()
{
    Summary summary;
    const auto counts = m_queue.counts();
    if (!counts)
        return counts.failure();
    summary.counts = counts.value();
    const auto held = heldOrders();
    if (!held)
        return held.failure();
    summary.ordersNotIndexed = held.value().first;
    summary.heldReason = held.value().second;
    auto rows = m_connection.run(
        tr("Reading the updates the index refused"),
        u"SELECT id, scope, CASE WHEN scope = 'bill' THEN bill_id ELSE report_id END, attempts, "
        "last_error FROM index_outbox WHERE %1 ORDER BY id DESC LIMIT 20"_s.arg(heldOrFailed()));
    if (!rows)
        return rows.failure();
    while (rows.value().next()) {
        const QSqlQuery &row = rows.value();
        summary.heldRows.append({row.value(0).toLongLong(), row.value(1).toString(),
                                 row.value(2).toLongLong(), row.value(3).toInt(),
                                 row.value(4).toString()});
    }
    return summary;
}

Result<qint64> IndexOutbox::retryFailed(qint64 labId)
{
    return m_queue.retryFailed({labId, std::nullopt, std::nullopt});
}

Result<qint64> IndexOutbox::enqueueAllBills()
{
    auto queued = m_connection.run(
        tr("Queueing every order for re-indexing"),
        u"INSERT INTO index_outbox (lab_id, scope, bill_id) SELECT lab_id, 'bill', id FROM bill "
        "ORDER BY id"_s);
    if (!queued)
        return queued.failure();
    return qint64(queued.value().numRowsAffected());
}

} // namespace calloutdesk
