#pragma once

#include "services/db/DatabaseUrl.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QThread>

class QTcpServer;
class QTcpSocket;

namespace calloutdesk::test {

// A loopback TCP relay in front of a server (the test PostgreSQL cluster) that a test can
// take away and bring back on the same port, as a network that drops and returns: stop()
// closes the listening socket and every relayed connection, start() listens again. It
// relays on a thread of its own, so a test thread that waits on a database job through
// it does not stop it.
class TcpRelay
{
public:
    TcpRelay(const QString &upstreamHost, quint16 upstreamPort);
    ~TcpRelay();

    TcpRelay(const TcpRelay &) = delete;
    TcpRelay &operator=(const TcpRelay &) = delete;

    // Listens on the port it had before, or a free one the first time.
    bool start();
    void stop();
    quint16 port() const { return m_port; }
    // The PostgreSQL URL `server` reached through this relay: its database and credentials
    // on this relay's loopback port.
    DatabaseUrl relayed(const DatabaseUrl &server) const;

private:
    // In the relay's thread only.
    void relay();
    void closeAll();

    QString m_upstreamHost;
    quint16 m_upstreamPort;
    quint16 m_port = 0;
    QThread m_thread;
    QObject *m_context = nullptr;  // lives in m_thread
    QTcpServer *m_server = nullptr; // a child of m_context
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace calloutdesk::test
