#include "EmailAddress.h"

#include "ControlCharacter.h"

#include <QRegularExpression>

#include <QUrl>
#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

bool isAscii(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() > 0x7f)
            return false;
    return true;
}

bool isDotAtom(const QString &local)
{
    static const QRegularExpression pattern(
        u"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"_s);
    return pattern.match(local).hasMatch();
}

bool isHostLabel(const QString &label)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"_s);
    return pattern.match(label).hasMatch();
}

bool isAllDigits(const QString &label)
{
    for (const QChar c : label)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

} // namespace

EmailAddress EmailAddress::parse(const QString &text)
{
    EmailAddress address;
    auto refused = [&address](Problem problem, qsizetype count = 0) {
        address.m_problem = problem;
        address.m_count = count;
        return address;
    };
    // Before trimming: trimmed() would quietly drop a trailing CR/LF, and a line break
    // in an address field is never a typing slip worth keeping.
    if (hasControlCharacter(text))
        return refused(Problem::ControlCharacter);
    address.m_text = text.trimmed();
    const QString &t = address.m_text;
    if (t.isEmpty())
        return refused(Problem::Empty);

    if (t.contains(u',') || t.contains(u';'))
        return refused(Problem::SeveralAddresses);
    const bool hasSpace = std::any_of(t.cbegin(), t.cend(), [](QChar c) {
        return c.isSpace() || c.category() == QChar::Other_Format;
    });
    const bool hasNameSyntax = t.contains(u'<') || t.contains(u'>') || t.contains(u'"')
        || t.contains(u'(') || t.contains(u')');
    const qsizetype ats = t.count(u'@');
    if (ats == 0)
        return refused(Problem::NoAt);
    if (hasSpace && ats > 1)
        return refused(Problem::SeveralAddresses);
    if (hasNameSyntax)
        return refused(Problem::NameOrBrackets);
    if (hasSpace)
        return refused(Problem::Whitespace);
    if (ats > 1)
        return refused(Problem::SeveralAts);
    if (t.size() > maxLength)
        return refused(Problem::TooLong, t.size());

    const qsizetype at = t.indexOf(u'@');
    const QString local = t.left(at);
    const QString domain = t.mid(at + 1);
    if (local.isEmpty())
        return refused(Problem::LocalPartEmpty);
    if (!isAscii(local))
        return refused(Problem::LocalPartNotAscii);
    if (local.size() > maxLocalPartLength)
        return refused(Problem::LocalPartTooLong, local.size());
    if (!isDotAtom(local))
        return refused(Problem::LocalPartInvalid);

    if (domain.isEmpty())
        return refused(Problem::DomainEmpty);
    // An ASCII domain is kept as typed; QUrl::toAce would also lower its case, which is
    // harmless but would make the queued address differ from the one the user sees.
    const QString ascii = isAscii(domain) ? domain : QString::fromLatin1(QUrl::toAce(domain));
    if (ascii.isEmpty())
        return refused(Problem::DomainInvalid);
    if (!ascii.contains(u'.'))
        return refused(Problem::DomainNoDot);
    if (ascii.size() > maxDomainLength)
        return refused(Problem::DomainTooLong, ascii.size());
    const QStringList labels = ascii.split(u'.');
    for (const QString &label : labels) {
        if (label.size() > maxLabelLength)
            return refused(Problem::LabelTooLong, label.size());
        if (!isHostLabel(label))
            return refused(Problem::DomainInvalid);
    }
    if (isAllDigits(labels.last()))
        return refused(Problem::DomainInvalid);

    const QString deliverable = local + u'@' + ascii;
    if (deliverable.size() > maxLength)
        return refused(Problem::TooLong, deliverable.size());
    address.m_deliverable = deliverable;
    address.m_problem = Problem::None;
    return address;
}

QString EmailAddress::problemText() const
{
    switch (m_problem) {
    case Problem::None:
        return {};
    case Problem::Empty:
        return tr("it is empty");
    case Problem::TooLong:
        return tr("it has %1 characters; an address has at most %2").arg(m_count).arg(maxLength);
    case Problem::ControlCharacter:
        return tr("it contains a line break or another control character");
    case Problem::Whitespace:
        return tr("it contains a space or an invisible character");
    case Problem::SeveralAddresses:
        return tr("it holds more than one address; give one address only");
    case Problem::NameOrBrackets:
        return tr("it holds more than the address (a name, quotes or brackets); give the "
                  "address alone, as in name@example.org");
    case Problem::NoAt:
        return tr("it has no @; an address looks like name@example.org");
    case Problem::SeveralAts:
        return tr("it has more than one @");
    case Problem::LocalPartEmpty:
        return tr("nothing comes before the @");
    case Problem::LocalPartTooLong:
        return tr("the part before the @ has %1 characters; at most %2 are allowed")
            .arg(m_count)
            .arg(maxLocalPartLength);
    case Problem::LocalPartNotAscii:
        return tr("the part before the @ has letters outside plain ASCII; such an address "
                  "reaches its mailbox only through a mail server that supports international "
                  "addresses (SMTPUTF8), which cannot be known before the message is sent. "
                  "Ask for an address written with the letters a-z only");
    case Problem::LocalPartInvalid:
        return tr("the part before the @ may hold only letters a-z, digits, dots (not at the "
                  "start or end, not two in a row) and ! # $ % & ' * + - / = ? ^ _ ` { | } ~");
    case Problem::DomainEmpty:
        return tr("nothing comes after the @");
    case Problem::DomainNoDot:
        return tr("the part after the @ is not a full domain name, as in example.org");
    case Problem::DomainInvalid:
        return tr("the part after the @ is not a valid domain name: labels of letters, digits "
                  "and dashes separated by single dots, as in mail.example.org");
    case Problem::DomainTooLong:
        return tr("the domain has %1 characters; at most %2 are allowed")
            .arg(m_count)
            .arg(maxDomainLength);
    case Problem::LabelTooLong:
        return tr("a part of the domain between dots has %1 characters; at most %2 are allowed")
            .arg(m_count)
            .arg(maxLabelLength);
    }
    return {};
}

} // namespace calloutdesk
