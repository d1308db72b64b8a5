#include "CalloutAuditReader.h"

#include "VisibilityClause.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

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
    QVariantList values{scope.labId()};
    for (const qint64 id : reportIds)
        values << id;
    values << visible.values;
    auto query = m_connection.run(
        QCoreApplication::translate("CalloutAuditReader", "Reading the callout records"),
        u"SELECT c.id, c.bill_id, c.lab_report_id, c.is_draft, c.status, c.comment, "
        "c.critical_callout_meta, o.name, p.name, rd.name, u.name, d.name, c.created_on "
        "FROM critical_callout c JOIN report r ON r.id = c.lab_report_id "
        "JOIN lab_test t ON t.id = r.lab_test_id JOIN bill b ON b.id = r.bill_id "
        "LEFT JOIN organisation o ON o.id = b.organisation_id "
        "LEFT JOIN patient p ON p.id = b.patient_id "
        "LEFT JOIN referral_doctor rd ON rd.id = b.referral_doctor_id "
        "LEFT JOIN lab_user u ON u.id = c.performed_by_user_id "
        "LEFT JOIN doctor d ON d.id = c.performed_by_doctor_id "
        "WHERE c.lab_id = ? AND c.lab_report_id IN (%1) AND %2 ORDER BY c.created_on, c.id"_s.arg(
            SqlDialect::placeholders(reportIds.size()), visible.sql),
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
        rows << audit;
    }
    return rows;
}

} // namespace calloutdesk
