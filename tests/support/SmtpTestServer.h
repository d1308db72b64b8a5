#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace calloutdesk::test {

// The real SMTP server of the mail tests (DESIGN.md): smtp-test-server.py, Debian's
// python3-aiosmtpd on a free loopback port, run as a child process. It stores every
// message it accepts, and the tests read them back parsed by Python's email package
// (read-eml.py), not by CalloutDesk's own code.
class SmtpTestServer
{
public:
    struct Options
    {
        QStringList refusedRecipients;  // RCPT TO answered 550
        QStringList deferredRecipients; // RCPT TO answered 451
        QString login;                  // "user:password" to require AUTH
        // TLS with this certificate and key (PEM): STARTTLS on smtp://, or smtps://.
        QString tlsCertificate;
        QString tlsKey;
        bool implicitTls = false;
        quint16 port = 0; // 0: a free one
    };

    SmtpTestServer();
    explicit SmtpTestServer(Options options);
    ~SmtpTestServer();

    SmtpTestServer(const SmtpTestServer &) = delete;
    SmtpTestServer &operator=(const SmtpTestServer &) = delete;

    // Starts the server and waits until it listens. False, with the reason, on failure.
    bool start(QString *error = nullptr);
    // Stops it; its port then refuses connections ("the server is down").
    void stop();
    // Starts it again on the port it had: the server is back.
    bool restart(QString *error = nullptr);
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    quint16 port() const { return m_port; }
    // A CalloutDesk mail URL for this server, sending as lab@riverside.example.
    QString url(const QString &extraQuery = QString()) const;

    // The stored messages, oldest first, each parsed by read-eml.py:
    // {"headers": {…raw…}, "subject", "from", "to", "content_type",
    //  "parts": [{"content_type", "charset", "transfer_encoding", "body"}],
    //  "envelope": {"mail_from", "rcpt_tos"}}.
    QList<QJsonObject> messages() const;
    // The raw bytes of the stored messages, oldest first.
    QList<QByteArray> rawMessages() const;
    // Removes the stored messages (between test functions).
    void clear();

private:
    QStringList messageFiles() const;

    Options m_options;
    QTemporaryDir m_maildir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace calloutdesk::test
