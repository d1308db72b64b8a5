#pragma once

#include "NotificationChannel.h"
#include "NotificationChannels.h"
#include "NotificationContent.h"
#include "NotificationMessage.h"
#include "services/Failure.h"

#include <functional>

namespace calloutdesk {

class DatabaseConnection;

// Delivers what the notification outbox holds (SPEC N3): claims a batch, reads each
// message's content, hands it to its channel and records the outcome. A transient
// failure is retried later with a growing delay; a permanent one, or one that keeps
// failing past maxAttempts, is recorded as failed with its reason. The callout itself
// was committed long before and is never touched.
class NotificationDispatcher
{
public:
    struct Options
    {
        QString worker;
        int batchSize = 20;
        // Longer than the slowest send (SMTP and gateway timeouts are well under it).
        int leaseSeconds = 300;
        qint64 firstRetryMs = 30 * 1000;
        qint64 maxRetryMs = 60 * 60 * 1000;
        int maxAttempts = 12;
    };

    struct Report
    {
        int claimed = 0;
        int sent = 0;
        int retried = 0;
        int failed = 0;
        // Outcomes not recorded because the claim had run out and another desk took over.
        int lostClaims = 0;
        QString problem; // the database itself failed: the round stopped there

        // Adds a later round's counts; its problem, or none, is the one that stands.
        void add(const Report &later);
    };

    using ContentReader
        = std::function<Result<NotificationContent>(DatabaseConnection &, const NotificationMessage &)>;

    // `channels` are this desk's; it claims only messages it can send.
    NotificationDispatcher(DatabaseConnection &connection, ContentReader readContent,
                           const NotificationChannels &channels, Options options);

    // One batch; claimed == 0 means the outbox had nothing due.
    Report drainOnce();
    // Batches until nothing is due or the database fails.
    Report drainAll();

    // The delay before the attempt after `failedAttempts` failures: doubling from
    // firstRetryMs up to maxRetryMs, with a random ±20 % so desks that failed together do
    // not retry together.
    qint64 retryDelay(int failedAttempts) const;

private:
    enum class Outcome
    {
        Sent,
        Retry,
        Failed,
        Lost,
        DatabaseFailed
    };
    Outcome deliver(const NotificationMessage &message, QString &problem);

    DatabaseConnection &m_connection;
    ContentReader m_readContent;
    const NotificationChannels &m_channels;
    Options m_options;
};

} // namespace calloutdesk
