#include "CriticalParameter.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QJsonObject CriticalParameter::toJson() const
{
    QJsonObject object{{u"parameter_name"_s, parameterName},
                       {u"value"_s, numericValue},
                       {u"unit"_s, unit},
                       {u"reference_range"_s, referenceRange},
                       {u"report_format_id"_s, reportFormatId}};
    object.insert(u"critical_low"_s, criticalLow ? QJsonValue(*criticalLow) : QJsonValue());
    object.insert(u"critical_high"_s, criticalHigh ? QJsonValue(*criticalHigh) : QJsonValue());
    return object;
}

CriticalParameter CriticalParameter::fromJson(const QJsonObject &object)
{
    CriticalParameter parameter;
    parameter.reportFormatId = object.value(u"report_format_id"_s).toInteger();
    parameter.parameterName = object.value(u"parameter_name"_s).toString();
    parameter.numericValue = object.value(u"value"_s).toDouble();
    parameter.value = QString::number(parameter.numericValue);
    parameter.unit = object.value(u"unit"_s).toString();
    parameter.referenceRange = object.value(u"reference_range"_s).toString();
    if (object.value(u"critical_low"_s).isDouble())
        parameter.criticalLow = object.value(u"critical_low"_s).toDouble();
    if (object.value(u"critical_high"_s).isDouble())
        parameter.criticalHigh = object.value(u"critical_high"_s).toDouble();
    return parameter;
}

} // namespace calloutdesk
