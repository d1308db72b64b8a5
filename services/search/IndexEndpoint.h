#pragma once

#include "services/Failure.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

class QSettings;

namespace calloutdesk {

// Where the search index is and how to sign in to it (SPEC E1):
//   http[s]://[user:password@]host:port[?ca=/path/ca.pem]   and, optionally, an API key.
class IndexEndpoint
{
public:
    static constexpr const char *environmentVariable = "CALLOUTDESK_INDEX";
    static constexpr const char *apiKeyVariable = "CALLOUTDESK_INDEX_API_KEY";
    static constexpr const char *passwordVariable = "CALLOUTDESK_INDEX_PASSWORD";
    static constexpr const char *urlSettingsKey = "index/url";
    static constexpr const char *apiKeySettingsKey = "index/api_key";
    static constexpr int defaultTimeoutMs = 10000;

    static Result<IndexEndpoint> parse(const QString &text, const QString &apiKey = QString());
    // The configured index: the URL from the command line, then CALLOUTDESK_INDEX, then the
    // setting index/url; the API key from CALLOUTDESK_INDEX_API_KEY; the password, when the
    // URL names a user but gives none, from CALLOUTDESK_INDEX_PASSWORD. A password in
    // index/url or a key in index/api_key is refused (SPEC A6: no secrets in the settings
    // file). nullopt when no index is configured.
    static std::optional<Result<IndexEndpoint>> configured(const QString &commandLineUrl,
                                                           const QSettings &settings);

    QUrl baseUrl() const { return m_baseUrl; }
    QString indexName() const { return m_indexName; }
    // The index that holds one lab's documents: "<indexName>-lab-<id>". A separate index
    // per lab, not a filtered alias over one shared index, because Elasticsearch grants
    // privileges by index name and its documentation warns that filtered aliases are not a
    // security boundary; an index of its own is what an API key can be confined to (see
    // IndexApiKeyIssuer). Keys name it exactly, never with a wildcard, so that lab 1's
    // key cannot match "-lab-10".
    QString labIndexName(qint64 labId) const;
    // The Authorization header value, empty for none.
    QByteArray authorization() const;
    int timeoutMs() const { return m_timeoutMs; }
    // Extra certificate authorities to trust for https (PEM), from the URL's ?ca=/path:
    // a lab's own CA need not be installed system-wide.
    QString caCertificatesFile() const { return m_caFile; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    // The URL without credentials, for messages.
    QString displayString() const;

private:
    QUrl m_baseUrl;
    QString m_indexName = QStringLiteral("patient_reports");
    QString m_userName;
    QString m_password;
    QString m_apiKey;
    QString m_caFile;
    int m_timeoutMs = defaultTimeoutMs;
};

} // namespace calloutdesk
