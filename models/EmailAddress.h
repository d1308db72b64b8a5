#pragma once

#include <QCoreApplication>
#include <QString>

namespace calloutdesk {

// One email address as a lab types it into a contact field, checked when a callout is
// recorded (SPEC C10) so that a done callout never queues a message the mail server is
// bound to refuse, and so that no value can add a recipient or a header line.
//
// Accepted: exactly one address local@domain, nothing else in the field.
// - No whitespace, control or format characters anywhere (a CR/LF could start an SMTP
//   command or a header line of its own); no list separators (',' ';') and no
//   "Name <address>" form: one field holds one address.
// - Local part: an RFC 5322 dot-atom of ASCII (letters, digits and
//   ! # $ % & ' * + - / = ? ^ _ ` { | } ~; dots only between other characters), at most
//   64 characters. Quoted local parts are refused: no lab needs them and they are where
//   injection hides.
// - Domain: at least two labels of letters, digits and '-' (not at either end of a
//   label), the last label not all digits (an IP address is not a mail domain, and
//   address literals such as [192.0.2.1] are refused), labels at most 63 and the whole
//   domain at most 253 characters, counted in the ASCII form that is sent.
// - The whole address sent is at most 254 characters (RFC 5321's path limit).
//
// International addresses: a domain with non-ASCII letters (user@bücher.example) is
// accepted and sent in its IDNA ASCII form (user@xn--bcher-kva.example, QUrl::toAce,
// UTS #46 non-transitional), which every SMTP server understands. A local part with
// non-ASCII letters (tomás@…) is refused: it reaches its mailbox only through a server
// that offers SMTPUTF8 (RFC 6531), which the desk cannot know when the callout is
// recorded, and an address must never be accepted and then fail when it is sent.
class EmailAddress
{
    Q_DECLARE_TR_FUNCTIONS(EmailAddress)

public:
    static constexpr int maxLength = 254;
    static constexpr int maxLocalPartLength = 64;
    static constexpr int maxDomainLength = 253;
    static constexpr int maxLabelLength = 63;

    enum class Problem
    {
        None,
        Empty,
        TooLong,
        ControlCharacter,
        Whitespace,
        SeveralAddresses,
        NameOrBrackets,
        NoAt,
        SeveralAts,
        LocalPartEmpty,
        LocalPartTooLong,
        LocalPartNotAscii,
        LocalPartInvalid,
        DomainEmpty,
        DomainNoDot,
        DomainInvalid,
        DomainTooLong,
        LabelTooLong,
    };

    // Checks `text` with surrounding spaces removed (a pasted address often carries
    // them); a line break, even at an end, is refused.
    static EmailAddress parse(const QString &text);

    bool isValid() const { return m_problem == Problem::None; }
    Problem problem() const { return m_problem; }
    // Why the address cannot be used, as the end of a sentence ("it contains a space"),
    // in words a lab user can act on; empty when it is valid.
    QString problemText() const;
    // The address as given, surrounding spaces removed.
    const QString &text() const { return m_text; }
    // The form to send (envelope and header): the local part as given, the domain in
    // its ASCII form. Empty when the address is not valid.
    const QString &deliverable() const { return m_deliverable; }

private:
    QString m_text;
    QString m_deliverable;
    Problem m_problem = Problem::Empty;
    qsizetype m_count = 0; // the length that was too long, for problemText()
};

} // namespace calloutdesk
