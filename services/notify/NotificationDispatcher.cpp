#include "NotificationDispatcher.h"

#include "NotificationOutbox.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

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
    , m_channels(channels)
    , m_options(std::move(options))
{ }

qint64 NotificationDispatcher::retryDelay(int failedAttempts) const
{
    const double exponential
        = double(m_options.firstRetryMs) * std::pow(2.0, std::clamp(failedAttempts, 0, 30));
    const double capped = std::min(exponential, double(m_options.maxRetryMs));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return qint64(capped * jitter);
}

NotificationDispatcher::Report NotificationDispatcher::drainOnce()
{
    Report report;
    NotificationOutbox outbox(m_connection);
    auto claimed = outbox.claim(m_options.worker, m_channels.keys(), m_options.batchSize,
                                m_options.leaseSeconds);
    if (!claimed) {
        report.problem = claimed.failure().message;
        return report;
    }
    report.claimed = int(claimed.value().size());
    for (const NotificationMessage &message : claimed.value()) {
        QString problem;
        switch (deliver(message, problem)) {
        case Outcome::Sent:
            ++report.sent;
            break;
        case Outcome::Retry:
            ++report.retried;
            break;
        case Outcome::Failed:
            ++report.failed;
            break;
        case Outcome::Lost:
            ++report.lostClaims;
            break;
        case Outcome::DatabaseFailed:
            // The rest of the batch keeps its claim and comes back when the lease ends.
            report.problem = problem;
            return report;
        }
    }
    return report;
}

void NotificationDispatcher::Report::add(const Report &later)
{
    claimed += later.claimed;
    sent += later.sent;
    retried += later.retried;
    failed += later.failed;
    lostClaims += later.lostClaims;
    problem = later.problem;
}

NotificationDispatcher::Report NotificationDispatcher::drainAll()
{
    Report total;
    for (;;) {
        const Report round = drainOnce();
        total.add(round);
        if (round.claimed == 0 || !round.problem.isEmpty())
            return total;
    }
}

NotificationDispatcher::Outcome NotificationDispatcher::deliver(const NotificationMessage &message,
                                                                QString &problem)
{
    NotificationOutbox outbox(m_connection);
    std::optional<Failure> failure;
    const auto content = m_readContent(m_connection, message);
    if (!content) {
        failure = content.failure();
    } else if (NotificationChannel *channel = m_channels.find(message.channel)) {
        const Status delivered = channel->deliver(message, content.value());
        if (!delivered)
            failure = delivered.failure();
    } else {
        failure = Failure::internal(
            tr("No %1 channel is configured on the desk that took this message.").arg(message.channel));
    }

    Result<bool> recorded = false;
    Outcome outcome = Outcome::Sent;
    if (!failure) {
        recorded = outbox.markSent(message.id, m_options.worker);
        qCInfo(lcNotify) << "sent notification" << message.id << "by" << message.channel;
    } else if (failure->kind == Failure::Kind::Unavailable
               && message.attempts + 1 < m_options.maxAttempts) {
        recorded = outbox.retryLater(message.id, m_options.worker, failure->message,
                                     retryDelay(message.attempts));
        outcome = Outcome::Retry;
        qCInfo(lcNotify) << "notification" << message.id << "will be retried:" << failure->message;
    } else {
        const QString reason = failure->kind == Failure::Kind::Unavailable
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
