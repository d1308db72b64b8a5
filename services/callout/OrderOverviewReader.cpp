#include "OrderOverviewReader.h"

#include "BillReader.h"
#include "CalloutHistoryReader.h"
#include "CriticalParameterEvaluator.h"
#include "ReportSignoff.h"
#include "VisibilityClause.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/notify/NotificationOutbox.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OrderOverviewReader", text);
}

} // namespace

OrderOverviewReader::OrderOverviewReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<OrderOverview> OrderOverviewReader::read(const SessionScope &scope, qint64 billId)
{
    auto bill = BillReader(m_connection).read(scope, billId);
    if (!bill)
        return bill.failure();
    OrderOverview overview{bill.value().parties, bill.value().settings, {}};

    const VisibilityClause visible = VisibilityClause::forReports(scope);
    auto query = m_connection.run(
        tr("Reading the order's reports"),
        u"SELECT r.id, r.lab_test_id, t.name, t.department_id, d.name, r.critical_values, "
        "r.completed, r.is_signed, r.is_approved, r.on_hold, r.in_question, r.not_performed, "
        "r.sample_collected, r.comments, r.result_on, %1, %3 "
        "FROM report r JOIN lab_test t ON t.id = r.lab_test_id "
        "JOIN department d ON d.id = t.department_id JOIN bill b ON b.id = r.bill_id "
        "WHERE r.bill_id = ? AND NOT r.dismissed AND %2 ORDER BY d.name, t.name, r.id"_s.arg(
            CalloutHistoryReader::countSql(u"r.id"_s), visible.sql,
            ReportSignoff::doneCountSql(u"r.id"_s)),
        QVariantList{billId} + visible.values);
    if (!query)
        return query.failure();
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        OrderOverview::Report report;
        report.reportId = row.value(0).toLongLong();
        report.testId = row.value(1).toLongLong();
        report.testName = row.value(2).toString();
        report.departmentId = row.value(3).toLongLong();
        report.departmentName = row.value(4).toString();
        report.status
            = CriticalStatusInfo::fromInt(row.value(5).toInt()).value_or(CriticalStatus::Normal);
        report.completed = row.value(6).toBool();
        report.isSigned = row.value(7).toBool();
        report.isApproved = row.value(8).toBool();
        report.onHold = row.value(9).toBool();
        report.inQuestion = row.value(10).toBool();
        report.notPerformed = row.value(11).toBool();
        report.sampleCollected = row.value(12).toBool();
        report.comments = row.value(13).toString();
        report.resultOn = row.value(14).toDateTime();
        report.calloutHistoryCount = row.value(15).toInt();
        report.doneCalloutCount = row.value(16).toInt();
        overview.reports << report;
    }
    if (const Status values = readValues(overview); !values)
        return values.failure();
    if (const Status deliveries = readDeliveries(overview); !deliveries)
        return deliveries.failure();
    return overview;
}

Status OrderOverviewReader::readValues(OrderOverview &overview)
{
    if (overview.reports.isEmpty())
        return Done{};
    QVariantList ids;
    QList<CriticalParameterEvaluator::Subject> subjects;
    for (const OrderOverview::Report &report : std::as_const(overview.reports)) {
        ids << report.reportId;
        const QDate reportDate
            = (report.resultOn.isValid() ? report.resultOn : overview.bill.billDate).toUTC().date();
        subjects.append({report.reportId, overview.bill.patientSex,
                         overview.bill.patientDateOfBirth, reportDate});
    }
    // The same rule the callout uses decides what is marked critical here (D3). It runs
    // first: PostgreSQL's driver keeps one result set per connection at a time.
    auto critical = CriticalParameterEvaluator(m_connection).evaluate(subjects);
    if (!critical)
        return critical.failure();
    // Report id → format id → the parameter as the evaluator saw it, with the reference
    // range that applies to this patient's age and sex.
    QHash<qint64, QHash<qint64, CriticalParameter>> criticalFormats;
    for (auto it = critical.value().cbegin(); it != critical.value().cend(); ++it)
        for (const CriticalParameter &parameter : it.value())
            criticalFormats[it.key()].insert(parameter.reportFormatId, parameter);

    auto query = m_connection.run(
        tr("Reading the order's values"),
        u"SELECT v.report_id, f.id, f.parameter_name, v.value, f.unit, f.reference_range "
        "FROM report_value v JOIN report_format f ON f.id = v.report_format_id "
        "WHERE v.report_id IN (%1) ORDER BY v.report_id, f.sort_order, f.id"_s.arg(
            SqlDialect::placeholders(ids.size())),
        ids);
    if (!query)
        return query.failure();

    QHash<qint64, qsizetype> position;
    for (qsizetype i = 0; i < overview.reports.size(); ++i)
        position.insert(overview.reports.at(i).reportId, i);
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        const qint64 reportId = row.value(0).toLongLong();
        const qint64 formatId = row.value(1).toLongLong();
        const QHash<qint64, CriticalParameter> reportCritical = criticalFormats.value(reportId);
        const auto parameter = reportCritical.constFind(formatId);
        const bool isCritical = parameter != reportCritical.constEnd();
        QString range = row.value(5).toString();
        if (isCritical && !parameter->referenceRange.isEmpty())
            range = parameter->referenceRange;
        overview.reports[position.value(reportId)].values.append(
            {row.value(2).toString(), row.value(3).toString(), row.value(4).toString(), range,
             isCritical});
    }
    return Done{};
}

Status OrderOverviewReader::readDeliveries(OrderOverview &overview)
{
    if (overview.reports.isEmpty())
        return Done{};
    // Two queries for the whole order, whatever its size: each report's latest callout
    // that queued messages, then those callouts' messages.
    QVariantList ids;
    for (const OrderOverview::Report &report : std::as_const(overview.reports))
        ids << report.reportId;
    auto latest = m_connection.run(
        tr("Reading the order's notifications"),
        u"SELECT l.lab_report_id, MAX(o.activity_log_id) FROM activity_log_report l "
        "JOIN notification_outbox o ON o.activity_log_id = l.activity_log_id "
        "WHERE l.lab_report_id IN (%1) GROUP BY l.lab_report_id"_s.arg(
            SqlDialect::placeholders(ids.size())),
        ids);
    if (!latest)
        return latest.failure();
    QHash<qint64, qint64> latestOf; // report id → activity log id
    QList<qint64> logIds;
    while (latest.value().next()) {
        const qint64 logId = latest.value().value(1).toLongLong();
        latestOf.insert(latest.value().value(0).toLongLong(), logId);
        if (!logIds.contains(logId))
            logIds << logId;
    }
    auto deliveries = NotificationOutbox(m_connection).deliveriesOf(logIds, overview.bill.labId);
    if (!deliveries)
        return deliveries.failure();
    for (OrderOverview::Report &report : overview.reports) {
        const auto logId = latestOf.constFind(report.reportId);
        if (logId == latestOf.constEnd())
            continue;
        for (const NotificationDelivery &delivery : deliveries.value())
            if (delivery.activityLogId == *logId)
                report.deliveries << delivery;
    }
    return Done{};
}

} // namespace calloutdesk
