#include "OutboxQueue.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OutboxQueue", text);
}

constexpr int maxReasonLength = 2000;

QVariantList variants(const QList<qint64> &ids)
{
    QVariantList values;
    for (const qint64 id : ids)
        values << id;
    return values;
}

} // namespace

OutboxQueue::OutboxQueue(DatabaseConnection &connection, Table table)
    : m_connection(connection)
    , m_table(std::move(table))
{ }

QString OutboxQueue::lane() const
{
    return m_table.laneColumn.isEmpty() ? u"''"_s : m_table.laneColumn;
}

Result<QList<QSqlRecord>> OutboxQueue::claim(const QString &worker, const QString &columns,
                                             int batchSize, int leaseSeconds,
                                             const QStringList &lanes)
{
    if (!m_table.laneColumn.isEmpty() && lanes.isEmpty())
        return QList<QSqlRecord>();
    // PostgreSQL: SKIP LOCKED lets two workers claim disjoint batches at the same moment.
    // SQLite: the write transaction (BEGIN IMMEDIATE) admits one worker at a time anyway.
    WriteTransaction transaction(m_connection);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    const SqlDialect dialect(m_connection);
    const QString now = dialect.currentTimestamp();
    QString due = u"(state = 'pending' AND next_attempt_at <= %1 "
                  "AND (claimed_until IS NULL OR claimed_until < %1))"_s.arg(now);
    if (m_table.claimedState != u"pending") {
        // An item whose worker's lease ran out mid-way is taken over.
        due = u"(%1 OR (state = '%2' AND claimed_until < %3))"_s.arg(due, m_table.claimedState,
                                                                     now);
    }
    QVariantList values{worker, qint64(leaseSeconds) * 1000};
    if (!m_table.laneColumn.isEmpty()) {
        due += u" AND %1 IN (%2)"_s.arg(m_table.laneColumn, SqlDialect::placeholders(lanes.size()));
        for (const QString &lane : lanes)
            values << lane;
    }
    values << batchSize;
    auto claimed = m_connection.run(
        tr("Claiming work from %1").arg(m_table.name),
        u"UPDATE %1 SET state = '%2', claimed_by = ?, claimed_until = %3 "
        "WHERE id IN (SELECT id FROM %1 WHERE %4 ORDER BY id LIMIT ?%5) RETURNING %6"_s.arg(
            m_table.name, m_table.claimedState, dialect.timestampAfterMilliseconds(), due,
            m_connection.isPostgreSql() ? u" FOR UPDATE SKIP LOCKED"_s : QString(), columns),
        values);
    if (!claimed)
        return claimed.failure();
    QList<QSqlRecord> rows;
    while (claimed.value().next())
        rows << claimed.value().record();
    claimed.value().finish();
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    std::sort(rows.begin(), rows.end(), [](const QSqlRecord &a, const QSqlRecord &b) {
        return a.value(u"id"_s).toLongLong() < b.value(u"id"_s).toLongLong();
    });
    return rows;
}

Result<int> OutboxQueue::complete(const QList<qint64> &ids, const QString &worker)
{
    if (ids.isEmpty())
        return 0;
    auto done = m_connection.run(
        tr("Recording work of %1 as done").arg(m_table.name),
        u"UPDATE %1 SET state = '%2', %3 = %4, claimed_until = NULL, last_error = '', "
        "failure_class = '' WHERE id IN (%5) AND state = '%6' AND claimed_by = ?"_s.arg(
            m_table.name, m_table.doneState, m_table.doneColumn,
            SqlDialect(m_connection).currentTimestamp(), SqlDialect::placeholders(ids.size()),
            m_table.claimedState),
        variants(ids) + QVariantList{worker});
    if (!done)
        return done.failure();
    return done.value().numRowsAffected();
}

Result<bool> OutboxQueue::finish(const QString &what, const QString &assignments,
                                 const QVariantList &values, qint64 id, const QString &worker)
{
    auto updated = m_connection.run(
        what,
        u"UPDATE %1 SET %2, claimed_until = NULL WHERE id = ? AND state = '%3' AND claimed_by = ?"_s
            .arg(m_table.name, assignments, m_table.claimedState),
        values + QVariantList{id, worker});
    if (!updated)
        return updated.failure();
    return updated.value().numRowsAffected() == 1;
}

Result<bool> OutboxQueue::retryLater(qint64 id, const QString &worker, FailureClass failureClass,
                                     const QString &reason, qint64 delayMs)
{
    return finish(
        tr("Scheduling work of %1 again").arg(m_table.name),
        u"state = 'pending', attempts = attempts + 1, last_error = ?, failure_class = ?, "
        "next_attempt_at = %1"_s.arg(SqlDialect(m_connection).timestampAfterMilliseconds()),
        {reason.left(maxReasonLength), failureClassKey(failureClass), delayMs}, id, worker);
}

Result<bool> OutboxQueue::release(qint64 id, const QString &worker, const QString &reason)
{
    return finish(tr("Putting work of %1 back").arg(m_table.name),
                  u"state = 'pending', last_error = ?, failure_class = ?"_s,
                  {reason.left(maxReasonLength), failureClassKey(FailureClass::Configuration)}, id,
                  worker);
}

Result<bool> OutboxQueue::fail(qint64 id, const QString &worker, const QString &reason)
{
    return finish(tr("Recording failed work of %1").arg(m_table.name),
                  u"state = 'failed', attempts = attempts + 1, last_error = ?, failure_class = ?"_s,
                  {reason.left(maxReasonLength), failureClassKey(FailureClass::Permanent)}, id,
                  worker);
}

Result<qint64> OutboxQueue::retryFailed(const Selection &selection)
{
    QString narrowed;
    QVariantList values{selection.labId};
    if (selection.id) {
        narrowed += u" AND id = ?"_s;
        values << *selection.id;
    }
    if (selection.since) {
        narrowed += u" AND created_on >= ?"_s;
        values << selection.since->toUTC().toString(Qt::ISODateWithMs);
    }
    auto updated = m_connection.run(
        tr("Sending failed work of %1 again").arg(m_table.name),
        u"UPDATE %1 SET state = 'pending', attempts = 0, failure_class = '', next_attempt_at = %2, "
        "claimed_by = NULL, claimed_until = NULL WHERE lab_id = ? "
        "AND (state = 'failed' OR (state = 'pending' AND failure_class = 'permanent'))%3"_s.arg(
            m_table.name, SqlDialect(m_connection).currentTimestamp(), narrowed),
        values);
    if (!updated)
        return updated.failure();
    return qint64(updated.value().numRowsAffected());
}

Result<OutboxQueue::Counts> OutboxQueue::counts()
{
    Counts counts;
    auto grouped = m_connection.run(
        tr("Reading the state of %1").arg(m_table.name),
        u"SELECT state, failure_class, COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), "
        "MIN(created_on), SUM(CASE WHEN claimed_until > %2 THEN 1 ELSE 0 END) "
        "FROM %1 GROUP BY state, failure_class"_s.arg(m_table.name,
                                                      SqlDialect(m_connection).currentTimestamp()));
    if (!grouped)
        return grouped.failure();
    while (grouped.value().next()) {
        const QSqlQuery &row = grouped.value();
        const QString state = row.value(0).toString();
        const QString failureClass = row.value(1).toString();
        const qint64 count = row.value(2).toLongLong();
        if (state == m_table.doneState) {
            counts.done += count;
        } else if (state == u"failed") {
            counts.failed += count;
        } else if (state == m_table.claimedState && state != u"pending") {
            counts.claimed += count;
        } else if (state == u"pending") {
            counts.pending += count;
            counts.claimed += row.value(5).toLongLong();
            if (failureClass == failureClassKey(FailureClass::Permanent))
                counts.held += count;
            else if (failureClass == failureClassKey(FailureClass::Configuration))
                counts.paused += count;
            else
                counts.waitingToRetry += row.value(3).toLongLong();
            const QDateTime oldest = row.value(4).toDateTime();
            if (!counts.oldestPending.isValid() || oldest < counts.oldestPending)
                counts.oldestPending = oldest;
        }
        // Any other state is the table's own way of being finished (the offline journal's
        // entries a person resolved): no work of the queue.
    }
    auto lastError = m_connection.run(
        tr("Reading the state of %1").arg(m_table.name),
        u"SELECT last_error FROM %1 WHERE state = 'pending' AND last_error <> '' "
        "ORDER BY id DESC LIMIT 1"_s.arg(m_table.name));
    if (!lastError)
        return lastError.failure();
    if (lastError.value().next())
        counts.lastError = lastError.value().value(0).toString();
    return counts;
}

Result<QList<OutboxQueue::Waiting>> OutboxQueue::waiting(FailureClass failureClass)
{
    const QString key = failureClassKey(failureClass);
    auto lanes = m_connection.run(
        tr("Reading the state of %1").arg(m_table.name),
        u"SELECT %2, SUM(CASE WHEN failure_class = ? THEN 1 ELSE 0 END), COUNT(*), "
        "MAX(CASE WHEN failure_class = ? THEN id END) FROM %1 WHERE state = 'pending' "
        "GROUP BY %2 HAVING MAX(CASE WHEN failure_class = ? THEN id END) IS NOT NULL ORDER BY 1"_s
            .arg(m_table.name, lane()),
        {key, key, key});
    if (!lanes)
        return lanes.failure();
    QList<Waiting> waiting;
    QList<qint64> latest;
    while (lanes.value().next()) {
        const QSqlQuery &row = lanes.value();
        waiting.append({row.value(0).toString(), row.value(1).toLongLong(),
                        row.value(2).toLongLong(), QString()});
        latest << row.value(3).toLongLong();
    }
    lanes.value().finish();
    if (latest.isEmpty())
        return waiting;
    auto reasons = m_connection.run(tr("Reading the state of %1").arg(m_table.name),
                                    u"SELECT id, last_error FROM %1 WHERE id IN (%2)"_s.arg(
                                        m_table.name, SqlDialect::placeholders(latest.size())),
                                    variants(latest));
    if (!reasons)
        return reasons.failure();
    while (reasons.value().next()) {
        const qsizetype at = latest.indexOf(reasons.value().value(0).toLongLong());
        if (at >= 0)
            waiting[at].reason = reasons.value().value(1).toString();
    }
    return waiting;
}

Result<int> OutboxQueue::prune(int batchSize)
{
    // Each lab keeps its delivered items for its own retention.
    auto deleted = m_connection.run(
        tr("Removing old delivered work from %1").arg(m_table.name),
        u"DELETE FROM %1 WHERE id IN (SELECT o.id FROM %1 o JOIN lab l ON l.id = o.lab_id "
        "WHERE o.state = '%2' AND o.%3 < %4 LIMIT ?)"_s.arg(
            m_table.name, m_table.doneState, m_table.doneColumn,
            SqlDialect(m_connection).timestampDaysAgo(u"l.outbox_retention_days"_s)),
        {batchSize});
    if (!deleted)
        return deleted.failure();
    return deleted.value().numRowsAffected();
}

} // namespace calloutdesk
