#include "NotificationWorker.h"

#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/MigrationRunner.h"

#include <QSemaphore>

namespace calloutdesk {

NotificationWorker::NotificationWorker(std::shared_ptr<ConnectionPool> database,
                                       ChannelFactory makeChannels,
                                       NotificationDispatcher::ContentReader readContent,
                                       NotificationDispatcher::Options options, int intervalMs)
    : m_database(std::move(database))
    , m_makeChannels(std::move(makeChannels))
    , m_readContent(std::move(readContent))
    , m_options(std::move(options))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &NotificationWorker::round);
}

NotificationWorker::~NotificationWorker()
{
    m_timer.stop();
    // Queued after any batch of this worker: once it has run, none is left on the lane.
    // A batch's answer still on its way to this thread goes with this object.
    QSemaphore done;
    m_database->lane(ConnectionPool::Lane::Writes).post([this, &done](ConnectionLane &) {
        m_channels.reset();
        done.release();
    });
    done.acquire();
}

void NotificationWorker::start()
{
    m_timer.start();
    round();
}

void NotificationWorker::round()
{
    if (m_busy)
        return;
    m_busy = true;
    nextBatch({});
}

void NotificationWorker::nextBatch(const NotificationDispatcher::Report &total)
{
    m_database->post(ConnectionPool::Lane::Writes,
                     [this, total](const Result<DatabaseConnection *> &connection) {
                         // Before each batch: not one more with a schema upgraded past it.
                         if (const auto upgraded = MigrationRunner::upgradedPast(connection)) {
                             QMetaObject::invokeMethod(
                                 this, [this, reason = *upgraded] { stop(reason); },
                                 Qt::QueuedConnection);
                             return;
                         }
                         NotificationDispatcher::Report sum = total;
                         const NotificationDispatcher::Report batch = drainBatch(connection);
                         sum.add(batch);
                         const bool more = batch.claimed > 0 && batch.problem.isEmpty();
                         // Back through this object's thread, so jobs queued meanwhile (a
                         // callout) run before the next batch.
                         QMetaObject::invokeMethod(
                             this, [this, sum, more] { more ? nextBatch(sum) : finish(sum); },
                             Qt::QueuedConnection);
                     });
}

void NotificationWorker::stop(const QString &reason)
{
    m_timer.stop(); // and m_busy stays set: no round starts again
    emit stopped(reason);
}

NotificationDispatcher::Report
NotificationWorker::drainBatch(const Result<DatabaseConnection *> &connection)
{
    NotificationDispatcher::Report report;
    // A lost connection is opened again by the lane for the next round.
    if (!connection) {
        report.problem = connection.failure().message;
        return report;
    }
    if (!m_channels)
        m_channels = m_makeChannels();
    NotificationDispatcher dispatcher(*connection.value(), m_readContent, *m_channels, m_options);
    // Sends block the lane's thread only: the window keeps its own.
    return dispatcher.drainOnce();
}

void NotificationWorker::finish(const NotificationDispatcher::Report &total)
{
    m_busy = false;
    if (total.claimed > 0 || !total.problem.isEmpty() || !m_reported) {
        m_reported = true;
        emit drained(total.sent, total.retried, total.failed, total.problem);
    }
}

} // namespace calloutdesk
