#include "CriticalReportReader.h"

#include "CriticalParameterEvaluator.h"
#include "VisibilityClause.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CriticalReportReader::CriticalReportReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<CriticalReport>> CriticalReportReader::read(const SessionScope &scope,
                                                         const BillParties &bill, bool keepAll)
{
    const VisibilityClause visible = VisibilityClause::forReports(scope);
    const QString sql
        = u"SELECT r.id, r.lab_test_id, t.name, t.department_id, d.name, r.critical_values, "
          "r.is_signed, r.is_approved, r.completed, r.on_hold, r.in_question, r.not_performed, "
          "r.comments, r.report_format, r.result_on, r.last_updated "
          "FROM report r JOIN lab_test t ON t.id = r.lab_test_id "
          "JOIN department d ON d.id = t.department_id JOIN bill b ON b.id = r.bill_id "
          "WHERE r.bill_id = ? AND NOT r.dismissed AND r.sample_collected "
          "AND r.critical_values IN (1, 2, 4) AND %1 ORDER BY r.id"_s.arg(visible.sql);
    auto query = m_connection.runReused(
        QCoreApplication::translate("CriticalReportReader", "Reading the order's reports"), sql,
        QVariantList{bill.billId} + visible.values);
    if (!query)
        return query.failure();

    QList<CriticalReport> reports;
    QList<CriticalParameterEvaluator::Subject> subjects;
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        CriticalReport report;
        report.reportId = row.value(0).toLongLong();
        report.billId = bill.billId;
        report.testId = row.value(1).toLongLong();
        report.testName = row.value(2).toString();
        report.departmentId = row.value(3).toLongLong();
        report.departmentName = row.value(4).toString();
        report.status
            = CriticalStatusInfo::fromInt(row.value(5).toInt()).value_or(CriticalStatus::Normal);
        report.isSigned = row.value(6).toBool();
        report.isApproved = row.value(7).toBool();
        report.completed = row.value(8).toBool();
        report.onHold = row.value(9).toBool();
        report.inQuestion = row.value(10).toBool();
        report.notPerformed = row.value(11).toBool();
        report.comments = row.value(12).toString();
        report.reportFormat = row.value(13).toString();
        report.resultOn = row.value(14).toDateTime();
        report.lastUpdated = row.value(15).toDateTime();
        const QDate reportDate
            = (report.resultOn.isValid() ? report.resultOn : bill.billDate).toUTC().date();
        subjects.append({report.reportId, bill.patientSex, bill.patientDateOfBirth, reportDate});
        reports << report;
    }

    auto parameters = CriticalParameterEvaluator(m_connection).evaluate(subjects);
    if (!parameters)
        return parameters.failure();
    QList<CriticalReport> result;
    for (CriticalReport &report : reports) {
        report.criticalParameters = parameters.value().value(report.reportId);
        if (keepAll || !report.criticalParameters.isEmpty())
            result << report;
    }
    return result;
}

} // namespace calloutdesk
