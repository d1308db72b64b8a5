#include "GatewayPayload.h"

#include "NotificationContent.h"
#include "NotificationMessage.h"

#include <QJsonArray>
#include <QStringList>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QJsonValue bound(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

// "< 2.5 or > 6", "> 6", or empty when the parameter has no bound.
QString boundsText(const NotificationContent::Parameter &parameter)
{
    QStringList parts;
    if (parameter.criticalLow)
        parts << u"< "_s + QString::number(*parameter.criticalLow);
    if (parameter.criticalHigh)
        parts << u"> "_s + QString::number(*parameter.criticalHigh);
    return parts.join(u" or "_s);
}

// "Electrolytes: Potassium 6.8 mmol/L (critical > 6; ref 3.5 - 5.1)"
QString parameterLine(const NotificationContent::Report &report,
                      const NotificationContent::Parameter &parameter)
{
    QString line = report.testName.simplified() + u": "_s + parameter.name.simplified() + u' '
        + parameter.value.simplified();
    if (!parameter.unit.trimmed().isEmpty())
        line += u' ' + parameter.unit.simplified();
    QStringList details;
    const QString bounds = boundsText(parameter);
    if (!bounds.isEmpty())
        details << u"critical "_s + bounds;
    if (!parameter.referenceRange.trimmed().isEmpty())
        details << u"ref "_s + parameter.referenceRange.simplified();
    if (!details.isEmpty())
        line += u" ("_s + details.join(u"; "_s) + u')';
    return line;
}

} // namespace

QString GatewayPayload::text(const NotificationContent &content)
{
    QStringList lines{content.subject()};
    for (const NotificationContent::Report &report : content.reports) {
        for (const NotificationContent::Parameter &parameter : report.parameters)
            lines << parameterLine(report, parameter);
    }
    return lines.join(u'\n');
}

QJsonObject GatewayPayload::build(const NotificationMessage &message,
                                  const NotificationContent &content)
{
    QJsonArray reports;
    for (const NotificationContent::Report &report : content.reports) {
        QJsonArray parameters;
        for (const NotificationContent::Parameter &parameter : report.parameters) {
            parameters.append(QJsonObject{
                {u"name"_s, parameter.name},
                {u"value"_s, parameter.value},
                {u"unit"_s, parameter.unit},
                {u"reference_range"_s, parameter.referenceRange},
                {u"critical_low"_s, bound(parameter.criticalLow)},
                {u"critical_high"_s, bound(parameter.criticalHigh)},
            });
        }
        reports.append(QJsonObject{
            {u"test"_s, report.testName},
            {u"department"_s, report.departmentName},
            {u"parameters"_s, parameters},
        });
    }

    QJsonObject payload{
        {u"message_id"_s, message.id},
        {u"channel"_s, message.channel},
        {u"to"_s, message.address},
        {u"recipient_name"_s, content.recipientName},
        {u"lab"_s, content.labName},
        {u"order_id"_s, content.labBillId},
        {u"called_out_by"_s, content.calledOutBy},
        {u"called_out_on"_s,
         content.calledOutOn.isValid()
             ? QJsonValue(content.calledOutOn.toUTC().toString(Qt::ISODate))
             : QJsonValue(QJsonValue::Null)},
        {u"reports"_s, reports},
        {u"text"_s, text(content)},
    };
    if (content.patientName)
        payload.insert(u"patient"_s, *content.patientName);
    if (content.comment)
        payload.insert(u"comment"_s, *content.comment);
    return payload;
}

} // namespace calloutdesk
