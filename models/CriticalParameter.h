#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace calloutdesk {

// One parameter of a report whose value lies outside the critical bounds that apply to
// the patient (SPEC D3). Also the element of critical_values_meta (D4).
struct CriticalParameter
{
    qint64 reportFormatId = 0;
    QString parameterName;
    QString value; // as entered
    double numericValue = 0;
    QString unit;
    QString referenceRange;
    std::optional<double> criticalLow;
    std::optional<double> criticalHigh;

    QJsonObject toJson() const;
    static CriticalParameter fromJson(const QJsonObject &object);
};

} // namespace calloutdesk
