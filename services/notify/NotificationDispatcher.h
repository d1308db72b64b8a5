#pragma once

#include "NotificationChannel.h"
#include "NotificationChannels.h"
#include "NotificationContent.h"
#include "NotificationMessage.h"
#include "services/Failure.h"
#include "services/queue/LanePauses.h"
#include "services/queue/OutboxPruner.h"
#include "services/queue/QueueRound.h"
#include "services/queue/RetryPolicy.h"

#include <functional>

namespace calloutdesk {

class DatabaseConnection;
class NotificationOutbox;

// Delivers what the notification outbox holds (SPEC N3, N4): claims a batch, reads each
// message's content, hands it to its channel and records the outcome, by the failure's
// class:
//   transient (server down, timeout, 4xx reply, HTTP 408/429/5xx) — retried later with a
//     growing delay, failed with its reason once it has failed maxAttempts times;
//   configuration (login refused, TLS demanded or not trusted, gateway 401/403) — the
//     channel is paused on this desk, the message waits without its attempt counted, and
//     a probe (one message, on a slow timer or after probeSoon()) resumes the channel once
//     it works;
//   permanent (the server refuses that recipient) — failed with the server's reason.
// The callout itself was committed long before and is never touched. Delivered messages
// are pruned after their lab's retention.
class NotificationDispatcher
{
public:
    struct Options
    {
        QString worker;
        int batchSize = 20;
        // Longer than the slowest send (SMTP and gateway timeouts are well under it).
        int leaseSeconds = 300;
        RetryPolicy retry{30 * 1000, 60 * 60 * 1000, 12};
        // How long a paused channel waits before the next probe.
        qint64 probeIntervalMs = 5 * 60 * 1000;
        OutboxPruner::Options pruning;
    };

    struct Report : QueueRound
    {
        QString problem; // the database itself failed: the round stopped there

        // Adds a later round's counts; its problem, or none, is the one that stands.
        void add(const Report &later);
    };

    using ContentReader
        = std::function<Result<NotificationContent>(DatabaseConnection &, const NotificationMessage &)>;

    // `channels` are this desk's; it claims only messages it can send.
    NotificationDispatcher(DatabaseConnection &connection, ContentReader readContent,
                           const NotificationChannels &channels, Options options);

    // One batch, after a probe of each paused channel that is due; claimed == 0 means the
    // outbox had nothing due.
    Report drainOnce();
    // Batches until nothing is due or the database fails, then prune().
    Report drainAll();
    // Removes sent messages past their lab's retention, when a prune is due (at most once
    // an hour); a failure of the database goes into the report.
    void prune(Report &report);

    // The channels this desk has paused, and why.
    const LanePauses &pauses() const { return m_pauses; }
    // The settings may have changed: probe every paused channel on the next round.
    void probeSoon() { m_pauses.probeSoon(); }
    // New channels (the settings were read again); pauses stay until a probe succeeds.
    void setChannels(const NotificationChannels &channels) { m_channels = &channels; }

private:
    enum class Outcome
    {
        Sent,
        Retry,
        Failed,
        Paused,
        Lost,
        DatabaseFailed
    };
    Outcome deliver(NotificationOutbox &outbox, const NotificationMessage &message,
                    QString &problem);
    // Counts the outcome; false when the round must stop.
    static bool tally(Outcome outcome, const QString &problem, Report &report);
    void probe(NotificationOutbox &outbox, Report &report);

    DatabaseConnection &m_connection;
    ContentReader m_readContent;
    const NotificationChannels *m_channels;
    Options m_options;
    LanePauses m_pauses;
    OutboxPruner m_pruner;
};

} // namespace calloutdesk
