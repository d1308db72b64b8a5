#pragma once

#include "NotificationMessage.h"
#include "models/NotificationDelivery.h"
#include "services/Failure.h"
#include "services/queue/OutboxQueue.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The notification outbox (SPEC N3, N4) as the delivery workers see it: notification_outbox
// as an OutboxQueue whose lanes are the channels. A worker claims a message by setting it
// 'sending' for a lease; only the holder of the claim can record how the send went, so
// several desks draining one outbox send each message once while a claim holds, and a desk
// that dies mid-send only delays its messages until the lease runs out.
class NotificationOutbox
{
public:
    using Delivery = NotificationDelivery;

    struct Summary
    {
        qint64 pending = 0;
        qint64 waitingToRetry = 0; // pending after at least one failed attempt
        qint64 sending = 0;
        qint64 sent = 0;
        qint64 failed = 0;
        QList<Delivery> failures; // the latest 20 failed messages
        // The channels whose messages wait because a desk's settings were refused.
        QList<OutboxQueue::Waiting> paused;
    };

    explicit NotificationOutbox(DatabaseConnection &connection);

    // Only messages of the given channels: a desk takes what it can send.
    Result<QList<NotificationMessage>> claim(const QString &worker, const QStringList &channels,
                                             int batchSize, int leaseSeconds);
    // Each of these changes the message only while `worker` still holds its claim; a
    // false result means the claim had run out and another desk has the message now.
    Result<bool> markSent(qint64 id, const QString &worker);
    Result<bool> retryLater(qint64 id, const QString &worker, const QString &reason,
                            qint64 delayMs);
    Result<bool> markFailed(qint64 id, const QString &worker, const QString &reason);
    // Back to waiting, its attempt not counted: the channel's settings on this desk were
    // refused (SPEC N4).
    Result<bool> release(qint64 id, const QString &worker, const QString &reason);
    // A failed message goes out again on the next round (SPEC N3: "can be retried").
    // False when the message is not a failed one of this lab.
    Result<bool> retryFailed(qint64 id, qint64 labId);
    // Every failed message of this lab, queued at or after `since` when given, goes out
    // again on the next round; how many.
    Result<qint64> retryFailed(qint64 labId, const std::optional<QDateTime> &since);

    // The messages of these callouts (activity log ids), for the callout history.
    Result<QList<Delivery>> deliveriesOf(const QList<qint64> &activityLogIds, qint64 labId);
    Result<Summary> summary();

    OutboxQueue &queue() { return m_queue; }

private:
    DatabaseConnection &m_connection;
    OutboxQueue m_queue;
};

} // namespace calloutdesk
