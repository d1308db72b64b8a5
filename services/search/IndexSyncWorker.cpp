#include "IndexSyncWorker.h"

#include "IndexClient.h"
#include "IndexOutbox.h"
#include "SearchLog.h"
#include "services/db/DatabaseConnection.h"

namespace calloutdesk {

IndexSyncWorker::IndexSyncWorker(std::shared_ptr<ConnectionPool> database, IndexEndpoint index,
                                 IndexSync::Options options, int intervalMs)
    : QueueWorker(std::move(database), intervalMs)
    , m_index(std::move(index))
    , m_options(std::move(options))
{ }

IndexSyncWorker::~IndexSyncWorker()
{
    // Torn down on the lane, where the sync and its network client live.
    tearDownOnLane([this] {
        m_sync.reset();
        m_client.reset();
    });
}

void IndexSyncWorker::drain()
{
    post([this](const Result<DatabaseConnection *> &connection) { drainOn(connection); });
}

void IndexSyncWorker::drainOn(const Result<DatabaseConnection *> &connection)
{
    if (upgradedPast(connection))
        return;
    // A lost connection is opened again by the lane for the next round.
    if (!connection) {
        finish({{}, connection.failure().message, QString()});
        return;
    }
    // The lane keeps one connection object for its life, opened again in place.
    DatabaseConnection *database = connection.value();
    if (!m_sync) {
        m_client = std::make_unique<IndexClient>(m_index);
        m_sync = std::make_unique<IndexSync>(*database, *m_client, m_options);
    }
    m_sync->drainAll([this, database](const IndexSync::Report &report) {
        Outcome outcome{report, report.problem ? report.problem->message : QString(), QString()};
        if (!report.databaseFailed) {
            const auto alarm = IndexOutbox(*database).alarm();
            if (alarm)
                outcome.attention = alarm.value();
        }
        if (report.claimed > 0 || report.problem)
            qCInfo(lcIndex) << "index sync: sent" << report.sent << "retrying" << report.retried
                            << "refused" << report.held;
        finish(outcome);
    });
}

} // namespace calloutdesk
