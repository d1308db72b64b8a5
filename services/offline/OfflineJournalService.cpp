#include "OfflineJournalService.h"

#include "OfflineCache.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"

#include <QtConcurrent/QtConcurrentRun>

namespace calloutdesk {

namespace {

// Runs work(journal) on the person's cache, opened for it on the calling thread.
template <typename Work>
auto withJournal(const OfflineCacheLocation &location, Work work)
    -> std::invoke_result_t<Work, OfflineJournal &>
{
    auto cache = OfflineCache::open(location);
    if (!cache)
        return cache.failure();
    OfflineJournal journal(*cache.value());
    return work(journal);
}

} // namespace

OfflineJournalService::OfflineJournalService(OfflineCacheLocation cache,
                                             std::function<bool()> offline)
    : m_location(std::move(cache))
    , m_offline(std::move(offline))
{ }

bool OfflineJournalService::isOffline() const
{
    return m_offline && m_offline();
}

Result<qint64> OfflineJournalService::keep(const SessionScope &scope, const CalloutRequest &request,
                                           const BillParties &order) const
{
    return withJournal(
        m_location, [&](OfflineJournal &journal) { return journal.record(scope, request, order); });
}

QFuture<Result<QList<OfflineJournal::Entry>>> OfflineJournalService::needsAttention() const
{
    return QtConcurrent::run(DatabaseJob::pool(), [location = m_location] {
        return withJournal(location,
                           [](OfflineJournal &journal) { return journal.needsAttention(); });
    });
}

QFuture<Result<qint64>> OfflineJournalService::recordAgain(qint64 id,
                                                           const SessionScope &scope) const
{
    return QtConcurrent::run(DatabaseJob::pool(), [location = m_location, id, scope] {
        return withJournal(location,
                           [&](OfflineJournal &journal) { return journal.recordAgain(id, scope); });
    });
}

QFuture<Status> OfflineJournalService::discard(qint64 id, const QString &reason,
                                               const SessionScope &scope) const
{
    return QtConcurrent::run(DatabaseJob::pool(), [location = m_location, id, reason, scope] {
        return withJournal(
            location, [&](OfflineJournal &journal) { return journal.discard(id, reason, scope); });
    });
}

} // namespace calloutdesk
