#pragma once

#include "services/Failure.h"
#include "services/db/DatabaseUrl.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcOffline)

namespace calloutdesk {

// Whether the desk's PostgreSQL server can be reached (SPEC O2), decided off the UI
// thread. A probe asks the server whether it accepts connections (libpq's PQping: no
// login, no password, a short connect_timeout) every few seconds; a job of the desk that
// could not reach the server (reportTrouble, from any thread) makes it probe at once. The
// first probe that fails makes the desk offline; while offline it keeps probing and
// says when the server answers again. Both changes are signalled and written to the log
// category calloutdesk.offline ("offline since …", "online again").
class ServerReachability : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        // How often the server is asked while it answers, and while it does not.
        std::chrono::milliseconds onlineProbeInterval{3000};
        std::chrono::milliseconds offlineProbeInterval{2000};
        // How long one probe waits for the server (libpq's connect_timeout, in seconds).
        int connectTimeoutSeconds = 2;
    };

    ServerReachability(DatabaseUrl server, Options options, QObject *parent = nullptr);
    ~ServerReachability() override;

    // Starts probing; the desk counts as online until a probe says otherwise.
    void start();
    bool isOnline() const { return !m_offlineSince.has_value(); }
    std::optional<QDateTime> offlineSince() const { return m_offlineSince; }
    // Why the last probe failed, for tooltips and logs.
    QString problem() const { return m_problem; }

    // The desk already knows the server is out of reach (a sign-in could not reach it):
    // offline from since, and online again once a probe reaches the server.
    void assumeOffline(const QDateTime &since, const QString &reason);

    // From any thread: a job could not reach the server (a connection that could not be
    // opened, or was lost). The server is probed now rather than at the next interval.
    void reportTrouble(const QString &reason);

    // Blocks up to connectTimeoutSeconds: whether server accepts connections now.
    static Status probe(const DatabaseUrl &server, int connectTimeoutSeconds);

signals:
    void offline(const QDateTime &since);
    void online();

private:
    void probeNow();
    void probed();
    void goOffline(const QDateTime &since, const QString &reason);

    DatabaseUrl m_server;
    Options m_options;
    QTimer m_timer;
    // One probe at a time, on a thread of its own: the database pool may be busy.
    QThreadPool m_prober;
    QFutureWatcher<Status> m_probe;
    std::optional<QDateTime> m_offlineSince;
    QString m_problem;
};

} // namespace calloutdesk
