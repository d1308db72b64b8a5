#include "SmtpSettings.h"

#include "MailAddress.h"
#include "services/db/SettingsSecret.h"
#include "services/db/UrlPassword.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QSettings>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SmtpSettings", text);
}

bool isOn(const QString &value)
{
    return value == u"1" || value.compare(u"true"_s, Qt::CaseInsensitive) == 0
        || value.compare(u"yes"_s, Qt::CaseInsensitive) == 0;
}

// A positive number of milliseconds, or the default when the item is absent.
std::optional<int> milliseconds(const QUrlQuery &query, const QString &key, int fallback)
{
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(key).toInt(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value;
}

bool isLoopback(const QString &host)
{
    return host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0
        || QHostAddress(host).isLoopback();
}

} // namespace

void SmtpSettings::setPassword(const QString &password)
{
    m_password = password.isNull() ? u""_s : password;
}

Result<SmtpSettings> SmtpSettings::parse(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    // Only the URL without its user info ever goes into a message.
    const QString shown = url.toDisplayString(QUrl::RemoveUserInfo);
    if (!url.isValid() || (scheme != u"smtp" && scheme != u"smtps") || url.host().isEmpty()) {
        return Failure::invalidInput(
            tr("The mail server URL \"%1\" is not valid; expected "
               "smtp://host:25/?from=lab@example.org or smtps://host:465/?from=….")
                .arg(UrlPassword::masked(text.trimmed())));
    }
    const QUrlQuery query(url);
    SmtpSettings settings;
    settings.m_host = url.host();
    settings.m_security = scheme == u"smtps" ? Security::ImplicitTls : Security::None;
    if (isOn(query.queryItemValue(u"starttls"_s))) {
        if (settings.m_security == Security::ImplicitTls) {
            return Failure::invalidInput(
                tr("The mail server URL \"%1\" asks for STARTTLS on smtps://, which is TLS "
                   "from the start; use one or the other.")
                    .arg(shown));
        }
        settings.m_security = Security::StartTls;
    }
    // Patient results and the login would cross the network readable by anyone on the way
    // (SPEC A6); a relay on this host is the one place where clear text stays private.
    if (settings.m_security == Security::None && !isLoopback(settings.m_host)
        && !isOn(query.queryItemValue(u"insecure"_s))) {
        return Failure::invalidInput(
            tr("The mail server URL \"%1\" sends mail unencrypted to another host; use "
               "smtps://, add starttls=1, or add insecure=1 if the lab accepts clear text on "
               "its network.")
                .arg(shown));
    }
    settings.m_port = url.port(settings.m_security == Security::ImplicitTls ? 465 : 25);
    settings.m_userName = url.userName();
    // QUrl gives an empty password for "user:@host" and a null one for "user@host".
    settings.m_password = url.password();
    if (settings.m_userName.isEmpty())
        settings.m_password.clear();

    settings.m_fromAddress = query.queryItemValue(u"from"_s, QUrl::FullyDecoded).trimmed();
    if (!MailAddress::isValid(settings.m_fromAddress)) {
        return Failure::invalidInput(
            settings.m_fromAddress.isEmpty()
                ? tr("The mail server URL \"%1\" names no sender; add ?from=lab@example.org.")
                      .arg(shown)
                : tr("The sender address \"%1\" of the mail server URL is not an email "
                     "address.")
                      .arg(settings.m_fromAddress));
    }
    settings.m_fromName = query.queryItemValue(u"from_name"_s, QUrl::FullyDecoded).trimmed();
    settings.m_caFile = query.queryItemValue(u"ca"_s, QUrl::FullyDecoded);
    if (!settings.m_caFile.isEmpty() && !QFileInfo::exists(settings.m_caFile)) {
        return Failure::invalidInput(
            tr("The certificate authority file %1 of the mail server URL does not exist.")
                .arg(settings.m_caFile));
    }
    const std::optional<int> timeout = milliseconds(query, u"timeout"_s, defaultTimeoutMs);
    const std::optional<int> connectTimeout
        = milliseconds(query, u"connect_timeout"_s, defaultConnectTimeoutMs);
    if (!timeout || !connectTimeout) {
        return Failure::invalidInput(
            tr("The timeouts of the mail server URL \"%1\" must be positive numbers of "
               "milliseconds.")
                .arg(shown));
    }
    settings.m_timeoutMs = *timeout;
    settings.m_connectTimeoutMs = *connectTimeout;
    return settings;
}

std::optional<Result<SmtpSettings>> SmtpSettings::configured(const QString &commandLineUrl,
                                                             const QSettings &settings)
{
    QString url = commandLineUrl.trimmed();
    if (url.isEmpty())
        url = qEnvironmentVariable(environmentVariable).trimmed();
    if (url.isEmpty()) {
        const Result<QString> stored = SettingsSecret::url(
            settings, QLatin1StringView(settingsKey),
            tr("the desktop keychain (calloutctl mail-password) or the environment variable %1")
                .arg(QLatin1StringView(passwordVariable)));
        if (!stored)
            return stored.failure();
        url = stored.value();
    }
    if (url.isEmpty())
        return std::nullopt;
    Result<SmtpSettings> parsed = parse(url);
    if (parsed && parsed.value().needsPassword() && qEnvironmentVariableIsSet(passwordVariable))
        parsed.value().setPassword(qEnvironmentVariable(passwordVariable));
    return parsed;
}

QString SmtpSettings::serverUrl() const
{
    QUrl url;
    url.setScheme(m_security == Security::ImplicitTls ? u"smtps"_s : u"smtp"_s);
    url.setHost(m_host);
    url.setPort(m_port);
    return url.toString(QUrl::FullyEncoded);
}

QString SmtpSettings::displayString() const
{
    QUrl url;
    url.setScheme(m_security == Security::ImplicitTls ? u"smtps"_s : u"smtp"_s);
    url.setUserName(m_userName);
    url.setHost(m_host);
    url.setPort(m_port);
    QString shown = url.toDisplayString();
    if (m_security == Security::StartTls)
        shown += u" (STARTTLS)"_s;
    return shown;
}

} // namespace calloutdesk
