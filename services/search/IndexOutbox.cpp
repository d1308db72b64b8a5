#include "IndexOutbox.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IndexOutbox", text);
}

} // namespace

IndexOutbox::IndexOutbox(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<IndexOutbox::Row>> IndexOutbox::claim(const QString &worker, int batchSize,
                                                   int leaseSeconds)
{
    // PostgreSQL: SKIP LOCKED lets two desks claim disjoint batches at the same moment.
    // SQLite: the write transaction (BEGIN IMMEDIATE) already admits one desk at a time.
    WriteTransaction transaction(m_connection);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    const SqlDialect dialect(m_connection);
    const QString now = dialect.currentTimestamp();
    const QString skipLocked
        = m_connection.isPostgreSql() ? u" FOR UPDATE SKIP LOCKED"_s : QString();
    auto claimed = m_connection.run(
        tr("Claiming index updates"),
        u"UPDATE index_outbox SET claimed_by = ?, claimed_until = %1, attempts = attempts + 1 "
        "WHERE id IN (SELECT id FROM index_outbox WHERE state = 'pending' AND next_attempt_at <= "
        "%2 "
        "AND (claimed_until IS NULL OR claimed_until < %2) ORDER BY id LIMIT ?%3) "
        "RETURNING id, lab_id, scope, bill_id, report_id, attempts"_s.arg(
            dialect.timestampAfterMilliseconds(), now, skipLocked),
        {worker, qint64(leaseSeconds) * 1000, batchSize});
    if (!claimed)
        return claimed.failure();
    QList<Row> rows;
    while (claimed.value().next()) {
        const QSqlQuery &row = claimed.value();
        rows.append({row.value(0).toLongLong(), row.value(1).toLongLong(),
                     row.value(2).toString() == u"bill", row.value(3).toLongLong(),
                     row.value(4).toLongLong(), row.value(5).toInt()});
    }
    claimed.value().finish();
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.id < b.id; });
    return rows;
}

Status IndexOutbox::complete(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return Done{};
    QVariantList values;
    for (const qint64 id : ids)
        values << id;
    const auto done = m_connection.run(
        tr("Recording index updates as sent"),
        u"UPDATE index_outbox SET state = 'done', done_on = %1, claimed_until = NULL, "
        "last_error = '' WHERE id IN (%2)"_s.arg(SqlDialect(m_connection).currentTimestamp(),
                                                 SqlDialect::placeholders(ids.size())),
        values);
    if (!done)
        return done.failure();
    return Done{};
}

Status IndexOutbox::retryLater(qint64 id, const QString &reason, qint64 delayMs)
{
    const auto updated = m_connection.run(
        tr("Scheduling an index update again"),
        u"UPDATE index_outbox SET next_attempt_at = %1, claimed_until = NULL, last_error = ? "
        "WHERE id = ?"_s.arg(SqlDialect(m_connection).timestampAfterMilliseconds()),
        {delayMs, reason.left(2000), id});
    if (!updated)
        return updated.failure();
    return Done{};
}

Status IndexOutbox::fail(qint64 id, const QString &reason)
{
    const auto updated = m_connection.run(
        tr("Recording a failed index update"),
        u"UPDATE index_outbox SET state = 'failed', claimed_until = NULL, last_error = ? "
        "WHERE id = ?"_s,
        {reason.left(2000), id});
    if (!updated)
        return updated.failure();
    return Done{};
}

Result<IndexOutbox::Summary> IndexOutbox::summary()
{
    Summary summary;
    auto counts = m_connection.run(
        tr("Reading the index sync state"),
        u"SELECT state, COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), MIN(created_on) "
        "FROM index_outbox GROUP BY state"_s);
    if (!counts)
        return counts.failure();
    while (counts.value().next()) {
        const QSqlQuery &row = counts.value();
        const QString state = row.value(0).toString();
        const qint64 count = row.value(1).toLongLong();
        if (state == u"pending") {
            summary.pending = count;
            summary.waitingToRetry = row.value(2).toLongLong();
            summary.oldestPending = row.value(3).toDateTime();
        } else if (state == u"done") {
            summary.done = count;
        } else {
            summary.failed = count;
        }
    }
    auto failed = m_connection.run(
        tr("Reading failed index updates"),
        u"SELECT id, scope, CASE WHEN scope = 'bill' THEN bill_id ELSE report_id END, attempts, "
        "last_error FROM index_outbox WHERE state = 'failed' ORDER BY id DESC LIMIT 20"_s);
    if (!failed)
        return failed.failure();
    while (failed.value().next()) {
        const QSqlQuery &row = failed.value();
        summary.failedRows.append({row.value(0).toLongLong(), row.value(1).toString(),
                                   row.value(2).toLongLong(), row.value(3).toInt(),
                                   row.value(4).toString()});
    }
    auto lastError = m_connection.run(
        tr("Reading the index sync state"),
        u"SELECT last_error FROM index_outbox WHERE state = 'pending' AND last_error <> '' "
        "ORDER BY id DESC LIMIT 1"_s);
    if (!lastError)
        return lastError.failure();
    if (lastError.value().next())
        summary.lastError = lastError.value().value(0).toString();
    return summary;
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
