#pragma once

#include <QByteArray>
#include <QString>

namespace calloutdesk {

// The pieces of an email header CalloutDesk writes itself (RFC 5322, RFC 2047): an
// address check strict enough that nothing but an address reaches an SMTP command or a
// header line, and header text encoded for non-ASCII.
class MailAddress
{
public:
    // One address in the form it is sent: valid by EmailAddress (local@domain with no
    // spaces, controls, angle brackets, commas or quotes), plain ASCII, nothing around it.
    // Anything else is refused rather than quoted, so that no value can add a recipient or
    // a header line.
    static bool isValid(const QString &address);
    // The part after '@', for the Message-ID.
    static QString domainOf(const QString &address);
    // Header text: as it is when printable ASCII, otherwise RFC 2047 encoded-words
    // (=?UTF-8?B?…?=, each at most 75 characters, split between whole characters) joined
    // by spaces. Line breaks become spaces: a header value is one line.
    static QByteArray encodeHeaderText(const QString &text);
    // "Name <address>" with the name quoted or encoded as needed; "<address>" alone when
    // the name is empty.
    static QByteArray mailbox(const QString &name, const QString &address);
};

} // namespace calloutdesk
