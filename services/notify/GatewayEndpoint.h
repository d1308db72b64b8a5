#pragma once

#include "models/CommunicationMethod.h"
#include "services/Failure.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

class QSettings;

namespace calloutdesk {

// Where one channel's gateway is (SPEC N2) and how to sign in to it:
//   http[s]://host[:port]/path[?header=X-Api-Key][&timeout=SECONDS][&ca=/path/ca.pem]
// The secret never appears in the URL, so that the URL can sit in a settings file or a
// command line that others may read: it comes from CALLOUTDESK_<CHANNEL>_GATEWAY_SECRET and
// is sent as "Authorization: Bearer <secret>" (a secret that names its own scheme, such as
// "Basic dXNlcjpwdw==", goes as it is), or verbatim in the header that ?header= names.
// Query items other than header, timeout and ca stay in the URL the gateway receives.
class GatewayEndpoint
{
public:
    static constexpr int defaultTimeoutMs = 15000;

    // The gateway of `method` (fax, SMS or WhatsApp; email has none) from `text`.
    static Result<GatewayEndpoint> parse(CommunicationMethod method, const QString &text,
                                         const QString &secret = QString());
    // The configured gateway of `method`: the URL from the command line
    // (--fax-gateway …), then CALLOUTDESK_FAX_GATEWAY, then the setting gateways/fax; the
    // secret from CALLOUTDESK_FAX_GATEWAY_SECRET. nullopt when no gateway is configured.
    static std::optional<Result<GatewayEndpoint>> configured(CommunicationMethod method,
                                                             const QString &commandLineUrl,
                                                             const QSettings &settings);

    // The names under which a channel's gateway is configured, for --help texts and messages.
    static QString commandLineOption(CommunicationMethod method);   // "fax-gateway"
    static QString environmentVariable(CommunicationMethod method); // "CALLOUTDESK_FAX_GATEWAY"
    static QString secretVariable(CommunicationMethod method);      // "…_FAX_GATEWAY_SECRET"
    static QString settingKey(CommunicationMethod method);          // "gateways/fax"

    CommunicationMethod method() const { return m_method; }
    QUrl url() const { return m_url; }
    // The header that carries the secret and its value; both empty without a secret.
    QByteArray authHeaderName() const;
    QByteArray authHeaderValue() const;
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    // Extra certificate authorities to trust for https (PEM): a lab's own CA need not be
    // installed system-wide.
    QString caCertificatesFile() const { return m_caFile; }
    // "fax gateway at https://gw.example/fax", for messages; never with the secret.
    QString displayString() const;
    // `text` with the secret masked, for messages that quote what a gateway answered (a
    // gateway may echo the request back in an error).
    QString withoutSecret(QString text) const;

private:
    CommunicationMethod m_method = CommunicationMethod::Fax;
    QUrl m_url;
    QByteArray m_headerName;
    QString m_secret;
    QString m_caFile;
    int m_timeoutMs = defaultTimeoutMs;
};

} // namespace calloutdesk
