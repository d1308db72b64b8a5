#include "SmtpTestServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

namespace {

// Debian's interpreter by its full path: the python3 first on PATH may be another one
// (pyenv, a virtualenv) that has no python3-aiosmtpd.
const QString python = QStringLiteral(CALLOUTDESK_SYSTEM_PYTHON);

} // namespace

SmtpTestServer::SmtpTestServer()
    : SmtpTestServer(Options{})
{ }

SmtpTestServer::SmtpTestServer(Options options)
    : m_options(std::move(options))
{ }

SmtpTestServer::~SmtpTestServer()
{
    stop();
}

bool SmtpTestServer::start(QString *error)
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (!m_maildir.isValid())
        return fail(u"no temporary folder for the mail"_s);
    QStringList arguments{QStringLiteral(SMTP_TEST_SERVER_PATH), u"--maildir"_s, m_maildir.path()};
    for (const QString &address : std::as_const(m_options.refusedRecipients))
        arguments << u"--refuse"_s << address;
    for (const QString &address : std::as_const(m_options.deferredRecipients))
        arguments << u"--defer"_s << address;
    if (!m_options.login.isEmpty())
        arguments << u"--login"_s << m_options.login;
    if (m_options.port != 0)
        arguments << u"--port"_s << QString::number(m_options.port);
    if (!m_options.tlsCertificate.isEmpty()) {
        arguments << u"--tls-cert"_s << m_options.tlsCertificate << u"--tls-key"_s
                  << m_options.tlsKey
                  << (m_options.implicitTls ? u"--implicit-tls"_s : u"--starttls"_s);
    }
    // Its standard input stays open while it runs: the server stops when it closes, so
    // a test that crashes leaves no server behind.
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(python, arguments);
    if (!m_process.waitForStarted(10000))
        return fail(u"%1 did not start: %2"_s.arg(python, m_process.errorString()));

    // It prints "PORT <n>" once it listens; wait for that line, not for a fixed time.
    QDeadlineTimer deadline(20000);
    QByteArray output;
    while (!output.contains('\n')) {
        if (m_process.state() != QProcess::Running || deadline.hasExpired()
            || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            const QString reason = QString::fromUtf8(m_process.readAllStandardError());
            stop();
            return fail(u"the SMTP test server did not come up: %1"_s.arg(reason));
        }
        output += m_process.readAllStandardOutput();
    }
    const QByteArray line = output.left(output.indexOf('\n')).trimmed();
    if (!line.startsWith("PORT ")) {
        stop();
        return fail(u"the SMTP test server said %1"_s.arg(QString::fromUtf8(line)));
    }
    m_port = quint16(line.mid(5).toUInt());
    return m_port != 0 || fail(u"the SMTP test server gave no port"_s);
}

void SmtpTestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SmtpTestServer::restart(QString *error)
{
    stop();
    m_options.port = m_port;
    return start(error);
}

QString SmtpTestServer::url(const QString &extraQuery) const
{
    QString url = u"%1://127.0.0.1:%2/?from=lab@riverside.example"_s.arg(
        m_options.implicitTls ? u"smtps"_s : u"smtp"_s, QString::number(m_port));
    if (!extraQuery.isEmpty())
        url += u'&' + extraQuery;
    return url;
}

QStringList SmtpTestServer::messageFiles() const
{
    const QDir dir(m_maildir.path());
    QStringList files;
    for (const QString &name : dir.entryList({u"*.eml"_s}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

QList<QByteArray> SmtpTestServer::rawMessages() const
{
    QList<QByteArray> messages;
    for (const QString &path : messageFiles()) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            messages << file.readAll();
    }
    return messages;
}

QList<QJsonObject> SmtpTestServer::messages() const
{
    QList<QJsonObject> messages;
    for (const QString &path : messageFiles()) {
        QProcess reader;
        reader.start(python, {QStringLiteral(READ_EML_PATH), path});
        reader.waitForFinished(20000);
        QJsonObject message = QJsonDocument::fromJson(reader.readAllStandardOutput()).object();
        if (message.isEmpty())
            message.insert(u"error"_s, QString::fromUtf8(reader.readAllStandardError()));
        QFile envelope(path.chopped(4) + u".json"_s);
        if (envelope.open(QIODevice::ReadOnly))
            message.insert(u"envelope"_s, QJsonDocument::fromJson(envelope.readAll()).object());
        messages << message;
    }
    return messages;
}

void SmtpTestServer::clear()
{
    QDir dir(m_maildir.path());
    for (const QString &name : dir.entryList({u"*.eml"_s, u"*.json"_s}, QDir::Files))
        dir.remove(name);
}

} // namespace calloutdesk::test
