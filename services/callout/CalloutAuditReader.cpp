#include "CalloutAuditReader.h"

#include "CalloutAttemptColumns.h"
#include "VisibilityClause.h"
#include "models/CriticalStatus.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// An attempt names its reports (lab_report_ids, SPEC C11) and the tests it was saved for
// (callout_for, R2): a report it does not name was not part of it, whatever its status.
// A draft without either list is taken at its status alone.
bool draftCovers(const QJsonObject &meta, qint64 testId, qint64 reportId)
{
    if (meta.contains(u"lab_report_ids"_s)) {
        const QJsonArray reports = meta.value(u"lab_report_ids"_s).toArray();
        return std::any_of(reports.begin(), reports.end(), [reportId](const QJsonValue &value) {
            return value.toInteger() == reportId;
        });
    }
    if (!meta.contains(u"callout_for"_s))
        return true;
    const QJsonArray tests = meta.value(u"callout_for"_s).toArray();
    return std::any_of(tests.begin(), tests.end(),
                       [testId](const QJsonValue &value) { return value.toInteger() == testId; });
}

} // namespace

CalloutAuditReader::CalloutAuditReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<AuditRow>> CalloutAuditReader::read(const SessionScope &scope,
                                                 const QList<qint64> &reportIds)
{
    QList<AuditRow> rows;
    if (reportIds.isEmpty())
        return rows;
    const VisibilityClause visible = VisibilityClause::forReports(scope);
    QVariantList ids;
    for (const qint64 id : reportIds)
        ids << id;
    // Two kinds of rows concern a report: the completed rows written for it, and the
    // order's saved attempt, one bill-level row (SPEC C3). The attempt covers exactly the
    // order's Attempted reports: it moved its selection to Attempted and every other
    // Attempted report back to Pending (C2), and any later submit deletes it (C4).
    // callout_for alone cannot say it: it holds test ids, and an order may hold the same
    // test twice. Both halves use the index they need (lab + report, one draft per bill)
    // rather than one OR join that neither index serves.
    const QString select
        = u"SELECT c.id, c.bill_id, r.id, c.is_draft, c.status, c.comment, "
          "c.critical_callout_meta, o.name, p.name, rd.name, u.name, d.name, c.created_on, "
          "r.lab_test_id, c.attempt_outcome, c.attempt_target, c.attempt_party, c.made_at "
          "FROM critical_callout c JOIN report r ON %1 "
          "JOIN lab_test t ON t.id = r.lab_test_id JOIN bill b ON b.id = r.bill_id "
          "LEFT JOIN organisation o ON o.id = b.organisation_id "
          "LEFT JOIN patient p ON p.id = b.patient_id "
          "LEFT JOIN referral_doctor rd ON rd.id = b.referral_doctor_id "
          "LEFT JOIN lab_user u ON u.id = c.performed_by_user_id "
          "LEFT JOIN doctor d ON d.id = c.performed_by_doctor_id "
          "WHERE c.lab_id = ? AND r.id IN (%2) AND %3"_s;
    const QString in = SqlDialect::placeholders(reportIds.size());
    QVariantList values;
    values << scope.labId() << ids << visible.values << scope.labId() << ids << visible.values;
    auto query = m_connection.run(
        QCoreApplication::translate("CalloutAuditReader", "Reading the callout records"),
        select.arg(u"r.id = c.lab_report_id"_s, in, visible.sql) + u" UNION ALL "_s
            + select.arg(u"r.bill_id = c.bill_id AND c.lab_report_id IS NULL AND c.is_draft "
                         "AND r.critical_values = %1"_s.arg(
                             CriticalStatusInfo::toInt(CriticalStatus::CalloutAttempted)),
                         in, visible.sql)
            + u" ORDER BY 13, 1, 3"_s,
        values);
    if (!query)
        return query.failure();
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        AuditRow audit;
        audit.id = row.value(0).toLongLong();
        audit.billId = row.value(1).toLongLong();
        audit.labReportId = row.value(2).toLongLong();
        audit.isDraft = row.value(3).toBool();
        audit.status = row.value(4).toInt();
        audit.comment = row.value(5).toString();
        audit.criticalCalloutMeta
            = QJsonDocument::fromJson(row.value(6).toString().toUtf8()).object();
        audit.orgName = row.value(7).toString();
        audit.patientName = row.value(8).toString();
        audit.referralName = row.value(9).toString();
        audit.performedByUserName = row.value(10).toString();
        audit.performedByDoctorName = row.value(11).toString();
        audit.createdOn = row.value(12).toDateTime();
        audit.attempt = CalloutAttemptColumns::read(row, 14);
        audit.madeAt = row.value(17).toDateTime();
        if (audit.isDraft && !draftCovers(audit.criticalCalloutMeta, row.value(13).toLongLong(),
                                          audit.labReportId))
            continue;
        rows << audit;
    }
    return rows;
}

} // namespace calloutdesk
