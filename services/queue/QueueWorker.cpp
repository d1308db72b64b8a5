#include "QueueWorker.h"

#include "services/db/MigrationRunner.h"

#include <QSemaphore>

namespace calloutdesk {

QueueWorker::QueueWorker(std::shared_ptr<ConnectionPool> database, int intervalMs)
    : m_database(std::move(database))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &QueueWorker::round);
}

void QueueWorker::start()
{
    m_timer.start();
    round();
}

void QueueWorker::tearDownOnLane(const std::function<void()> &teardown)
{
    m_timer.stop();
    // Queued after any job of this worker: once it has run, none is left on the lane. An
    // answer still on its way to this thread goes with this object.
    QSemaphore done;
    m_database->lane(ConnectionPool::Lane::Writes).post([&teardown, &done](ConnectionLane &) {
        teardown();
        done.release();
    });
    done.acquire();
}

bool QueueWorker::upgradedPast(const Result<DatabaseConnection *> &connection)
{
    const auto upgraded = MigrationRunner::upgradedPast(connection);
    if (!upgraded)
        return false;
    QMetaObject::invokeMethod(
        this, [this, reason = *upgraded] { stopForGood(reason); }, Qt::QueuedConnection);
    return true;
}

void QueueWorker::stopForGood(const QString &reason)
{
    m_timer.stop(); // and m_busy stays set: no round starts again
    emit stopped(reason);
}

void QueueWorker::post(ConnectionPool::Job job)
{
    m_database->post(ConnectionPool::Lane::Writes, std::move(job));
}

void QueueWorker::round()
{
    if (m_busy)
        return;
    m_busy = true;
    drain();
}

void QueueWorker::finish(const Outcome &outcome)
{
    QMetaObject::invokeMethod(
        this, [this, outcome] { report(outcome); }, Qt::QueuedConnection);
}

void QueueWorker::report(const Outcome &outcome)
{
    m_busy = false;
    const QueueRound &round = outcome.round;
    if (round.claimed > 0 || !outcome.problem.isEmpty() || !m_reported
        || outcome.attention != m_attention) {
        m_reported = true;
        m_attention = outcome.attention;
        emit drained(round.sent, round.retried, round.failed + round.held, outcome.problem,
                     outcome.attention);
    }
}

} // namespace calloutdesk
