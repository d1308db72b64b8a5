#pragma once

#include "IndexEndpoint.h"
#include "services/Failure.h"

#include <QJsonDocument>
#include <QObject>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace calloutdesk {

// The answer of one request to the search index. A failure is one sentence; transient
// failures (unreachable, timed out, 429, 5xx, an answer that is not JSON) are worth
// retrying, the others are not.
struct IndexResponse
{
    int httpStatus = 0;
    QJsonDocument body;
    std::optional<Failure> failure;
    bool transient = false;

    bool ok() const { return !failure.has_value(); }
};

// Talks to Elasticsearch 8 over HTTP, asynchronously, with a timeout on every request.
// Lives in one thread (its QNetworkAccessManager's); callbacks run in that thread.
class IndexClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const IndexResponse &)>;

    explicit IndexClient(IndexEndpoint endpoint, QObject *parent = nullptr);
    ~IndexClient() override;

    const IndexEndpoint &endpoint() const { return m_endpoint; }

    void send(const QByteArray &method, const QString &path, const QByteArray &body, Callback done,
              const QByteArray &contentType = "application/json");
    void sendJson(const QByteArray &method, const QString &path, const QJsonDocument &body,
                  Callback done);

    // Runs a request and waits for it in a local event loop: for calloutctl and tests,
    // never for the UI thread.
    IndexResponse sendAndWait(const QByteArray &method, const QString &path, const QByteArray &body,
                              const QByteArray &contentType = "application/json");

    // Elasticsearch's error body ({"error": {"type", "reason"}}) as one phrase.
    static QString describeError(const QJsonDocument &body);

private:
    IndexEndpoint m_endpoint;
    QNetworkAccessManager *m_network;
};

} // namespace calloutdesk
