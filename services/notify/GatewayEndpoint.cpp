#include "GatewayEndpoint.h"

#include "services/db/UrlPassword.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GatewayEndpoint", text);
}

QString gatewayName(CommunicationMethod method)
{
    switch (method) {
    case CommunicationMethod::Fax:
        return tr("fax gateway");
    case CommunicationMethod::Sms:
        return tr("SMS gateway");
    case CommunicationMethod::WhatsApp:
        return tr("WhatsApp gateway");
    case CommunicationMethod::Email:
        break;
    }
    return tr("email gateway");
}

// RFC 9110 token characters: anything else would let a configured header name break the
// request apart.
bool isHeaderName(const QString &name)
{
    static const QString punctuation = u"!#$%&'*+-.^_`|~"_s;
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](QChar c) {
        return (c.unicode() < 128 && c.isLetterOrNumber()) || punctuation.contains(c);
    });
}

} // namespace

Result<GatewayEndpoint> GatewayEndpoint::parse(CommunicationMethod method, const QString &text,
                                               const QString &secret)
{
    const QString name = gatewayName(method);
    if (method == CommunicationMethod::Email) {
        return Failure::invalidInput(
            tr("Email is sent over SMTP, not through a gateway; gateways exist for fax, SMS and "
               "WhatsApp."));
    }
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        return Failure::invalidInput(tr("The %1 URL \"%2\" is not valid; expected "
                                        "http(s)://host[:port]/path.")
                                         .arg(name, UrlPassword::masked(text.trimmed())));
    }
    if (!url.userInfo().isEmpty()) {
        // Refused rather than used: a URL is shown in settings files, process lists and
        // messages, a secret must not be.
        return Failure::invalidInput(
            tr("The %1 URL must not contain a user name or password; put the secret in the "
               "environment variable %2.")
                .arg(name, secretVariable(method)));
    }

    GatewayEndpoint endpoint;
    endpoint.m_method = method;
    endpoint.m_secret = secret.trimmed();
    if (endpoint.m_secret.contains(u'\r') || endpoint.m_secret.contains(u'\n')) {
        return Failure::invalidInput(tr("The secret of the %1 (%2) contains a line break.")
                                         .arg(name, secretVariable(method)));
    }

    QUrlQuery query(url);
    const QString header = query.queryItemValue(u"header"_s, QUrl::FullyDecoded).trimmed();
    const bool headerGiven = query.hasQueryItem(u"header"_s);
    const QString timeout = query.queryItemValue(u"timeout"_s, QUrl::FullyDecoded).trimmed();
    const bool timeoutGiven = query.hasQueryItem(u"timeout"_s);
    endpoint.m_caFile = query.queryItemValue(u"ca"_s, QUrl::FullyDecoded);
    query.removeAllQueryItems(u"header"_s);
    query.removeAllQueryItems(u"timeout"_s);
    query.removeAllQueryItems(u"ca"_s);

    if (headerGiven) {
        if (!isHeaderName(header)) {
            return Failure::invalidInput(
                tr("The header name \"%1\" of the %2 URL is not a valid HTTP header name.")
                    .arg(header, name));
        }
        if (endpoint.m_secret.isEmpty()) {
            // A header without a value would be sent empty and every message refused with
            // 401: better said now, once, than once per message.
            return Failure::invalidInput(
                tr("The %1 URL names the header %2 for its secret, but %3 is empty.")
                    .arg(name, header, secretVariable(method)));
        }
        endpoint.m_headerName = header.toLatin1();
    } else if (!endpoint.m_secret.isEmpty()) {
        endpoint.m_headerName = "Authorization";
    }

    if (timeoutGiven) {
        bool number = false;
        const double seconds = timeout.toDouble(&number);
        if (!number || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600) {
            return Failure::invalidInput(
                tr("The timeout \"%1\" of the %2 URL is not a number of seconds between 0 and "
                   "3600.")
                    .arg(timeout, name));
        }
        endpoint.m_timeoutMs = std::max(1, int(std::lround(seconds * 1000)));
    }

    if (!endpoint.m_caFile.isEmpty() && !QFileInfo::exists(endpoint.m_caFile)) {
        return Failure::invalidInput(
            tr("The certificate authority file %1 of the %2 URL does not exist.")
                .arg(endpoint.m_caFile, name));
    }

    QUrl target = url.adjusted(QUrl::RemoveFragment);
    target.setQuery(query);
    if (target.path().isEmpty())
        target.setPath(u"/"_s);
    endpoint.m_url = target;
    return endpoint;
}

std::optional<Result<GatewayEndpoint>> GatewayEndpoint::configured(CommunicationMethod method,
                                                                   const QString &commandLineUrl,
                                                                   const QSettings &settings)
{
    QString url = commandLineUrl.trimmed();
    if (url.isEmpty())
        url = qEnvironmentVariable(environmentVariable(method).toLatin1().constData()).trimmed();
    if (url.isEmpty())
        url = settings.value(settingKey(method)).toString().trimmed();
    if (url.isEmpty())
        return std::nullopt;
    // Only from the environment: a settings file is plain text others may read (DESIGN:
    // no passwords in plain INI files).
    const QString secret = qEnvironmentVariable(secretVariable(method).toLatin1().constData());
    return parse(method, url, secret);
}

QString GatewayEndpoint::commandLineOption(CommunicationMethod method)
{
    return CommunicationMethodInfo::key(method) + u"-gateway"_s;
}

QString GatewayEndpoint::environmentVariable(CommunicationMethod method)
{
    return u"CALLOUTDESK_%1_GATEWAY"_s.arg(CommunicationMethodInfo::key(method).toUpper());
}

QString GatewayEndpoint::secretVariable(CommunicationMethod method)
{
    return environmentVariable(method) + u"_SECRET"_s;
}

QString GatewayEndpoint::settingKey(CommunicationMethod method)
{
    return u"gateways/"_s + CommunicationMethodInfo::key(method);
}

QByteArray GatewayEndpoint::authHeaderName() const
{
    return m_headerName;
}

QByteArray GatewayEndpoint::authHeaderValue() const
{
    if (m_secret.isEmpty())
        return {};
    if (m_headerName.compare("Authorization", Qt::CaseInsensitive) == 0 && !m_secret.contains(u' '))
        return "Bearer " + m_secret.toUtf8();
    return m_secret.toUtf8();
}

QString GatewayEndpoint::displayString() const
{
    return tr("%1 at %2").arg(gatewayName(m_method), m_url.toDisplayString(QUrl::RemoveQuery));
}

QString GatewayEndpoint::withoutSecret(QString text) const
{
    if (!m_secret.isEmpty())
        text.replace(m_secret, u"***"_s);
    return text;
}

} // namespace calloutdesk
