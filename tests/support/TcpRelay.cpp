#include "TcpRelay.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

DatabaseUrl TcpRelay::relayed(const DatabaseUrl &server) const
{
    return DatabaseUrl::parse(
               u"postgresql://127.0.0.1:%1/%2"_s.arg(m_port).arg(server.databaseName()))
        .value()
        .withCredentials(server.userName(), server.password());
}

TcpRelay::TcpRelay(const QString &upstreamHost, quint16 upstreamPort)
    : m_upstreamHost(upstreamHost)
    , m_upstreamPort(upstreamPort)
{
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_server = new QTcpServer(m_context);
            QObject::connect(m_server, &QTcpServer::newConnection, m_context, [this] { relay(); });
        },
        Qt::BlockingQueuedConnection);
}

TcpRelay::~TcpRelay()
{
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            closeAll();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool TcpRelay::start()
{
    bool listening = false;
    QMetaObject::invokeMethod(
        m_context,
        [this, &listening] {
            listening = m_server->listen(QHostAddress::LocalHost, m_port);
            if (listening)
                m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return listening;
}

void TcpRelay::stop()
{
    QMetaObject::invokeMethod(m_context, [this] { closeAll(); }, Qt::BlockingQueuedConnection);
}

void TcpRelay::closeAll()
{
    m_server->close();
    const auto sockets = std::exchange(m_sockets, {});
    for (const QPointer<QTcpSocket> &socket : sockets) {
        if (socket)
            socket->abort();
    }
}

void TcpRelay::relay()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        m_sockets << client << upstream;
        QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(client->readAll());
        });
        QObject::connect(upstream, &QTcpSocket::connected, client,
                         [client, upstream] { upstream->write(client->readAll()); });
        QObject::connect(upstream, &QTcpSocket::readyRead, client,
                         [client, upstream] { client->write(upstream->readAll()); });
        QObject::connect(client, &QTcpSocket::disconnected, upstream,
                         &QTcpSocket::disconnectFromHost);
        QObject::connect(upstream, &QTcpSocket::disconnected, client,
                         &QTcpSocket::disconnectFromHost);
        QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        upstream->connectToHost(m_upstreamHost, m_upstreamPort);
    }
}

} // namespace calloutdesk::test
