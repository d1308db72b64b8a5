#include "OfflineJournalReplayer.h"

#include "OfflineJournal.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OfflineJournalReplayer", text);
}

// What the server said that a person must look at: the callout as made cannot be applied.
bool needsAttention(const Failure &failure)
{
    return failure.kind == Failure::Kind::Conflict || failure.kind == Failure::Kind::InvalidInput;
}

} // namespace

OfflineJournalReplayer::OfflineJournalReplayer(DatabaseConnection &cache,
                                               DatabaseConnection &server, SessionScope scope,
                                               Options options)
    : m_cache(cache)
    , m_server(server)
    , m_scope(std::move(scope))
    , m_options(std::move(options))
{ }

OfflineJournalReplayer::Report OfflineJournalReplayer::replay()
{
    Report report;
    while (replayBatch(report)) { }
    return report;
}

bool OfflineJournalReplayer::replayBatch(Report &report)
{
    OfflineJournal journal(m_cache);
    OutboxQueue queue = journal.queue();
    auto claimed = queue.claim(m_options.worker, OfflineJournal::claimColumns(),
                               m_options.batchSize, m_options.leaseSeconds);
    if (!claimed) {
        report.problem = claimed.failure();
        return false;
    }
    if (claimed.value().isEmpty())
        return false;
    report.claimed += int(claimed.value().size());

    // Once one entry waits, every entry made after it waits as long, so they stay in order.
    std::optional<qint64> waitMs;
    QString waitReason;
    const auto recordOutcome = [&report](const Result<bool> &recorded, int QueueRound::*counter) {
        if (!recorded) {
            report.problem = recorded.failure();
            return false;
        }
        if (recorded.value())
            ++(report.*counter);
        else
            ++report.lostClaims;
        return true;
    };

    for (const QSqlRecord &record : std::as_const(claimed.value())) {
        const qint64 id = record.value(u"id"_s).toLongLong();
        const int attempts = record.value(u"attempts"_s).toInt();
        if (!waitMs) {
            auto before = journal.hasOpenEntryBefore(id);
            if (!before) {
                report.problem = before.failure();
                return false;
            }
            if (before.value()) {
                waitMs = m_options.retry.delayAfter(0);
                waitReason = tr("Waits for a callout recorded before it.");
            }
        }
        if (waitMs) {
            if (!recordOutcome(queue.retryLater(id, m_options.worker, FailureClass::Transient,
                                                waitReason, *waitMs),
                               &QueueRound::retried)) {
                return false;
            }
            continue;
        }

        const OfflineJournal::Entry entry = OfflineJournal::entryOf(record);
        if (!entry.unreadable.isEmpty()) {
            // Kept, for a person to look at: never sent as something it was not.
            if (!recordOutcome(queue.fail(id, m_options.worker, entry.unreadable),
                               &QueueRound::failed)) {
                return false;
            }
            continue;
        }
        const auto sent = CalloutEngine(m_server).submit(m_scope, entry.request);
        if (sent) {
            if (!recordOutcome(
                    journal.markApplied(id, sent.value().activityLogId, m_options.worker),
                    &QueueRound::sent)) {
                return false;
            }
            continue;
        }
        const Failure &failure = sent.failure();
        if (needsAttention(failure)) {
            if (!recordOutcome(queue.fail(id, m_options.worker, failure.message),
                               &QueueRound::failed)) {
                return false;
            }
            continue;
        }
        report.problem = failure;
        waitMs = m_options.retry.delayAfter(attempts);
        waitReason = failure.message;
        if (!recordOutcome(queue.retryLater(id, m_options.worker, failureClassOf(failure),
                                            failure.message, *waitMs),
                           &QueueRound::retried)) {
            return false;
        }
        waitReason = tr("Waits for a callout recorded before it: %1").arg(failure.message);
    }
    return !waitMs;
}

} // namespace calloutdesk
