#include "NotificationOutbox.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NotificationOutbox", text);
}

// The columns of a message as a channel gets it, and of a delivery as the history shows
// it, each read by the one function below it.
const QString messageColumns = u"id, lab_id, bill_id, activity_log_id, channel, recipient_kind, "
                               "address, payload, attempts"_s;

NotificationMessage messageFrom(const QSqlRecord &row)
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
    , m_queue(connection,
              {u"notification_outbox"_s, u"sending"_s, u"sent"_s, u"sent_on"_s, u"channel"_s})
{ }

Result<QList<NotificationMessage>> NotificationOutbox::claim(const QString &worker,
                                                             const QStringList &channels,
                                                             int batchSize, int leaseSeconds)
{
    const auto claimed = m_queue.claim(worker, messageColumns, batchSize, leaseSeconds, channels);
    if (!claimed)
        return claimed.failure();
    QList<NotificationMessage> messages;
    for (const QSqlRecord &row : claimed.value())
        messages << messageFrom(row);
    return messages;
}

Result<bool> NotificationOutbox::markSent(qint64 id, const QString &worker)
{
    const auto recorded = m_queue.complete({id}, worker);
    if (!recorded)
        return recorded.failure();
    return recorded.value() == 1;
}

Result<bool> NotificationOutbox::retryLater(qint64 id, const QString &worker,
                                            const QString &reason, qint64 delayMs)
{
    return m_queue.retryLater(id, worker, FailureClass::Transient, reason, delayMs);
}

Result<bool> NotificationOutbox::markFailed(qint64 id, const QString &worker,
                                            const QString &reason)
{
    return m_queue.fail(id, worker, reason);
}

Result<bool> NotificationOutbox::release(qint64 id, const QString &worker, const QString &reason)
{
    return m_queue.release(id, worker, reason);
}

Result<bool> NotificationOutbox::retryFailed(qint64 id, qint64 labId)
{
    const auto retried = m_queue.retryFailed({labId, id, std::nullopt});
    if (!retried)
        return retried.failure();
    return retried.value() == 1;
}

Result<qint64> NotificationOutbox::retryFailed(qint64 labId, const std::optional<QDateTime> &since)
{
    return m_queue.retryFailed({labId, std::nullopt, since});
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
    const auto counts = m_queue.counts();
    if (!counts)
        return counts.failure();
    summary.pending = counts.value().pending;
    summary.waitingToRetry = counts.value().waitingToRetry;
    summary.sending = counts.value().claimed;
    summary.sent = counts.value().done;
    summary.failed = counts.value().failed;
    const auto paused = m_queue.waiting(FailureClass::Configuration);
    if (!paused)
        return paused.failure();
    summary.paused = paused.value();
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
