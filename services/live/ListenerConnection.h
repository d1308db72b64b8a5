#pragma once

#include "OrderChanges.h"

#include <QObject>
#include <QSet>
#include <QSqlDriver>

#include <memory>

class QTimer;

namespace calloutdesk {

class DatabaseConnection;
class DatabaseLogin;

// The desk's one listening connection (SPEC T1, DESIGN: Live), living on a thread of its
// own (OrderChangeListener's): Qt delivers a connection's notifications in the thread
// that opened it, and opening or reopening it must never hold up the window. It listens on
// the lab's channel (migration 0019), gathers what a burst of commits names into one
// OrderChanges, notices when the server ended the session, and listens again, waiting a
// little longer after each failed try.
class ListenerConnection : public QObject
{
    Q_OBJECT

public:
    ListenerConnection(std::shared_ptr<DatabaseLogin> login, qint64 labId);
    ~ListenerConnection() override;

    // The channel of a lab's changes: the one the triggers notify.
    static QString channelFor(qint64 labId);
    // How long notifications are gathered before the desk is told: a callout changes one
    // order in one commit, a laboratory system's batch many in a few; one reload serves all.
    static constexpr int gatherMilliseconds = 100;
    // How often libpq's own state of the connection is looked at (no round trip).
    static constexpr int watchMilliseconds = 1000;

public slots:
    void listen();
    // The server is known to be back (the desk's reachability says so): try at once.
    void listenAgainNow();

signals:
    // Listening; `resumed` after a lost connection, when what changed meanwhile is unknown.
    void listening(bool resumed);
    void lost(const QString &reason);
    void ordersChanged(const calloutdesk::OrderChanges &changes);

private:
    void notified(const QString &name, QSqlDriver::NotificationSource source,
                  const QVariant &payload);
    void checkConnection();
    void dropConnection();
    void retryLater(const QString &reason);
    void flush();

    std::shared_ptr<DatabaseLogin> m_login;
    qint64 m_labId = 0;
    std::unique_ptr<DatabaseConnection> m_connection;
    QTimer *m_gather = nullptr;
    QTimer *m_retry = nullptr;
    QTimer *m_watch = nullptr;
    int m_failedTries = 0;
    bool m_listenedBefore = false;
    QSet<qint64> m_orders;
    QSet<qint64> m_newlyCritical;
};

} // namespace calloutdesk
