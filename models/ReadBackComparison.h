#pragma once

#include "CriticalParameter.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace calloutdesk {

// SPEC T4: a value read back over the phone, compared with the critical values of the
// reports the callout is about. Pure logic, so the engine and the dialog give one answer.
//
// A number matches a critical value when both round to the same number at the decimal
// places of the value as the report holds it ("7.29": two): "7.29" and "7.291" match
// 7.29, "7.3" does not; "7.2" matches "7.20". The rounding is done on the decimal digits,
// half away from zero, so no binary fraction decides a tie. Anything else is compared as
// text, trimmed, with runs of spaces as one, and without regard to case: a value read
// back over the phone has no case, only the desk's typing of it does.
// With several critical values (several parameters or reports), the value read back
// matches when it matches any of them; a mismatch names every value it was compared with.
class ReadBackComparison
{
    Q_DECLARE_TR_FUNCTIONS(ReadBackComparison)

public:
    static ReadBackComparison compare(const QString &readBack,
                                      const QList<CriticalParameter> &criticalValues);
    // The rule for one value: does what was read back match what the report holds?
    static bool sameValue(const QString &readBack, const QString &recorded);

    // False when nothing was typed or there was nothing to compare with.
    bool compared() const { return !m_readBack.isEmpty() && !m_comparedWith.isEmpty(); }
    bool matches() const { return compared() && !m_matched.isEmpty(); }
    bool mismatch() const { return compared() && m_matched.isEmpty(); }
    // "K 7.29" when it matches; empty otherwise.
    QString matched() const { return m_matched; }
    // Every critical value compared with: "K 7.29", "Na 118".
    QStringList comparedWith() const { return m_comparedWith; }
    // "matches K 7.29", "does not match K 7.29 or Na 118"; empty when not compared.
    QString text() const;

private:
    QString m_readBack;
    QString m_matched;
    QStringList m_comparedWith;
};

} // namespace calloutdesk
