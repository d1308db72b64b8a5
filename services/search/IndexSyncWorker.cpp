#include "IndexSyncWorker.h"

#include "IndexClient.h"
#include "SearchLog.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/MigrationRunner.h"

#include <QSemaphore>

namespace calloutdesk {

IndexSyncWorker::IndexSyncWorker(std::shared_ptr<ConnectionPool> database, IndexEndpoint index,
                                 IndexSync::Options options, int intervalMs)
    : m_database(std::move(database))
    , m_index(std::move(index))
    , m_options(std::move(options))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &IndexSyncWorker::round);
}

IndexSyncWorker::~IndexSyncWorker()
{
    m_timer.stop();
    // Torn down on the lane, where the sync and its network client live.
    QSemaphore done;
    m_database->lane(ConnectionPool::Lane::Writes).post([this, &done](ConnectionLane &) {
        m_sync.reset();
        m_client.reset();
        done.release();
    });
    done.acquire();
}

void IndexSyncWorker::start()
{
    m_timer.start();
    round();
}

void IndexSyncWorker::round()
{
    if (m_busy)
        return;
    m_busy = true;
    m_database->post(ConnectionPool::Lane::Writes,
                     [this](const Result<DatabaseConnection *> &connection) { drain(connection); });
}

void IndexSyncWorker::drain(const Result<DatabaseConnection *> &connection)
{
    // Before each round: not one more with a schema upgraded past it.
    if (const auto upgraded = MigrationRunner::upgradedPast(connection)) {
        QMetaObject::invokeMethod(
            this, [this, reason = *upgraded] { stop(reason); }, Qt::QueuedConnection);
        return;
    }
    const auto done = [this](const IndexSync::Report &report) {
        QMetaObject::invokeMethod(this, [this, report] { finish(report); }, Qt::QueuedConnection);
    };
    // A lost connection is opened again by the lane for the next round.
    if (!connection) {
        IndexSync::Report report;
        report.problem = connection.failure();
        report.databaseFailed = true;
        done(report);
        return;
    }
    // The lane keeps one connection object for its life, opened again in place.
    if (!m_sync) {
        m_client = std::make_unique<IndexClient>(m_index);
        m_sync = std::make_unique<IndexSync>(*connection.value(), *m_client, m_options);
    }
    m_sync->drainAll(done);
}

void IndexSyncWorker::stop(const QString &reason)
{
    m_timer.stop(); // and m_busy stays set: no round starts again
    emit stopped(reason);
}

void IndexSyncWorker::finish(const IndexSync::Report &report)
{
    m_busy = false;
    if (report.claimed > 0 || report.problem || !m_reported) {
        m_reported = true;
        qCInfo(lcIndex) << "index sync: sent" << report.sent << "retrying" << report.retried
                        << "failed" << report.failed;
        emit drained(report.sent, report.retried, report.failed,
                     report.problem ? report.problem->message : QString());
    }
}

} // namespace calloutdesk
