#pragma once

#include "ConnectionLane.h"
#include "DatabaseConnection.h"
#include "DatabaseLogin.h"
#include "DatabaseUrl.h"

#include <QFuture>
#include <QMutex>
#include <QPromise>

#include <memory>
#include <optional>
#include <type_traits>

namespace calloutdesk {

// The connections a desk holds open for its session (DESIGN: Access, connections): at
// most two lanes, each one thread with one connection, so the password is used when the
// person signs in and when a lost connection is opened again, not for every job, and a
// lab's desks fit what one server serves. The third connection a desk may hold is kept
// for the live listener (DESIGN T1), which needs a connection to itself; it is not a
// lane of this pool. The same shape serves SQLite, where a lane's connection is a file.
// Share it as a std::shared_ptr; it must go in a thread that is not one of its lanes.
class ConnectionPool
{
public:
    enum class Lane
    {
        Reads, // what the window shows: worklist pages, orders, the callout dialog's records
        Writes // callouts, sign-offs, the history beside the records, the background workers
    };
    static constexpr int maxConnections = 3;

    explicit ConnectionPool(std::shared_ptr<DatabaseLogin> login);
    static std::shared_ptr<ConnectionPool> create(const DatabaseUrl &signedIn);
    // For the same login as a connection already open (its password, if any, included).
    static std::shared_ptr<ConnectionPool> create(std::shared_ptr<DatabaseLogin> login);
    ~ConnectionPool();

    ConnectionPool(const ConnectionPool &) = delete;
    ConnectionPool &operator=(const ConnectionPool &) = delete;

    // Who jobs posted from now on connect as, and the URL without the password.
    std::shared_ptr<DatabaseLogin> login() const;
    DatabaseUrl url() const;

    // Another person signs in at this desk: jobs posted from now on connect as them, and
    // the lanes open again as them when they next work. The previous password is wiped;
    // jobs the previous person queued still run as that person, or fail.
    void signIn(const DatabaseUrl &signedIn);
    // The desk locks (SPEC A5): the password is wiped. Open connections stay usable; none
    // can be opened (after a lost one) until unlock() gives it back.
    void lock();
    // The same person unlocked with a password the server has just proven.
    void unlock(const DatabaseUrl &signedIn);
    // Whether the password is in memory: false while locked, and for a login that has
    // none (Kerberos, a client certificate, ~/.pgpass, SQLite).
    bool hasSecret() const;

    ConnectionLane &lane(Lane lane);
    // Connections opened by both lanes so far (reconnections included).
    quint64 connectionsOpened() const;

    // Told, from a lane's thread, whenever a job finds the server out of reach: its
    // connection could not be opened or was lost (SPEC O2). Not for a refused login or a
    // password wiped by the lock. Cleared with an empty function; after that returns, the
    // previous one is never called again.
    using TroubleReporter = std::function<void(const QString &reason)>;
    void setTroubleReporter(TroubleReporter reporter);

    // While the server is out of reach (SPEC O2) the Reads lane's jobs get the connection
    // `open` gives (the person's offline cache, whose SQLite schema the same readers serve)
    // instead of the server's, opened on the lane's thread and kept there; readOnline()
    // gives them the server again. The one place where the desk's readers change sides
    // (DESIGN: Offline). The Writes lane always works on the server.
    struct OfflineReads
    {
        QString key; // which cache: another key opens another
        ConnectionLane::StandInOpener open;
    };
    void readOffline(OfflineReads reads);
    void readOnline();
    bool readsOffline() const;

    // Queues job on a lane with its connection (or why there is none) as the current login.
    using Job = std::function<void(const Result<DatabaseConnection *> &connection)>;
    void post(Lane lane, Job job);

    // Runs work(connection) on a lane and gives its Result in a future. Work must not hold
    // this pool (its last holder would wait for its own thread).
    template<typename Work>
    auto run(Lane lane, Work work) -> QFuture<std::invoke_result_t<Work, DatabaseConnection &>>
    {
        using R = std::invoke_result_t<Work, DatabaseConnection &>;
        return runReporting<R>(lane, [work = std::move(work)](DatabaseConnection &connection,
                                                               QPromise<R> &) {
            return work(connection);
        });
    }
    // The same for work(connection, promise) that reports progress or checks for a
    // cancel through the promise; R is what it returns.
    template<typename R, typename Work>
    QFuture<R> runReporting(Lane lane, Work work)
    {
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        post(lane, [promise, work = std::move(work)](const Result<DatabaseConnection *> &connection) {
            if (connection)
                promise->addResult(work(*connection.value(), *promise));
            else
                promise->addResult(R(connection.failure()));
            promise->finish();
        });
        return future;
    }

private:
    void reportTrouble(const Failure &failure);

    std::unique_ptr<ConnectionLane> m_reads;
    std::unique_ptr<ConnectionLane> m_writes;
    mutable QMutex m_mutex;
    std::shared_ptr<DatabaseLogin> m_login; // guarded by m_mutex
    TroubleReporter m_troubleReporter;      // guarded by m_mutex
    std::optional<OfflineReads> m_offlineReads; // guarded by m_mutex
};

} // namespace calloutdesk
