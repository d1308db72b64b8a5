#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace calloutdesk::test {

// A fax/SMS/WhatsApp gateway in tests (SPEC N2): a real HTTP/1.1 server on loopback that
// records every request and answers as it is told, including not at all. Like the index
// test server it lets failures be tested on purpose rather than hoped about.
class GatewayTestServer : public QObject
{
    Q_OBJECT

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Request
    {
        QByteArray method;
        QString path; // with the query, as sent
        Headers headers;
        QByteArray body;

        // The value of the header `name`, compared case-insensitively; empty if absent.
        QByteArray header(const QByteArray &name) const;
        bool hasHeader(const QByteArray &name) const;
        QJsonObject json() const;
    };

    explicit GatewayTestServer(QObject *parent = nullptr);
    ~GatewayTestServer() override;

    bool start();
    // The same over TLS with this certificate (https://).
    bool startTls(const QSslCertificate &certificate, const QSslKey &key);
    quint16 port() const { return m_port; }
    // http(s)://127.0.0.1:PORT followed by `path` ("/fax?header=X-Api-Key").
    QString url(const QString &path = QString()) const;

    // How the following requests are answered (200 with {"status":"queued"} at first).
    void respondWith(int status, const QByteArray &body = QByteArray(),
                     const Headers &headers = Headers());
    // Read requests and record them but never answer, holding the connection open.
    void setStalling(bool stall) { m_stalling = stall; }
    // Stop listening: connections to the port are refused. false listens again.
    void setRefusingConnections(bool refuse);
    // Close the next connections as soon as their request has arrived, without answering.
    void dropNextRequests(int count) { m_dropNext = count; }

    QList<Request> requests() const { return m_requests; }
    Request lastRequest() const { return m_requests.value(m_requests.size() - 1); }

signals:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server = nullptr; // a QSslServer for https
    bool m_tls = false;
    quint16 m_port = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_status = 200;
    QByteArray m_body = R"({"status":"queued"})";
    Headers m_headers;
    bool m_stalling = false;
    int m_dropNext = 0;
    QList<Request> m_requests;
};

} // namespace calloutdesk::test
