#pragma once

#include <QCoreApplication>
#include <QString>

namespace calloutdesk {

// A fax or phone number as a lab types it into a contact field (SPEC C10), checked when
// a callout is recorded so that the fax, SMS and WhatsApp gateways are never handed a
// number that cannot be dialled.
//
// Accepted: ASCII digits, spaces and dashes, with an optional + at the very start, at
// most 40 characters. Spaces and dashes are only for reading: the deliverable form is
// the digits alone, after the + when there is one ("+1 555-123 4567" → "+15551234567"),
// which is what the gateways dial. Digits: at least 3 (internal extensions and SMS short
// codes are that short); at most 15 after a + (E.164's limit, country code included),
// at most 18 without one, which leaves room for a dialled international prefix such as
// 00, 011 or 0011 in front of a full number. Letters (including vanity numbers such as
// 1-800-FLOWERS), brackets, dots, slashes and extensions ("x12") are refused: a gateway
// cannot be relied on to read them the way the user meant.
class PhoneNumber
{
    Q_DECLARE_TR_FUNCTIONS(PhoneNumber)

public:
    static constexpr int maxLength = 40;
    static constexpr int minDigits = 3;
    static constexpr int maxInternationalDigits = 15;
    static constexpr int maxDigits = 18;

    enum class Problem
    {
        None,
        Empty,
        TooLong,
        ControlCharacter,
        Letters,
        PlusNotAtStart,
        OtherCharacter,
        TooFewDigits,
        TooManyDigits,
    };

    // Checks `text` with surrounding spaces removed; a line break anywhere is refused.
    static PhoneNumber parse(const QString &text);

    bool isValid() const { return m_problem == Problem::None; }
    Problem problem() const { return m_problem; }
    // Why the number cannot be used, as the end of a sentence; empty when it is valid.
    QString problemText() const;
    // The number as given, surrounding spaces removed.
    const QString &text() const { return m_text; }
    // What the gateways are given: an optional leading + and the digits. Empty when the
    // number is not valid.
    const QString &deliverable() const { return m_deliverable; }

private:
    QString m_text;
    QString m_deliverable;
    Problem m_problem = Problem::Empty;
    qsizetype m_count = 0; // the length or digit count that was wrong, for problemText()
    QChar m_character;     // the first character refused, for problemText()
};

} // namespace calloutdesk
