#include "NotificationOutbox.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NotificationOutbox", text);
}

constexpr int maxReasonLength = 2000;

// The columns of a message as a channel gets it, and of a delivery as the history shows
// it, each read by the one function below it.
const QString messageColumns = u"id, lab_id, bill_id, activity_log_id, channel, recipient_kind, "
                               "address, payload, attempts"_s;

NotificationMessage messageFrom(const QSqlQuery &row)
{
    NotificationMessage message;
    message.id = row.value(0).toLongLong();
    message.labId = row.value(1).toLongLong();
    message.billId = row.value(2).toLongLong();
    message.activityLogId = row.value(3).toLongLong();
    message.channel = row.value(4).toString();
    message.recipientKind = row.value(5).toString();
    message.address = row.value(6).toString();
    message.payload = QJsonDocument::fromJson(row.value(7).toString().toUtf8()).object();
    message.attempts = row.value(8).toInt();
    return message;
}

const QString deliveryColumns = u"id, activity_log_id, channel, recipient_kind, address, state, "
                                "attempts, last_error, next_attempt_at, sent_on"_s;

NotificationDelivery deliveryFrom(const QSqlQuery &row)
{
    return {row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toString(),
            row.value(3).toString(),   row.value(4).toString(),   row.value(5).toString(),
            row.value(6).toInt(),      row.value(7).toString(),   row.value(8).toDateTime(),
            row.value(9).toDateTime()};
}

} // namespace

NotificationOutbox::NotificationOutbox(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<NotificationMessage>> NotificationOutbox::claim(const QString &worker,
                                                             const QStringList &channels,
                                                             int batchSize, int leaseSeconds)
{
    if (channels.isEmpty())
        return QList<NotificationMessage>();
    // PostgreSQL: SKIP LOCKED lets two desks claim disjoint batches at the same moment.
    // SQLite: the write transaction (BEGIN IMMEDIATE) admits one desk at a time anyway.
    WriteTransaction transaction(m_connection);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    const SqlDialect dialect(m_connection);
    const QString now = dialect.currentTimestamp();
    const QString skipLocked
        = m_connection.isPostgreSql() ? u" FOR UPDATE SKIP LOCKED"_s : QString();
    QVariantList channelValues;
    for (const QString &channel : channels)
        channelValues << channel;
    auto claimed = m_connection.run(
        tr("Claiming notifications to send"),
        u"UPDATE notification_outbox SET state = 'sending', claimed_by = ?, claimed_until = %1 "
        "WHERE id IN (SELECT id FROM notification_outbox WHERE channel IN (%4) AND "
        "((state = 'pending' AND next_attempt_at <= %2) "
        "OR (state = 'sending' AND claimed_until < %2)) ORDER BY id LIMIT ?%3) "
        "RETURNING %5"_s.arg(dialect.timestampAfterMilliseconds(), now, skipLocked,
                             SqlDialect::placeholders(channels.size()), messageColumns),
        QVariantList{worker, qint64(leaseSeconds) * 1000} + channelValues + QVariantList{batchSize});
    if (!claimed)
        return claimed.failure();
    QList<NotificationMessage> messages;
    while (claimed.value().next())
        messages << messageFrom(claimed.value());
    claimed.value().finish();
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    std::sort(messages.begin(), messages.end(),
              [](const NotificationMessage &a, const NotificationMessage &b) { return a.id < b.id; });
    return messages;
}

Result<bool> NotificationOutbox::finish(const QString &what, const QString &assignments,
                                        const QVariantList &values, qint64 id,
                                        const QString &worker)
{
    auto updated = m_connection.run(
        what,
        u"UPDATE notification_outbox SET %1, claimed_until = NULL "
        "WHERE id = ? AND state = 'sending' AND claimed_by = ?"_s.arg(assignments),
        values + QVariantList{id, worker});
    if (!updated)
        return updated.failure();
    return updated.value().numRowsAffected() == 1;
}

Result<bool> NotificationOutbox::markSent(qint64 id, const QString &worker)
{
    return finish(tr("Recording a notification as sent"),
                  u"state = 'sent', last_error = '', sent_on = %1"_s.arg(
                      SqlDialect(m_connection).currentTimestamp()),
                  {}, id, worker);
}

Result<bool> NotificationOutbox::retryLater(qint64 id, const QString &worker,
                                            const QString &reason, qint64 delayMs)
{
    return finish(tr("Scheduling a notification again"),
                  u"state = 'pending', attempts = attempts + 1, last_error = ?, "
                  "next_attempt_at = %1"_s.arg(SqlDialect(m_connection).timestampAfterMilliseconds()),
                  {reason.left(maxReasonLength), delayMs}, id, worker);
}

Result<bool> NotificationOutbox::markFailed(qint64 id, const QString &worker,
                                            const QString &reason)
{
    return finish(tr("Recording a failed notification"),
                  u"state = 'failed', attempts = attempts + 1, last_error = ?"_s,
                  {reason.left(maxReasonLength)}, id, worker);
}

Result<bool> NotificationOutbox::retryFailed(qint64 id, qint64 labId)
{
    auto updated = m_connection.run(
        tr("Sending a failed notification again"),
        u"UPDATE notification_outbox SET state = 'pending', attempts = 0, next_attempt_at = %1, "
        "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND lab_id = ? AND state = 'failed'"_s
            .arg(SqlDialect(m_connection).currentTimestamp()),
        {id, labId});
    if (!updated)
        return updated.failure();
    return updated.value().numRowsAffected() == 1;
}

Result<QList<NotificationOutbox::Delivery>>
NotificationOutbox::deliveriesOf(const QList<qint64> &activityLogIds, qint64 labId)
{
    QList<Delivery> deliveries;
    if (activityLogIds.isEmpty())
        return deliveries;
    QVariantList values{labId};
    for (const qint64 id : activityLogIds)
        values << id;
    auto rows = m_connection.run(
        tr("Reading the delivery of notifications"),
        u"SELECT %1 FROM notification_outbox WHERE lab_id = ? AND activity_log_id IN (%2) "
        "ORDER BY id"_s.arg(deliveryColumns, SqlDialect::placeholders(activityLogIds.size())),
        values);
    if (!rows)
        return rows.failure();
    while (rows.value().next())
        deliveries << deliveryFrom(rows.value());
    return deliveries;
}

Result<NotificationOutbox::Summary> NotificationOutbox::summary()
{
    Summary summary;
    auto counts = m_connection.run(
        tr("Reading the notification outbox"),
        u"SELECT state, COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) "
        "FROM notification_outbox GROUP BY state"_s);
    if (!counts)
        return counts.failure();
    while (counts.value().next()) {
        const QSqlQuery &row = counts.value();
        const QString state = row.value(0).toString();
        const qint64 count = row.value(1).toLongLong();
        if (state == u"pending") {
            summary.pending = count;
            summary.waitingToRetry = row.value(2).toLongLong();
        } else if (state == u"sending") {
            summary.sending = count;
        } else if (state == u"sent") {
            summary.sent = count;
        } else {
            summary.failed = count;
        }
    }
    auto failed = m_connection.run(
        tr("Reading failed notifications"),
        u"SELECT %1 FROM notification_outbox WHERE state = 'failed' ORDER BY id DESC LIMIT 20"_s
            .arg(deliveryColumns));
    if (!failed)
        return failed.failure();
    while (failed.value().next())
        summary.failures << deliveryFrom(failed.value());
    return summary;
}

} // namespace calloutdesk
