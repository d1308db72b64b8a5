#include "IndexEndpoint.h"

#include "services/db/SettingsSecret.h"
#include "services/db/UrlPassword.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

Result<IndexEndpoint> IndexEndpoint::parse(const QString &text, const QString &apiKey)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        return Failure::invalidInput(
            QCoreApplication::translate("IndexEndpoint",
                                        "The search index URL \"%1\" is not valid; expected "
                                        "http(s)://host:9200.")
                .arg(UrlPassword::masked(text.trimmed())));
    }
    IndexEndpoint endpoint;
    endpoint.m_userName = url.userName();
    endpoint.m_password = url.password();
    endpoint.m_apiKey = apiKey.trimmed();
    endpoint.m_caFile = QUrlQuery(url).queryItemValue(u"ca"_s, QUrl::FullyDecoded);
    if (!endpoint.m_caFile.isEmpty() && !QFileInfo::exists(endpoint.m_caFile)) {
        return Failure::invalidInput(
            QCoreApplication::translate("IndexEndpoint",
                                        "The certificate authority file %1 of the search index "
                                        "URL does not exist.")
                .arg(endpoint.m_caFile));
    }
    QUrl base = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                             | QUrl::StripTrailingSlash);
    endpoint.m_baseUrl = base;
    return endpoint;
}

std::optional<Result<IndexEndpoint>> IndexEndpoint::configured(const QString &commandLineUrl,
                                                               const QSettings &settings)
{
    QString url = commandLineUrl.trimmed();
    if (url.isEmpty())
        url = qEnvironmentVariable(environmentVariable).trimmed();
    if (url.isEmpty()) {
        const Result<QString> stored = SettingsSecret::url(
            settings, QLatin1StringView(urlSettingsKey),
            QCoreApplication::translate("IndexEndpoint",
                                        "the environment variable %1 (or use "
                                        "an API key in %2)")
                .arg(QLatin1StringView(passwordVariable), QLatin1StringView(apiKeyVariable)));
        if (!stored)
            return stored.failure();
        url = stored.value();
    }
    if (url.isEmpty())
        return std::nullopt;
    const QString apiKey = qEnvironmentVariable(apiKeyVariable);
    if (apiKey.isEmpty()) {
        const Status noKey = SettingsSecret::absent(
            settings, QLatin1StringView(apiKeySettingsKey),
            QCoreApplication::translate("IndexEndpoint", "the environment variable %1")
                .arg(QLatin1StringView(apiKeyVariable)));
        if (!noKey)
            return noKey.failure();
    }
    Result<IndexEndpoint> endpoint = parse(url, apiKey);
    if (endpoint && !endpoint.value().m_userName.isEmpty() && endpoint.value().m_password.isNull()
        && qEnvironmentVariableIsSet(passwordVariable))
        endpoint.value().m_password = qEnvironmentVariable(passwordVariable);
    return endpoint;
}

QString IndexEndpoint::labIndexName(qint64 labId) const
{
    return u"%1-lab-%2"_s.arg(m_indexName).arg(labId);
}

QByteArray IndexEndpoint::authorization() const
{
    if (!m_apiKey.isEmpty())
        return "ApiKey " + m_apiKey.toUtf8();
    if (!m_userName.isEmpty())
        return "Basic " + (m_userName + u':' + m_password).toUtf8().toBase64();
    return {};
}

QString IndexEndpoint::displayString() const
{
    return m_baseUrl.toDisplayString();
}

} // namespace calloutdesk
