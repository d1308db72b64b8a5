#include "MailAddress.h"

#include "models/EmailAddress.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString oneLine(const QString &text)
{
    QString line = text;
    line.replace(u'\r', u' ').replace(u'\n', u' ');
    return line;
}

bool isPrintableAscii(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    return true;
}

} // namespace

bool MailAddress::isValid(const QString &address)
{
    // The rule a callout's addresses were checked by when it was recorded (SPEC C10), in
    // the form that was queued: what entry accepted, sending accepts, and nothing else.
    const EmailAddress parsed = EmailAddress::parse(address);
    return parsed.isValid() && parsed.deliverable() == address;
}

QString MailAddress::domainOf(const QString &address)
{
    return address.section(u'@', -1);
}

QByteArray MailAddress::encodeHeaderText(const QString &text)
{
    const QString line = oneLine(text);
    if (isPrintableAscii(line))
        return line.toLatin1();
    // 45 bytes of UTF-8 make 60 characters of base64; with "=?UTF-8?B?" and "?=" a word
    // stays within RFC 2047's 75. A word never splits a character (nor a surrogate pair).
    QList<QByteArray> words;
    QByteArray chunk;
    for (qsizetype i = 0; i < line.size(); ++i) {
        qsizetype length = 1;
        if (line.at(i).isHighSurrogate() && i + 1 < line.size())
            length = 2;
        const QByteArray character = line.mid(i, length).toUtf8();
        i += length - 1;
        if (chunk.size() + character.size() > 45) {
            words << "=?UTF-8?B?" + chunk.toBase64() + "?=";
            chunk.clear();
        }
        chunk += character;
    }
    if (!chunk.isEmpty())
        words << "=?UTF-8?B?" + chunk.toBase64() + "?=";
    // Whitespace between encoded words is ignored by decoders (RFC 2047 6.2). The words
    // stay on one line: libcurl writes each header as given, and a line of a few hundred
    // characters is within RFC 5322's limit of 998.
    return words.join(" ");
}

QByteArray MailAddress::mailbox(const QString &name, const QString &address)
{
    const QString displayName = oneLine(name).trimmed();
    const QByteArray angle = "<" + address.toLatin1() + ">";
    if (displayName.isEmpty())
        return angle;
    if (!isPrintableAscii(displayName))
        return encodeHeaderText(displayName) + " " + angle;
    QString quoted = displayName;
    quoted.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return "\"" + quoted.toLatin1() + "\" " + angle;
}

} // namespace calloutdesk
