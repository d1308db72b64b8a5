#include "WorklistRowDetails.h"

#include "services/callout/CriticalBounds.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

std::optional<double> optionalDouble(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

// SQLite gives 0/1, PostgreSQL true/false.
bool flag(const QJsonValue &value)
{
    return value.isBool() ? value.toBool() : value.toInt() != 0;
}

} // namespace

QString WorklistRowDetails::valuesColumn(bool postgres, const QString &reportId)
{
    if (postgres) {
        return u"(SELECT json_agg(json_build_array(rf.id, rf.parameter_name, rv.value, rf.unit, "
               "rf.reference_range, rf.critical_low, rf.critical_high, rf.age_range_flag, "
               "(SELECT json_agg(json_build_array(vr.sex, vr.age_min_days, vr.age_max_days, "
               "vr.critical_low, vr.critical_high, vr.reference_range) ORDER BY vr.id) "
               "FROM value_range vr WHERE rf.age_range_flag AND vr.report_format_id = rf.id)) "
               "ORDER BY rf.sort_order, rf.id) "
               "FROM report_value rv JOIN report_format rf ON rf.id = rv.report_format_id "
               "WHERE rv.report_id = %1)"_s.arg(reportId);
    }
    // json() keeps the inner array an array rather than a string inside json_array.
    return u"(SELECT json_group_array(json_array(f.id, f.parameter_name, f.value, f.unit, "
           "f.reference_range, f.critical_low, f.critical_high, f.age_range_flag, "
           "json((SELECT json_group_array(json_array(vr.sex, vr.age_min_days, vr.age_max_days, "
           "vr.critical_low, vr.critical_high, vr.reference_range)) "
           "FROM value_range vr WHERE f.age_range_flag AND vr.report_format_id = f.id)))) "
           "FROM (SELECT rf.id, rf.parameter_name, rv.value, rf.unit, rf.reference_range, "
           "rf.critical_low, rf.critical_high, rf.age_range_flag FROM report_value rv "
           "JOIN report_format rf ON rf.id = rv.report_format_id WHERE rv.report_id = %1 "
           "ORDER BY rf.sort_order, rf.id) f)"_s.arg(reportId);
}

QString WorklistRowDetails::undeliveredColumn(bool postgres, const QString &billId)
{
    // Only unsent rows: the partial index of migration 0012 holds just those.
    const QString item = u"n.channel || ':' || n.state"_s;
    return u"(SELECT %1 FROM notification_outbox n WHERE n.bill_id = %2 AND n.state <> 'sent')"_s
        .arg(postgres ? u"string_agg(DISTINCT %1, ',')"_s.arg(item)
                      : u"group_concat(DISTINCT %1)"_s.arg(item),
             billId);
}

QList<CriticalParameter> WorklistRowDetails::criticalParameters(const QString &valuesJson,
                                                                QChar sex, const QDate &dateOfBirth,
                                                                const QDate &reportDate)
{
    QList<CriticalParameter> critical;
    if (valuesJson.isEmpty())
        return critical;
    std::optional<int> ageDays;
    if (dateOfBirth.isValid() && reportDate.isValid())
        ageDays = int(dateOfBirth.daysTo(reportDate));
    const QJsonArray values = QJsonDocument::fromJson(valuesJson.toUtf8()).array();
    for (const QJsonValue entry : values) {
        const QJsonArray v = entry.toArray();
        const QString value = v.at(2).toString();
        const auto number = CriticalBounds::numericValue(value);
        if (!number)
            continue;
        QList<CriticalBounds::AgeSexRange> ranges;
        for (const QJsonValue rangeEntry : v.at(8).toArray()) {
            const QJsonArray r = rangeEntry.toArray();
            const QString rangeSex = r.at(0).toString();
            ranges.append({rangeSex.isEmpty() ? QChar(u'A') : rangeSex.at(0), r.at(1).toInt(),
                           r.at(2).toInt(), optionalDouble(r.at(3)), optionalDouble(r.at(4)),
                           r.at(5).toString()});
        }
        const CriticalBounds bounds
            = CriticalBounds::select(optionalDouble(v.at(5)), optionalDouble(v.at(6)),
                                     v.at(4).toString(), flag(v.at(7)), ranges, sex, ageDays);
        if (!bounds.isCritical(*number))
            continue;
        critical.append({v.at(0).toInteger(), v.at(1).toString(), value.trimmed(), *number,
                         v.at(3).toString(), bounds.referenceRange, bounds.low, bounds.high});
    }
    return critical;
}

void WorklistRowDetails::readUndelivered(const QString &undelivered, WorklistRow &row)
{
    for (const QString &item : undelivered.split(u',', Qt::SkipEmptyParts)) {
        const QString channel = item.section(u':', 0, 0);
        QStringList &list
            = item.section(u':', 1) == u"failed"_s ? row.failedChannels : row.waitingChannels;
        if (!list.contains(channel))
            list << channel;
    }
    row.failedChannels.sort();
    row.waitingChannels.sort();
}

} // namespace calloutdesk
