#include "WorklistValueText.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString number(double value)
{
    return QLocale::c().toString(value, 'g', 12);
}

double beyond(double value, double bound)
{
    const double distance = std::abs(value - bound);
    return bound == 0 ? distance : distance / std::abs(bound);
}

} // namespace

double WorklistValueText::severity(const CriticalParameter &parameter)
{
    const double value = parameter.numericValue;
    if (parameter.criticalHigh && value > *parameter.criticalHigh)
        return beyond(value, *parameter.criticalHigh);
    if (parameter.criticalLow && value < *parameter.criticalLow)
        return beyond(value, *parameter.criticalLow);
    return 0;
}

QString WorklistValueText::of(const CriticalParameter &parameter)
{
    const double value = parameter.numericValue;
    const QString shown = parameter.value.isEmpty() ? number(value) : parameter.value;
    if (parameter.criticalHigh && value > *parameter.criticalHigh)
        return tr("%1 %2 ↑ (> %3)")
            .arg(parameter.parameterName, shown, number(*parameter.criticalHigh));
    if (parameter.criticalLow && value < *parameter.criticalLow)
        return tr("%1 %2 ↓ (< %3)")
            .arg(parameter.parameterName, shown, number(*parameter.criticalLow));
    return u"%1 %2"_s.arg(parameter.parameterName, shown);
}

QString WorklistValueText::of(QList<CriticalParameter> parameters)
{
    std::stable_sort(parameters.begin(), parameters.end(),
                     [](const CriticalParameter &a, const CriticalParameter &b) {
                         return severity(a) > severity(b);
                     });
    QStringList parts;
    for (const CriticalParameter &parameter : std::as_const(parameters))
        parts << of(parameter);
    return parts.join(u" · "_s);
}

} // namespace calloutdesk
