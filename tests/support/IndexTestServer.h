#pragma once

#include "IndexTestServerApiKeys.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

#include <memory>

class QTcpSocket;

namespace calloutdesk::test {

// A stand-in for Elasticsearch 8 in tests: a real HTTP server on loopback that speaks the
// subset of the REST API CalloutDesk uses, with Elasticsearch's request and response
// shapes, and that can be told to fail. It is a test tool only: no Elasticsearch server can
// be installed on these machines (DESIGN.md), and the program must work unchanged against
// a real one.
//
// The subset: HEAD/PUT /{index}; PUT /_scripts/{id}; POST /_bulk and /{index}/_bulk with
// "index" (external versions) and "update" (the stored script
// "calloutdesk-apply-if-newer", scripted_upsert) actions; GET /{index}/_doc/{id};
// POST /{index}/_refresh; GET /{index}/_count; POST /{index}/_search with bool
// filter/must of term, terms, range and multi_match, sort, search_after, size,
// track_total_hits and terms aggregations; POST /_security/api_key, and requests signed
// with such a key ("Authorization: ApiKey <encoded>") refused with 403 where the key's
// privileges do not reach (IndexTestServerApiKeys).
class IndexTestServer : public QObject
{
    Q_OBJECT

public:
    explicit IndexTestServer(QObject *parent = nullptr);
    ~IndexTestServer() override;

    bool start(quint16 port = 0);
    // The same over TLS with this certificate (https://).
    bool startTls(const QSslCertificate &certificate, const QSslKey &key);
    quint16 port() const { return m_port; }
    QString url() const;

    // Faults.
    void setRefusingConnections(bool refuse);     // stops listening; the port refuses
    void failNextRequests(int count, int status); // 429, 503, …, with an ES error body
    void setStallMilliseconds(int milliseconds);  // answer only after this long
    void dropNextConnections(int count);          // close without answering
    // The next `count` requests whose path ends with `pathSuffix` get this answer instead of
    // Elasticsearch's: a proxy's error page, or a status of the test's choosing.
    void answerNextRequests(int count, const QString &pathSuffix, int status,
                            const QByteArray &contentType, const QByteArray &body);
    // Bulk items for these document ids fail with the status and error type given.
    void failBulkItems(const QSet<QString> &ids, int status, const QString &errorType);
    // Every request must carry this Authorization header, or gets 401 as Elasticsearch's.
    // API keys made with POST /_security/api_key are accepted besides it.
    void requireAuthorization(const QByteArray &header) { m_authorization = header; }

    // What is stored.
    QJsonObject document(const QString &index, const QString &id) const;
    qint64 documentCount(const QString &index) const;
    bool hasIndex(const QString &index) const { return m_indices.contains(index); }
    QJsonObject mapping(const QString &index) const { return m_indices.value(index).mapping; }
    int requestCount() const { return m_requests; }
    int bulkItemCount() const { return m_bulkItems; }
    // How many bulk items named this document id, and the last bulk body received.
    int itemCount(const QString &id) const { return m_itemCounts.value(id); }
    QByteArray lastBulkBody() const { return m_lastBulkBody; }
    QStringList requestLog() const { return m_log; }
    int apiKeyCount() const { return m_apiKeys.count(); }

private:
    struct Document
    {
        QJsonObject source;
        qint64 version = 1;
    };
    struct Index
    {
        QJsonObject mapping;
        QHash<QString, Document> documents;
    };
    struct Request
    {
        QByteArray method;
        QString path;
        QHash<QString, QString> query;
        QByteArray body;
        QByteArray authorization;
    };
    struct Response
    {
        int status = 200;
        QByteArray body;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);
    // `key`: the API key the request was signed with, nullptr for a user with every
    // privilege.
    Response route(const Request &request, const IndexTestServerApiKeys::Key *key);
    Response createApiKey(const Request &request, const IndexTestServerApiKeys::Key *key);
    Response bulk(const QString &defaultIndex, const QByteArray &body,
                  const IndexTestServerApiKeys::Key *key);
    QJsonObject bulkItem(const QString &action, const QJsonObject &meta, const QJsonObject &body,
                         const QString &defaultIndex, const IndexTestServerApiKeys::Key *key);
    Response search(const QString &index, const QJsonObject &body);
    static Response error(int status, const QString &type, const QString &reason);
    static Response error(const IndexTestServerApiKeys::Refusal &refusal);
    static Response json(const QJsonObject &object, int status = 200);

    std::unique_ptr<QTcpServer> m_server; // a QSslServer for https
    bool m_tls = false;
    quint16 m_port = 0;
    QHash<QString, Index> m_indices;
    QHash<QString, QJsonObject> m_scripts;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_failNext = 0;
    int m_failStatus = 503;
    int m_stallMs = 0;
    int m_dropNext = 0;
    struct CannedAnswer
    {
        int count = 0;
        QString pathSuffix;
        int status = 200;
        QByteArray contentType;
        QByteArray body;
    };
    CannedAnswer m_canned;
    QSet<QString> m_failingItems;
    int m_failingItemStatus = 400;
    QString m_failingItemType;
    QByteArray m_authorization;
    IndexTestServerApiKeys m_apiKeys;
    int m_requests = 0;
    int m_bulkItems = 0;
    QHash<QString, int> m_itemCounts;
    QByteArray m_lastBulkBody;
    QStringList m_log;
};

} // namespace calloutdesk::test
