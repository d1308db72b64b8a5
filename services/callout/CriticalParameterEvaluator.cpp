#include "CriticalParameterEvaluator.h"

#include "CriticalBounds.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CriticalParameterEvaluator", text);
}

struct ValueRow
{
    qint64 reportId;
    qint64 formatId;
    QString value;
};

struct FormatRow
{
    QString name;
    QString unit;
    QString referenceRange;
    std::optional<double> low;
    std::optional<double> high;
    bool ageRangeFlag;
    int sortOrder;
};

} // namespace

CriticalParameterEvaluator::CriticalParameterEvaluator(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QHash<qint64, QList<CriticalParameter>>>
CriticalParameterEvaluator::evaluate(const QList<Subject> &subjects)
{
    QHash<qint64, QList<CriticalParameter>> result;
    if (subjects.isEmpty())
        return result;

    // 1. Every value of every report.
    QList<qint64> reportIds;
    QHash<qint64, const Subject *> subjectById;
    for (const Subject &subject : subjects) {
        reportIds << subject.reportId;
        subjectById.insert(subject.reportId, &subject);
    }
    const SqlDialect dialect(m_connection);
    auto values = m_connection.runReused(
        tr("Reading report values"),
        u"SELECT report_id, report_format_id, value FROM report_value WHERE %1 "
        "ORDER BY report_id, report_format_id"_s.arg(dialect.idIn(u"report_id"_s)),
        {dialect.idList(reportIds)});
    if (!values)
        return values.failure();
    QList<ValueRow> valueRows;
    QSet<qint64> formatIds;
    while (values.value().next()) {
        const ValueRow row{values.value().value(0).toLongLong(),
                           values.value().value(1).toLongLong(),
                           values.value().value(2).toString()};
        // Only a number can be critical: skip the format lookup for text results.
        if (!CriticalBounds::numericValue(row.value))
            continue;
        valueRows << row;
        formatIds.insert(row.formatId);
    }
    if (valueRows.isEmpty())
        return result;

    // 2. Their formats.
    auto formats = m_connection.runReused(
        tr("Reading report formats"),
        u"SELECT id, parameter_name, unit, reference_range, critical_low, critical_high, "
        "age_range_flag, sort_order FROM report_format WHERE %1"_s.arg(dialect.idIn(u"id"_s)),
        {dialect.idList(QList<qint64>(formatIds.cbegin(), formatIds.cend()))});
    if (!formats)
        return formats.failure();
    QHash<qint64, FormatRow> formatById;
    QList<qint64> rangedFormatIds;
    while (formats.value().next()) {
        QSqlQuery &row = formats.value();
        const FormatRow format{row.value(1).toString(),
                               row.value(2).toString(),
                               row.value(3).toString(),
                               CriticalBounds::boundOf(row.value(4)),
                               CriticalBounds::boundOf(row.value(5)),
                               row.value(6).toBool(),
                               row.value(7).toInt()};
        formatById.insert(row.value(0).toLongLong(), format);
        if (format.ageRangeFlag)
            rangedFormatIds << row.value(0).toLongLong();
    }

    // 3. Age and sex ranges, only for the formats that have them.
    QHash<qint64, QList<CriticalBounds::AgeSexRange>> rangesByFormat;
    if (!rangedFormatIds.isEmpty()) {
        auto ranges = m_connection.runReused(
            tr("Reading age and sex ranges"),
            u"SELECT report_format_id, sex, age_min_days, age_max_days, critical_low, "
            "critical_high, reference_range FROM value_range WHERE %1 ORDER BY id"_s.arg(
                dialect.idIn(u"report_format_id"_s)),
            {dialect.idList(rangedFormatIds)});
        if (!ranges)
            return ranges.failure();
        while (ranges.value().next()) {
            QSqlQuery &row = ranges.value();
            const QString sex = row.value(1).toString();
            rangesByFormat[row.value(0).toLongLong()].append(
                {sex.isEmpty() ? QChar(u'A') : sex.at(0), row.value(2).toInt(),
                 row.value(3).toInt(), CriticalBounds::boundOf(row.value(4)),
                 CriticalBounds::boundOf(row.value(5)), row.value(6).toString()});
        }
    }

    QHash<qint64, int> sortOrder;
    for (const ValueRow &row : std::as_const(valueRows)) {
        const auto format = formatById.constFind(row.formatId);
        if (format == formatById.constEnd())
            continue;
        const Subject &subject = *subjectById.value(row.reportId);
        std::optional<int> ageDays;
        if (subject.patientDateOfBirth.isValid() && subject.reportDate.isValid())
            ageDays = int(subject.patientDateOfBirth.daysTo(subject.reportDate));
        const CriticalBounds bounds = CriticalBounds::select(
            format->low, format->high, format->referenceRange, format->ageRangeFlag,
            rangesByFormat.value(row.formatId), subject.patientSex, ageDays);
        const double number = *CriticalBounds::numericValue(row.value);
        if (!bounds.isCritical(number))
            continue;
        result[row.reportId].append({row.formatId, format->name, row.value.trimmed(), number,
                                     format->unit, bounds.referenceRange, bounds.low, bounds.high});
        sortOrder.insert(row.formatId, format->sortOrder);
    }
    for (auto &parameters : result) {
        std::stable_sort(parameters.begin(), parameters.end(),
                         [&](const CriticalParameter &a, const CriticalParameter &b) {
                             return sortOrder.value(a.reportFormatId)
                                 < sortOrder.value(b.reportFormatId);
                         });
    }
    return result;
}

} // namespace calloutdesk
