#include "NotificationDispatcher.h"

#include "NotificationOutbox.h"
#include "services/queue/FailureClass.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

Q_LOGGING_CATEGORY(lcNotify, "calloutdesk.notify")

QString tr(const char *text)
{
    return QCoreApplication::translate("NotificationDispatcher", text);
}

} // namespace

NotificationDispatcher::NotificationDispatcher(DatabaseConnection &connection,
                                               ContentReader readContent,
                                               const NotificationChannels &channels,
                                               Options options)
    : m_connection(connection)
    , m_readContent(std::move(readContent))
    , m_channels(&channels)
    , m_options(std::move(options))
    , m_pauses(m_options.probeIntervalMs)
    , m_pruner(m_options.pruning)
{ }

bool NotificationDispatcher::tally(Outcome outcome, const QString &problem, Report &report)
{
    switch (outcome) {
    case Outcome::Sent:
        ++report.sent;
        break;
    case Outcome::Retry:
        ++report.retried;
        break;
    case Outcome::Failed:
        ++report.failed;
        break;
    case Outcome::Paused:
        ++report.paused;
        break;
    case Outcome::Lost:
        ++report.lostClaims;
        break;
    case Outcome::DatabaseFailed:
        // The rest of the batch keeps its claim and comes back when the lease ends.
        report.problem = problem;
        return false;
    }
    return true;
}

void NotificationDispatcher::probe(NotificationOutbox &outbox, Report &report)
{
    for (const QString &channel : m_pauses.dueForProbe()) {
        const auto claimed = outbox.claim(m_options.worker, {channel}, 1, m_options.leaseSeconds);
        if (!claimed) {
            report.problem = claimed.failure().message;
            return;
        }
        if (claimed.value().isEmpty()) {
            // Nothing waits: the channel's next message finds out whether it works.
            m_pauses.resume(channel);
            continue;
        }
        ++report.claimed;
        QString problem;
        if (!tally(deliver(outbox, claimed.value().first(), problem), problem, report))
            return;
    }
}

NotificationDispatcher::Report NotificationDispatcher::drainOnce()
{
    Report report;
    NotificationOutbox outbox(m_connection);
    probe(outbox, report);
    if (!report.problem.isEmpty())
        return report;
    auto claimed = outbox.claim(m_options.worker, m_pauses.active(m_channels->keys()),
                                m_options.batchSize, m_options.leaseSeconds);
    if (!claimed) {
        report.problem = claimed.failure().message;
        return report;
    }
    report.claimed += int(claimed.value().size());
    for (const NotificationMessage &message : claimed.value()) {
        QString problem;
        Outcome outcome = Outcome::Paused;
        if (m_pauses.isPaused(message.channel)) {
            // An earlier message of this batch paused its channel: back to waiting, untried.
            const auto released
                = outbox.release(message.id, m_options.worker, m_pauses.reason(message.channel));
            if (!released) {
                problem = released.failure().message;
                outcome = Outcome::DatabaseFailed;
            } else if (!released.value()) {
                outcome = Outcome::Lost;
            }
        } else {
            outcome = deliver(outbox, message, problem);
        }
        if (!tally(outcome, problem, report))
            return report;
    }
    return report;
}

void NotificationDispatcher::Report::add(const Report &later)
{
    QueueRound::add(later);
    problem = later.problem;
}

NotificationDispatcher::Report NotificationDispatcher::drainAll()
{
    Report total;
    for (;;) {
        const Report round = drainOnce();
        total.add(round);
        if (round.claimed == 0 || !round.problem.isEmpty())
            break;
    }
    if (total.problem.isEmpty())
        prune(total);
    return total;
}

void NotificationDispatcher::prune(Report &report)
{
    NotificationOutbox outbox(m_connection);
    const auto pruned = m_pruner.pruneIfDue(outbox.queue());
    if (!pruned)
        report.problem = pruned.failure().message;
    else if (pruned.value() > 0)
        qCInfo(lcNotify) << "removed" << pruned.value() << "notifications sent long ago";
}

NotificationDispatcher::Outcome NotificationDispatcher::deliver(NotificationOutbox &outbox,
                                                                const NotificationMessage &message,
                                                                QString &problem)
{
    std::optional<Failure> failure;
    const auto content = m_readContent(m_connection, message);
    if (!content) {
        failure = content.failure();
    } else if (NotificationChannel *channel = m_channels->find(message.channel)) {
        const Status delivered = channel->deliver(message, content.value());
        if (!delivered)
            failure = delivered.failure();
    } else {
        failure = Failure::internal(
            tr("No %1 channel is configured on the desk that took this message.").arg(message.channel));
    }

    Result<bool> recorded = false;
    Outcome outcome = Outcome::Sent;
    const FailureClass failureClass = failure ? failureClassOf(*failure) : FailureClass::Transient;
    if (!failure) {
        recorded = outbox.markSent(message.id, m_options.worker);
        // Sent: the channel works (again), whether this was a probe or not.
        m_pauses.resume(message.channel);
        qCInfo(lcNotify) << "sent notification" << message.id << "by" << message.channel;
    } else if (failureClass == FailureClass::Configuration) {
        recorded = outbox.release(message.id, m_options.worker, failure->message);
        m_pauses.pause(message.channel, failure->message);
        outcome = Outcome::Paused;
        qCWarning(lcNotify) << "channel" << message.channel << "paused:" << failure->message;
    } else if (failureClass == FailureClass::Transient
               && !m_options.retry.givesUpAt(message.attempts + 1)) {
        recorded = outbox.retryLater(message.id, m_options.worker, failure->message,
                                     m_options.retry.delayAfter(message.attempts));
        outcome = Outcome::Retry;
        qCInfo(lcNotify) << "notification" << message.id << "will be retried:" << failure->message;
    } else {
        const QString reason = failureClass == FailureClass::Transient
            ? tr("Gave up after %1 attempts: %2").arg(message.attempts + 1).arg(failure->message)
            : failure->message;
        recorded = outbox.markFailed(message.id, m_options.worker, reason);
        outcome = Outcome::Failed;
        qCWarning(lcNotify) << "notification" << message.id << "failed:" << reason;
    }
    if (!recorded) {
        problem = recorded.failure().message;
        return Outcome::DatabaseFailed;
    }
    return recorded.value() ? outcome : Outcome::Lost;
}

} // namespace calloutdesk
