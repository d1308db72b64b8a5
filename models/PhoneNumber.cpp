#include "PhoneNumber.h"

#include "ControlCharacter.h"

namespace calloutdesk {

PhoneNumber PhoneNumber::parse(const QString &text)
{
    PhoneNumber number;
    auto refused = [&number](Problem problem, qsizetype count = 0) {
        number.m_problem = problem;
        number.m_count = count;
        return number;
    };
    if (hasControlCharacter(text))
        return refused(Problem::ControlCharacter);
    number.m_text = text.trimmed();
    const QString &t = number.m_text;
    if (t.isEmpty())
        return refused(Problem::Empty);
    if (t.size() > maxLength)
        return refused(Problem::TooLong, t.size());

    QString deliverable;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (c >= u'0' && c <= u'9') {
            deliverable += c;
        } else if (c == u'+') {
            if (i != 0)
                return refused(Problem::PlusNotAtStart);
            deliverable += c;
        } else if (c == u' ' || c == u'-') {
            continue;
        } else {
            number.m_character = c;
            return refused(c.isLetter() ? Problem::Letters : Problem::OtherCharacter);
        }
    }
    const bool international = deliverable.startsWith(u'+');
    const qsizetype digits = deliverable.size() - (international ? 1 : 0);
    if (digits < minDigits)
        return refused(Problem::TooFewDigits, digits);
    if (digits > (international ? maxInternationalDigits : maxDigits))
        return refused(Problem::TooManyDigits, digits);
    number.m_deliverable = deliverable;
    number.m_problem = Problem::None;
    return number;
}

QString PhoneNumber::problemText() const
{
    switch (m_problem) {
    case Problem::None:
        return {};
    case Problem::Empty:
        return tr("it is empty");
    case Problem::TooLong:
        return tr("it has %1 characters; a number has at most %2").arg(m_count).arg(maxLength);
    case Problem::ControlCharacter:
        return tr("it contains a line break or another control character");
    case Problem::Letters:
        return tr("it contains letters (\"%1\"); a number may hold only digits, spaces and "
                  "dashes, with an optional + at the start")
            .arg(m_character);
    case Problem::PlusNotAtStart:
        return tr("it has a + that is not at the start");
    case Problem::OtherCharacter:
        return tr("it contains \"%1\"; a number may hold only digits, spaces and dashes, with "
                  "an optional + at the start")
            .arg(m_character);
    case Problem::TooFewDigits:
        return tr("it has %1 digits; a number has at least %2").arg(m_count).arg(minDigits);
    case Problem::TooManyDigits:
        return tr("it has %1 digits; a number has at most %2 after a + and %3 without one")
            .arg(m_count)
            .arg(maxInternationalDigits)
            .arg(maxDigits);
    }
    return {};
}

} // namespace calloutdesk
