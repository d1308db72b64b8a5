#pragma once

#include "DatabaseConnection.h"
#include "DatabaseLogin.h"
#include "services/Failure.h"

#include <QMutex>
#include <QString>
#include <QThread>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

namespace calloutdesk {

// One thread that holds one database connection open between jobs (DESIGN: Access,
// connections). Qt lets a connection be used only in the thread that opened it, so the
// lane's work is queued to that thread and runs there, one job after the other, in the
// order it was posted. A job never starts inside another, even when one waits in an event
// loop of its own (a gateway's reply), so a job's transaction is never interleaved.
class ConnectionLane
{
public:
    using Job = std::function<void(ConnectionLane &lane)>;

    explicit ConnectionLane(const QString &name);
    // Runs what is queued, closes the connection in the lane's thread and stops it.
    ~ConnectionLane();

    ConnectionLane(const ConnectionLane &) = delete;
    ConnectionLane &operator=(const ConnectionLane &) = delete;

    // Queues a job; from any thread.
    void post(Job job);

    // In the lane's thread only: the lane's connection, signed in as login. Opened now if
    // the lane has none; opened again in place if the server ended it (a restart, an
    // outage) or it is another login's, so a reference to it stays valid. Nothing is ever
    // run again: a job that failed on a lost connection has failed, the next one reconnects.
    Result<DatabaseConnection *> connection(const std::shared_ptr<DatabaseLogin> &login);

    // In the lane's thread only: a connection that stands in for the server while it is out
    // of reach (the person's offline cache, SPEC O2), opened by `open` the first time `key`
    // is asked for and kept on this thread, as Qt requires, until another key is asked
    // for or dropStandIn().
    using StandInOpener = std::function<Result<std::unique_ptr<DatabaseConnection>>()>;
    Result<DatabaseConnection *> standIn(const QString &key, const StandInOpener &open);
    void dropStandIn();

    const QThread *thread() const { return &m_thread; }
    // How many connections the lane has opened (the first, and every reconnection).
    quint64 connectionsOpened() const { return m_opened.load(); }

private:
    void drain();

    QString m_name;
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread: queued calls reach the lane through it
    QMutex m_mutex;
    std::deque<Job> m_jobs; // guarded by m_mutex
    // In the lane's thread only.
    bool m_running = false;
    std::unique_ptr<DatabaseConnection> m_connection;
    std::unique_ptr<DatabaseConnection> m_standIn;
    QString m_standInKey;
    std::atomic<quint64> m_opened{0};
};

} // namespace calloutdesk
