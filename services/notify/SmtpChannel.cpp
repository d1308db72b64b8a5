#include "SmtpChannel.h"

#include "MailAddress.h"
#include "MailLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>
#include <QUrl>
#include <QUuid>

#include <curl/curl.h>

#include <memory>
#include <mutex>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SmtpChannel", text);
}

struct EasyDeleter
{
    void operator()(CURL *handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
struct MimeDeleter
{
    void operator()(curl_mime *mime) const { curl_mime_free(mime); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using List = std::unique_ptr<curl_slist, ListDeleter>;
using Mime = std::unique_ptr<curl_mime, MimeDeleter>;

// curl_global_init is not safe to race with other threads' first use of libcurl; the
// outbox worker may send from a thread of its own, so it runs once, whoever comes first.
void initialiseCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool append(List &list, const QByteArray &line)
{
    curl_slist *grown = curl_slist_append(list.get(), line.constData());
    if (!grown)
        return false;
    (void)list.release();
    list.reset(grown);
    return true;
}

// What the server said, read from libcurl's protocol trace: the first reply that refused
// something (4xx or 5xx), with all its lines, and the command it answered. Only the verb
// of each command is kept: the AUTH line carries the credentials.
struct Transcript
{
    QByteArray command;
    QByteArray reply;
    bool replyDone = true;
    QByteArray failedCommand;
    QByteArray failedReply;
    int failedCode = 0;
};

int traceCallback(CURL *, curl_infotype type, char *data, size_t size, void *user)
{
    auto *transcript = static_cast<Transcript *>(user);
    const QByteArray line = QByteArray(data, qsizetype(size)).trimmed();
    if (type == CURLINFO_HEADER_OUT) {
        const qsizetype space = line.indexOf(' ');
        transcript->command = (space < 0 ? line : line.left(space)).toUpper().left(10);
    } else if (type == CURLINFO_HEADER_IN && line.size() >= 3) {
        // A reply of several lines repeats its code with '-' after it on all but the last.
        if (transcript->replyDone)
            transcript->reply.clear();
        transcript->reply += (transcript->reply.isEmpty() ? "" : " ") + line.mid(4);
        transcript->replyDone = line.size() == 3 || line.at(3) != '-';
        const int code = line.left(3).toInt();
        // The last refusal counts: libcurl goes on after some (EHLO refused, then HELO),
        // and a later success of anything but QUIT means the refusal was overcome.
        if (transcript->replyDone && code >= 400) {
            transcript->failedCode = code;
            transcript->failedCommand = transcript->command;
            transcript->failedReply = line.left(3) + ' ' + transcript->reply;
        } else if (transcript->replyDone && transcript->command != "QUIT") {
            transcript->failedCode = 0;
            transcript->failedCommand.clear();
            transcript->failedReply.clear();
        }
    }
    return 0;
}

bool isConfigurationError(CURLcode code)
{
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_AUTH_ERROR:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION:
        return true;
    default:
        return false;
    }
}

} // namespace

SmtpChannel::SmtpChannel(SmtpSettings settings, EmailRenderer renderer)
    : m_settings(std::move(settings))
    , m_renderer(std::move(renderer))
{ }

Status SmtpChannel::deliver(const NotificationMessage &message, const NotificationContent &content)
{
    const QString address = message.address.trimmed();
    if (!MailAddress::isValid(address)) {
        return Failure::invalidInput(
            tr("\"%1\" is not an email address; the message cannot be sent.").arg(address));
    }
    if (m_settings.needsPassword()) {
        return Failure::configuration(
            tr("The password of %1 for the mail server %2 is not known; store it with "
               "\"calloutctl mail-password\" or set CALLOUTDESK_SMTP_PASSWORD.")
                .arg(m_settings.userName(), m_settings.displayString()));
    }
    const auto rendered = m_renderer.render(content);
    if (!rendered)
        return rendered.failure();
    const EmailRenderer::Email &email = rendered.value();

    initialiseCurl();
    Easy curl(curl_easy_init());
    if (!curl)
        return Failure::internal(tr("The mail library could not start."));
    CURL *handle = curl.get();

    // Headers of the message. libcurl adds MIME-Version and the Content-Type with its
    // boundary; everything a header carries has passed MailAddress, so no value can
    // start a header line of its own.
    const QString fromName
        = m_settings.fromName().isEmpty() ? content.labName : m_settings.fromName();
    const QString messageId = u"<calloutdesk.%1.%2@%3>"_s.arg(
        QString::number(message.id), QUuid::createUuid().toString(QUuid::WithoutBraces),
        MailAddress::domainOf(m_settings.fromAddress()));
    List headers;
    bool ok = append(headers, "Date: " + QDateTime::currentDateTime().toString(Qt::RFC2822Date).toLatin1())
        && append(headers, "From: " + MailAddress::mailbox(fromName, m_settings.fromAddress()))
        && append(headers, "To: " + MailAddress::mailbox(content.recipientName, address))
        && append(headers, "Subject: " + MailAddress::encodeHeaderText(email.subject))
        && append(headers, "Message-ID: " + messageId.toLatin1())
        // RFC 3834: an automatic message, so that no autoresponder answers it.
        && append(headers, "Auto-Submitted: auto-generated");
    List recipients;
    ok = ok && append(recipients, "<" + address.toLatin1() + ">");

    // multipart/mixed (libcurl's top level for mail) holding one multipart/alternative:
    // the text part first, the HTML part last, as readers prefer the last they can show.
    Mime mime(curl_mime_init(handle));
    curl_mime *alternative = curl_mime_init(handle);
    const QByteArray text = email.text.toUtf8();
    const QByteArray html = email.html.toUtf8();
    curl_mimepart *textPart = curl_mime_addpart(alternative);
    curl_mimepart *htmlPart = curl_mime_addpart(alternative);
    ok = ok && mime && textPart && htmlPart
        && curl_mime_data(textPart, text.constData(), size_t(text.size())) == CURLE_OK
        && curl_mime_type(textPart, "text/plain; charset=utf-8") == CURLE_OK
        // Quoted-printable keeps lines short and non-ASCII safe on any relay.
        && curl_mime_encoder(textPart, "quoted-printable") == CURLE_OK
        && curl_mime_data(htmlPart, html.constData(), size_t(html.size())) == CURLE_OK
        && curl_mime_type(htmlPart, "text/html; charset=utf-8") == CURLE_OK
        && curl_mime_encoder(htmlPart, "quoted-printable") == CURLE_OK;
    curl_mimepart *body = ok ? curl_mime_addpart(mime.get()) : nullptr;
    if (body && curl_mime_subparts(body, alternative) == CURLE_OK) {
        alternative = nullptr; // now owned by body
        ok = curl_mime_type(body, "multipart/alternative") == CURLE_OK;
    } else {
        ok = false;
    }
    if (alternative)
        curl_mime_free(alternative);
    if (!ok)
        return Failure::internal(tr("The email could not be put together."));

    // The EHLO name is the URL's path; without one libcurl would say "localhost".
    const QByteArray url
        = (m_settings.serverUrl() + u'/'
           + QString::fromLatin1(QUrl::toPercentEncoding(QSysInfo::machineHostName())))
              .toUtf8();
    const QByteArray from = "<" + m_settings.fromAddress().toLatin1() + ">";
    const QByteArray user = m_settings.userName().toUtf8();
    const QByteArray password = m_settings.password().toUtf8();
    const QByteArray caFile = m_settings.caCertificatesFile().toLocal8Bit();
    char errorBuffer[CURL_ERROR_SIZE] = {};
    Transcript transcript;

    curl_easy_setopt(handle, CURLOPT_URL, url.constData());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, long(m_settings.connectTimeoutMs()));
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, long(m_settings.timeoutMs()));
    if (m_settings.security() != SmtpSettings::Security::None)
        curl_easy_setopt(handle, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (!caFile.isEmpty())
        curl_easy_setopt(handle, CURLOPT_CAINFO, caFile.constData());
    if (!user.isEmpty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(handle, CURLOPT_MIMEPOST, mime.get());
    // The trace is how the server's own words reach the failure; nothing of it is logged.
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, traceCallback);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &transcript);
    curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);

    const CURLcode code = curl_easy_perform(handle);
    if (code == CURLE_OK) {
        qCDebug(lcMail) << "sent notification" << message.id << "to" << address << "via"
                        << m_settings.displayString();
        return Done{};
    }

    const QString server = m_settings.displayString();
    const QString reason = errorBuffer[0] ? QString::fromUtf8(errorBuffer)
                                          : QString::fromUtf8(curl_easy_strerror(code));
    const QString reply = QString::fromUtf8(transcript.failedReply);
    qCWarning(lcMail) << "notification" << message.id << "to" << address << "not sent via"
                      << server << ":" << reason << reply;
    if (transcript.failedCode >= 500) {
        // A permanent refusal. Of the recipient or of this message: nothing to retry. Of
        // the sender, the login or the session: the configuration is wrong.
        if (transcript.failedCommand == "RCPT" || transcript.failedCommand == "DATA") {
            return Failure::invalidInput(
                tr("The mail server %1 refused the message to %2: %3")
                    .arg(server, address, reply));
        }
        return Failure::configuration(
            tr("The mail server %1 refused the mail settings: %2").arg(server, reply));
    }
    if (code == CURLE_LOGIN_DENIED || isConfigurationError(code)) {
        return Failure::configuration(tr("The mail server %1 cannot be used as configured: %2")
                                          .arg(server, reply.isEmpty() ? reason : reply));
    }
    if (transcript.failedCode >= 400) {
        return Failure::unavailable(
            tr("The mail server %1 asked to try again later: %2").arg(server, reply));
    }
    return Failure::unavailable(tr("The mail server %1 cannot be reached: %2").arg(server, reason));
}

} // namespace calloutdesk
