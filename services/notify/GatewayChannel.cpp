#include "GatewayChannel.h"

#include "GatewayLog.h"
#include "GatewayPayload.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// The start of a gateway's answer, on one line, with the secret masked in case the
// gateway echoes the request.
QString quoteAnswer(const GatewayEndpoint &endpoint, const QByteArray &data)
{
    QString text = endpoint.withoutSecret(QString::fromUtf8(data).simplified());
    if (text.size() > GatewayChannel::quotedAnswerLength)
        text = text.left(GatewayChannel::quotedAnswerLength) + u'…';
    return text;
}

QString transportProblem(const QNetworkReply &reply)
{
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        return GatewayChannel::tr("the connection was refused");
    case QNetworkReply::HostNotFoundError:
        return GatewayChannel::tr("the server name was not found");
    case QNetworkReply::RemoteHostClosedError:
        return GatewayChannel::tr("it closed the connection without answering");
    case QNetworkReply::SslHandshakeFailedError:
        return GatewayChannel::tr("the TLS connection failed (%1)").arg(reply.errorString());
    default:
        return reply.errorString();
    }
}

} // namespace

GatewayChannel::GatewayChannel(const QList<GatewayEndpoint> &endpoints)
{
    for (const GatewayEndpoint &endpoint : endpoints)
        setEndpoint(endpoint);
}

Result<GatewayChannel>
GatewayChannel::configured(const QMap<CommunicationMethod, QString> &commandLineUrls,
                           const QSettings &settings)
{
    GatewayChannel channel;
    for (const CommunicationMethod method :
         {CommunicationMethod::Fax, CommunicationMethod::Sms, CommunicationMethod::WhatsApp}) {
        const auto endpoint
            = GatewayEndpoint::configured(method, commandLineUrls.value(method), settings);
        if (!endpoint)
            continue;
        if (!*endpoint)
            return endpoint->failure();
        channel.setEndpoint(endpoint->value());
    }
    return channel;
}

void GatewayChannel::setEndpoint(const GatewayEndpoint &endpoint)
{
    m_endpoints.insert(endpoint.method(), endpoint);
}

Status GatewayChannel::deliver(const NotificationMessage &message,
                               const NotificationContent &content)
{
    const std::optional<CommunicationMethod> method
        = CommunicationMethodInfo::fromKey(message.channel);
    if (!method || *method == CommunicationMethod::Email) {
        return Failure::internal(tr("Message %1 is for the channel \"%2\", which no gateway sends.")
                                     .arg(QString::number(message.id), message.channel));
    }
    const auto found = m_endpoints.constFind(*method);
    if (found == m_endpoints.constEnd()) {
        return Failure::internal(tr("No gateway configured for %1 (--%2, %3 or the setting %4).")
                                     .arg(CommunicationMethodInfo::key(*method),
                                          GatewayEndpoint::commandLineOption(*method),
                                          GatewayEndpoint::environmentVariable(*method),
                                          GatewayEndpoint::settingKey(*method)));
    }
    const GatewayEndpoint &endpoint = *found;
    const QString where = endpoint.displayString();
    if (message.address.trimmed().isEmpty()) {
        return Failure::invalidInput(tr("Message %1 has no number to send to through the %2.")
                                         .arg(QString::number(message.id), where));
    }

    // The loop first: it gives a thread without an event loop (a pool thread) the event
    // dispatcher that the network manager and the timer below need.
    QEventLoop loop;
    QNetworkAccessManager network;
    QNetworkRequest request(endpoint.url());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Idempotency-Key", QByteArray::number(message.id));
    if (!endpoint.authHeaderName().isEmpty())
        request.setRawHeader(endpoint.authHeaderName(), endpoint.authHeaderValue());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!endpoint.caCertificatesFile().isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(endpoint.caCertificatesFile());
        request.setSslConfiguration(tls);
    }

    const QByteArray body
        = QJsonDocument(GatewayPayload::build(message, content)).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = network.post(request, body); // owned by `network`

    // One deadline for the whole exchange (connect, send, answer). The request's transfer
    // timeout would only bound the silence between two packets, and a gateway that
    // trickles its answer would hold the worker for ever.
    bool timedOut = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&timedOut, reply] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(endpoint.timeoutMs());
    if (!reply->isFinished())
        loop.exec();
    deadline.stop();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted reply is closed; reading it would only warn.
    const QByteArray answer = reply->isOpen() ? reply->read(4 * quotedAnswerLength) : QByteArray();
    Status result = Done{};
    if (timedOut) {
        result
            = Failure::unavailable(tr("The %1 did not answer within %2 s.")
                                       .arg(where, QString::number(endpoint.timeoutMs() / 1000.0)));
    } else if (status == 0 && reply->error() == QNetworkReply::SslHandshakeFailedError) {
        // A certificate not trusted or expired: only a change of settings (ca=) or of the
        // gateway's certificate helps.
        result = Failure::configuration(
            tr("The %1 could not be reached: %2.").arg(where, transportProblem(*reply)));
    } else if (status == 0) {
        result = Failure::unavailable(
            tr("The %1 could not be reached: %2.").arg(where, transportProblem(*reply)));
    } else if (status >= 200 && status < 300) {
        result = Done{};
    } else if (status >= 300 && status < 400) {
        result = Failure::internal(
            tr("The %1 redirects to %2; configure that URL instead.")
                .arg(where,
                     reply->header(QNetworkRequest::LocationHeader)
                         .toUrl()
                         .toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    } else {
        QString detail = quoteAnswer(endpoint, answer);
        if (detail.isEmpty())
            detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        // 408 and 429 say "not now", like a 5xx: the same message may go through later.
        if (status >= 500 || status == 408 || status == 429) {
            result = Failure::unavailable(
                tr("The %1 answered %2 (%3).").arg(where, QString::number(status), detail));
        } else if (status == 401 || status == 403) {
            // The gateway refuses this desk's secret, not the message.
            result = Failure::configuration(tr("The %1 refused the credentials with %2: %3")
                                                .arg(where, QString::number(status), detail));
        } else {
            result = Failure::invalidInput(
                tr("The %1 refused message %2 with %3: %4")
                    .arg(where, QString::number(message.id), QString::number(status), detail));
        }
    }

    if (result)
        qCDebug(lcGateway) << "message" << message.id << "accepted by the" << where << status;
    else
        qCInfo(lcGateway).noquote() << result.failure().message;
    return result;
}

} // namespace calloutdesk
