#pragma once

#include "services/Failure.h"

#include <QString>

#include <optional>

class QSettings;

namespace calloutdesk {

// Where to send mail and as whom (SPEC N1), from one URL-style setting:
//   smtp://[user[:password]@]host[:port]/?from=lab@example.org[&starttls=1]
//   smtps://[user[:password]@]host[:port]/?from=…                    (implicit TLS)
// with optional query items from_name (the From display name; the lab's name when
// absent), ca=/path/ca.pem (the certificate authorities to trust for TLS instead of the
// system's), timeout and connect_timeout (milliseconds). A user without a password means
// "ask for it": CALLOUTDESK_SMTP_PASSWORD fills it in (see configured()). Plain smtp://
// without STARTTLS is refused unless the host is loopback or the URL says insecure=1.
class SmtpSettings
{
public:
    enum class Security
    {
        None,        // smtp:// in the clear: a relay on loopback, or insecure=1
        StartTls,    // smtp:// upgraded with STARTTLS, which must succeed
        ImplicitTls, // smtps://
    };

    static constexpr const char *environmentVariable = "CALLOUTDESK_SMTP";
    static constexpr const char *passwordVariable = "CALLOUTDESK_SMTP_PASSWORD";
    static constexpr const char *settingsKey = "mail/url";
    static constexpr int defaultConnectTimeoutMs = 10000;
    static constexpr int defaultTimeoutMs = 60000;

    static Result<SmtpSettings> parse(const QString &text);
    // The configured server: the URL from the command line (--smtp), then
    // CALLOUTDESK_SMTP, then the setting mail/url; the password, when the URL names a user
    // but gives none, from CALLOUTDESK_SMTP_PASSWORD. A password in mail/url is refused
    // (SPEC A6). nullopt when no server is configured.
    static std::optional<Result<SmtpSettings>> configured(const QString &commandLineUrl,
                                                          const QSettings &settings);

    QString host() const { return m_host; }
    int port() const { return m_port; }
    Security security() const { return m_security; }
    QString userName() const { return m_userName; }
    // True when the server wants a login whose password is still unknown.
    bool needsPassword() const { return !m_userName.isEmpty() && m_password.isNull(); }
    // An empty password is a password (some relays take one); only null means unknown.
    void setPassword(const QString &password);
    // Only for the channel that logs in; never put it in a message or a log.
    QString password() const { return m_password; }
    QString fromAddress() const { return m_fromAddress; }
    QString fromName() const { return m_fromName; }
    QString caCertificatesFile() const { return m_caFile; }
    int connectTimeoutMs() const { return m_connectTimeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    // smtp[s]://host:port for libcurl, without credentials or options.
    QString serverUrl() const;
    // The server for messages: scheme, user, host and port, never the password.
    QString displayString() const;

private:
    QString m_host;
    int m_port = 25;
    Security m_security = Security::None;
    QString m_userName;
    QString m_password;
    QString m_fromAddress;
    QString m_fromName;
    QString m_caFile;
    int m_connectTimeoutMs = defaultConnectTimeoutMs;
    int m_timeoutMs = defaultTimeoutMs;
};

} // namespace calloutdesk
