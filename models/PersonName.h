#pragma once

#include <QCoreApplication>
#include <QString>

namespace calloutdesk {

// A person's name typed at a callout: the other contact's name, whom a phone call
// reached (SPEC C10). At most 200 characters — longer is never a name but a paste gone
// wrong, and it would fill the audit record, the history and every message — and no
// control character or line break, which would break the one-line activity text (L1),
// an email header or a terminal printing the history. Letters of any script are welcome.
class PersonName
{
    Q_DECLARE_TR_FUNCTIONS(PersonName)

public:
    static constexpr int maxLength = 200;

    enum class Problem
    {
        None,
        TooLong,
        ControlCharacter,
    };

    // Checks `text` with surrounding spaces removed; a line break anywhere is refused. An
    // empty name is valid here: whether one is required is the caller's rule.
    static PersonName parse(const QString &text);

    bool isValid() const { return m_problem == Problem::None; }
    Problem problem() const { return m_problem; }
    // Why the name cannot be used, as the end of a sentence; empty when it is valid.
    QString problemText() const;
    const QString &text() const { return m_text; }

private:
    QString m_text;
    Problem m_problem = Problem::None;
};

} // namespace calloutdesk
