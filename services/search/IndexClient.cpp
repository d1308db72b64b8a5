#include "IndexClient.h"

#include "SearchLog.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

IndexClient::IndexClient(IndexEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_network(new QNetworkAccessManager(this))
{ }

IndexClient::~IndexClient() = default;

QString IndexClient::describeError(const QJsonDocument &body)
{
    const QJsonValue error = body.object().value(u"error"_s);
    if (error.isObject()) {
        const QJsonObject object = error.toObject();
        return u"%1: %2"_s.arg(object.value(u"type"_s).toString(),
                               object.value(u"reason"_s).toString());
    }
    return error.toString();
}

void IndexClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                       Callback done, const QByteArray &contentType)
{
    QUrl url = m_endpoint.baseUrl();
    const qsizetype query = path.indexOf(u'?');
    url.setPath(url.path() + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("Accept", "application/json");
    const QByteArray authorization = m_endpoint.authorization();
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    request.setTransferTimeout(m_endpoint.timeoutMs());
    if (!m_endpoint.caCertificatesFile().isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_endpoint.caCertificatesFile());
        request.setSslConfiguration(tls);
    }

    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    const QString where = m_endpoint.displayString();
    const int timeout = m_endpoint.timeoutMs();
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done), where, timeout] {
        reply->deleteLater();
        IndexResponse response;
        response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        QJsonParseError parsed{};
        if (!data.isEmpty())
            response.body = QJsonDocument::fromJson(data, &parsed);

        const QNetworkReply::NetworkError error = reply->error();
        if (response.httpStatus == 0 || error == QNetworkReply::OperationCanceledError
            || error == QNetworkReply::TimeoutError) {
            QString why;
            switch (error) {
            case QNetworkReply::ConnectionRefusedError:
                why = tr("the connection was refused");
                break;
            case QNetworkReply::OperationCanceledError:
            case QNetworkReply::TimeoutError:
                why = tr("it did not answer within %1 s").arg(timeout / 1000.0);
                break;
            case QNetworkReply::HostNotFoundError:
                why = tr("the server name was not found");
                break;
            case QNetworkReply::RemoteHostClosedError:
                why = tr("it closed the connection");
                break;
            case QNetworkReply::SslHandshakeFailedError:
                why = tr("the TLS connection failed (%1)").arg(reply->errorString());
                break;
            default:
                why = reply->errorString();
            }
            response.failure = Failure::unavailable(
                tr("The search index at %1 could not be used: %2.").arg(where, why));
            response.transient = error != QNetworkReply::HostNotFoundError;
        } else if (response.httpStatus >= 400) {
            QString detail = describeError(response.body);
            if (detail.isEmpty()) // HEAD answers carry no body
                detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            response.failure = response.httpStatus >= 500 || response.httpStatus == 429
                ? Failure::unavailable(tr("The search index at %1 answered %2 (%3).")
                                           .arg(where)
                                           .arg(response.httpStatus)
                                           .arg(detail))
                : Failure::invalidInput(tr("The search index at %1 refused the request (%2: %3).")
                                            .arg(where)
                                            .arg(response.httpStatus)
                                            .arg(detail));
            response.transient = response.httpStatus >= 500 || response.httpStatus == 429;
        } else if (parsed.error != QJsonParseError::NoError) {
            // Elasticsearch answers in JSON; anything else came from something in between,
            // a proxy's error or sign-in page, and says nothing about the request.
            QString start = QString::fromUtf8(data.left(200)).simplified();
            if (start.size() > 80)
                start = start.left(80) + u'…';
            response.failure = Failure::unavailable(
                tr("The search index at %1 answered %2 with something that is not JSON (a "
                   "proxy in the way?): %3")
                    .arg(where)
                    .arg(response.httpStatus)
                    .arg(start));
            response.transient = true;
        }
        if (response.failure)
            qCInfo(lcIndex) << response.failure->message;
        done(response);
    });
}

void IndexClient::sendJson(const QByteArray &method, const QString &path, const QJsonDocument &body,
                           Callback done)
{
    send(method, path, body.isNull() ? QByteArray() : body.toJson(QJsonDocument::Compact),
         std::move(done));
}

IndexResponse IndexClient::sendAndWait(const QByteArray &method, const QString &path,
                                       const QByteArray &body, const QByteArray &contentType)
{
    IndexResponse result;
    QEventLoop loop;
    send(
        method, path, body,
        [&](const IndexResponse &response) {
            result = response;
            loop.quit();
        },
        contentType);
    loop.exec();
    return result;
}

} // namespace calloutdesk
