#pragma once

#include "QueueRound.h"
#include "services/db/ConnectionPool.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace calloutdesk {

// Drains a queue for the desktop program on the desk's writing lane: as soon as it starts,
// then every intervalMs, so the UI thread never waits on the database or on a server. It
// reports each round that did something, and what needs a person. Subclasses say what a
// round does; what they build on the lane lives and goes there.
class QueueWorker : public QObject
{
    Q_OBJECT

public:
    void start();

signals:
    // After the first round, after every round that had something to do or failed, and
    // whenever `attention` changes: what needs a person (a paused channel, documents the
    // index refuses), in one line, empty when nothing does.
    void drained(int sent, int retried, int failed, const QString &problem,
                 const QString &attention);
    // Once, when the worker stopped for good: the database's schema was upgraded past
    // this program while it ran.
    void stopped(const QString &reason);

protected:
    struct Outcome
    {
        QueueRound round;
        QString problem;
        QString attention;
    };

    QueueWorker(std::shared_ptr<ConnectionPool> database, int intervalMs);

    // Begins a round, which ends with finish().
    virtual void drain() = 0;
    // On the lane, before each round or batch: true, and no more rounds, once the schema
    // was upgraded past this program; the round then ends there, with nothing written.
    bool upgradedPast(const Result<DatabaseConnection *> &connection);
    // From any thread: the round is over.
    void finish(const Outcome &outcome);
    // Queues a job on the writing lane.
    void post(ConnectionPool::Job job);
    // For a subclass's destructor: no more rounds; `teardown` runs on the lane after every
    // job of this worker there, and this waits for it.
    void tearDownOnLane(const std::function<void()> &teardown);
    // A round now, unless one is running.
    void round();

private:
    void report(const Outcome &outcome);
    void stopForGood(const QString &reason);

    std::shared_ptr<ConnectionPool> m_database;
    QTimer m_timer;
    bool m_busy = false;
    bool m_reported = false; // the first round is always reported, even with nothing to do
    QString m_attention;
};

} // namespace calloutdesk
