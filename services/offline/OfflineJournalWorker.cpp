#include "OfflineJournalWorker.h"

#include "OfflineCache.h"
#include "OfflineJournal.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>

namespace calloutdesk {

OfflineJournalWorker::OfflineJournalWorker(std::shared_ptr<ConnectionPool> server,
                                           OfflineCacheLocation cache, SessionScope scope,
                                           OfflineJournalReplayer::Options options, int intervalMs)
    : QueueWorker(std::move(server), intervalMs)
    , m_location(std::move(cache))
    , m_scope(std::move(scope))
    , m_options(std::move(options))
{ }

OfflineJournalWorker::~OfflineJournalWorker()
{
    tearDownOnLane([this] { m_cache.reset(); });
}

void OfflineJournalWorker::drain()
{
    post([this](const Result<DatabaseConnection *> &connection) { drainOn(connection); });
}

void OfflineJournalWorker::drainOn(const Result<DatabaseConnection *> &connection)
{
    if (upgradedPast(connection))
        return;
    if (!connection) {
        finish({{}, connection.failure().message, QString()});
        return;
    }
    if (!m_cache) {
        auto opened = OfflineCache::open(m_location);
        if (!opened) {
            finish({{}, opened.failure().message, QString()});
            return;
        }
        m_cache = std::move(opened.value());
    }
    const OfflineJournalReplayer::Report report
        = OfflineJournalReplayer(*m_cache, *connection.value(), m_scope, m_options).replay();
    Outcome outcome{report, report.problem ? report.problem->message : QString(), QString()};
    if (const auto waiting = OfflineJournal(*m_cache).needsAttention();
        waiting && !waiting.value().isEmpty()) {
        outcome.attention
            = QCoreApplication::translate("OfflineJournalWorker",
                                          "Callouts recorded offline that need attention: %1. The "
                                          "server refused them as they were made.")
                  .arg(waiting.value().size());
    }
    finish(outcome);
}

} // namespace calloutdesk
