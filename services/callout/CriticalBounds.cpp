#include "CriticalBounds.h"

#include <QLocale>

#include <cmath>

namespace calloutdesk {

std::optional<double> CriticalBounds::boundOf(const QVariant &column)
{
    if (column.isNull())
        return std::nullopt;
    return column.toDouble();
}

CriticalBounds CriticalBounds::select(std::optional<double> formatLow,
                                      std::optional<double> formatHigh,
                                      const QString &formatReferenceRange, bool ageRangeFlag,
                                      const QList<AgeSexRange> &ranges, QChar patientSex,
                                      std::optional<int> ageDays)
{
    CriticalBounds bounds{formatLow, formatHigh, formatReferenceRange};
    if (!ageRangeFlag || !ageDays)
        return bounds;
    const AgeSexRange *anySex = nullptr;
    for (const AgeSexRange &range : ranges) {
        if (*ageDays < range.ageMinDays || *ageDays >= range.ageMaxDays)
            continue;
        if (range.sex == patientSex.toUpper() && patientSex.toUpper() != u'A')
            return {range.low, range.high,
                    range.referenceRange.isEmpty() ? formatReferenceRange : range.referenceRange};
        if (range.sex == u'A' && !anySex)
            anySex = &range;
    }
    if (anySex) {
        return {anySex->low, anySex->high,
                anySex->referenceRange.isEmpty() ? formatReferenceRange : anySex->referenceRange};
    }
    return bounds;
}

std::optional<double> CriticalBounds::numericValue(const QString &value)
{
    bool ok = false;
    const double number = QLocale::c().toDouble(value.trimmed(), &ok);
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return number;
}

bool CriticalBounds::isCritical(double value) const
{
    return (low && value < *low) || (high && value > *high);
}

} // namespace calloutdesk
