#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace calloutdesk {

// Which critical bounds apply to a patient, and whether a value breaks them (SPEC D3).
// Pure logic, no I/O: the evaluator feeds it rows it read in bulk.
class CriticalBounds
{
public:
    struct AgeSexRange
    {
        QChar sex = u'A'; // 'M', 'F' or 'A' (any)
        int ageMinDays = 0;
        int ageMaxDays = 0; // exclusive
        std::optional<double> low;
        std::optional<double> high;
        QString referenceRange;
    };

    std::optional<double> low;
    std::optional<double> high;
    QString referenceRange;

    // The format's own bounds, or, when the format has age/sex ranges, the range for this
    // patient: one for the patient's sex before one for any sex. Without a matching
    // range (or without a known age) the format's own bounds apply.
    static CriticalBounds select(std::optional<double> formatLow, std::optional<double> formatHigh,
                                 const QString &formatReferenceRange, bool ageRangeFlag,
                                 const QList<AgeSexRange> &ranges, QChar patientSex,
                                 std::optional<int> ageDays);

    // A bound as a database column holds it: NULL is no bound.
    static std::optional<double> boundOf(const QVariant &column);

    // A value as entered: "7.2", " 12 ". Anything that is not a plain number ("<5",
    // "Positive", "") is shown but is never critical.
    static std::optional<double> numericValue(const QString &value);

    bool isCritical(double value) const;
};

} // namespace calloutdesk
