#include "NotificationContentReader.h"

#include "models/CriticalParameter.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NotificationContentReader", text);
}

struct ReportRow
{
    QString testName;
    QString departmentName;
    bool hasAuditRow = false;
    QString valuesMeta;
    QString comment;
};

} // namespace

NotificationContentReader::NotificationContentReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<NotificationContent> NotificationContentReader::read(const NotificationMessage &message)
{
    QList<qint64> reportIds;
    QVariantList reportValues;
    for (const QJsonValue &value : message.payload.value(u"lab_report_ids"_s).toArray()) {
        const qint64 id = value.toInteger();
        if (id <= 0) {
            return Failure::invalidInput(
                tr("Notification %1 names a report that is not a valid id.").arg(message.id));
        }
        reportIds << id;
        reportValues << id;
    }
    if (reportIds.isEmpty())
        return Failure::invalidInput(tr("Notification %1 names no report.").arg(message.id));

    // 1. The callout: lab, order, patient, who called out and when, and the two settings
    // that gate what is shared. The settings are read now, at sending time: a lab that
    // turns show_patient_name off stops its name going out in messages still queued.
    // The outbox row is only asked whether it exists; its created_on is used by the
    // second statement in SQL, never round-tripped through QDateTime (which would cut
    // PostgreSQL's microseconds and miss the rows it must match).
    auto callout = m_connection.run(
        tr("Reading the callout of a notification"),
        u"SELECT l.name, b.lab_bill_id, p.name, a.lab_user_name, a.activity_date, "
        "(SELECT o.id FROM notification_outbox o WHERE o.id = ? AND o.lab_id = l.id), "
        "(SELECT s.enabled FROM notification_setting s WHERE s.lab_id = l.id "
        "AND s.setting_key = 'show_patient_name'), "
        "(SELECT s.enabled FROM notification_setting s WHERE s.lab_id = l.id "
        "AND s.setting_key = 'share_comment'), a.request_outcome "
        "FROM lab l "
        "LEFT JOIN bill b ON b.id = ? AND b.lab_id = l.id "
        "LEFT JOIN patient p ON p.id = b.patient_id AND p.lab_id = l.id "
        "LEFT JOIN activity_log a ON a.id = ? AND a.lab_id = l.id "
        "WHERE l.id = ?"_s,
        {message.id, message.billId, message.activityLogId, message.labId});
    if (!callout)
        return callout.failure();
    QSqlQuery &row = callout.value();
    if (!row.next() || row.isNull(5)) {
        return Failure::invalidInput(tr("Notification %1 is no longer in the outbox of lab %2.")
                                         .arg(message.id)
                                         .arg(message.labId));
    }
    NotificationContent content;
    content.labName = row.value(0).toString();
    // The order number as it was when the callout queued the message; the order's own
    // row only when the payload lacks it.
    content.labBillId = message.payload.value(u"lab_bill_id"_s).toString();
    if (content.labBillId.isEmpty())
        content.labBillId = row.value(1).toString();
    content.recipientName = message.payload.value(u"recipient_name"_s).toString();
    const bool showPatientName = row.value(6).toBool();
    const bool shareComment = row.value(7).toBool();
    if (showPatientName && !row.isNull(2))
        content.patientName = row.value(2).toString();
    content.calledOutBy = row.value(3).toString();
    content.calledOutOn = row.value(4).toDateTime();
    // The audit rows this callout wrote, as its activity entry keeps them (SPEC C9);
    // entries written before request ids existed have none.
    QVariantList auditRowIds;
    const QJsonObject recorded = QJsonDocument::fromJson(row.value(8).toString().toUtf8()).object();
    for (const QJsonValue &id : recorded.value(u"audit_row_ids"_s).toArray())
        auditRowIds << id.toInteger();
    row.finish();

    // 2. The reports, each with the completed audit row of this callout. A report can be
    // called out again later (Done is still a callout status), so "the newest row of the
    // report" is not enough once a later callout exists. The activity entry names the
    // callout's audit rows, and those are taken. An entry from before it did falls back to
    // time: the rows of a callout were written in the same transaction as its outbox row
    // and before it:
    //  - on PostgreSQL both take now(), the transaction's start, so they are equal, and
    //    a later callout's rows carry a later transaction's time;
    //  - on SQLite each statement reads the clock (milliseconds) and the audit rows come
    //    first, so they are at most the outbox row's time, and a later callout (write
    //    transactions are serialised) is at least it.
    // Hence the newest completed row with created_on <= the outbox row's created_on; a
    // later callout's row written in that very millisecond on SQLite can still be taken,
    // which is why the ids are used when they are known. The bill and lab must match too:
    // an id from another order or lab matches nothing (V1).
    const QString thisCallout = auditRowIds.isEmpty()
        ? u"AND c2.created_on <= (SELECT o.created_on FROM notification_outbox o WHERE o.id = ?) "
          "ORDER BY c2.created_on DESC, c2.id ASC LIMIT 1"_s
        : u"AND c2.id IN (%1) ORDER BY c2.id LIMIT 1"_s.arg(
            SqlDialect::placeholders(auditRowIds.size()));
    const QVariantList thisCalloutValues
        = auditRowIds.isEmpty() ? QVariantList{message.id} : auditRowIds;
    auto reports = m_connection.run(
        tr("Reading the reports of a notification"),
        u"SELECT r.id, t.name, d.name, c.id, c.critical_values_meta, c.comment "
        "FROM report r JOIN lab_test t ON t.id = r.lab_test_id "
        "JOIN department d ON d.id = t.department_id "
        "LEFT JOIN critical_callout c ON c.id = ("
        "SELECT c2.id FROM critical_callout c2 WHERE c2.lab_id = r.lab_id "
        "AND c2.bill_id = r.bill_id AND c2.lab_report_id = r.id AND NOT c2.is_draft %1) "
        "WHERE r.lab_id = ? AND r.bill_id = ? AND r.id IN (%2)"_s.arg(
            thisCallout, SqlDialect::placeholders(reportIds.size())),
        thisCalloutValues + QVariantList{message.labId, message.billId} + reportValues);
    if (!reports)
        return reports.failure();
    QHash<qint64, ReportRow> found;
    while (reports.value().next()) {
        const QSqlQuery &report = reports.value();
        found.insert(report.value(0).toLongLong(),
                     {report.value(1).toString(), report.value(2).toString(), !report.isNull(3),
                      report.value(4).toString(), report.value(5).toString()});
    }
    reports.value().finish();

    // In the order of the callout's selection. A report that is gone, or has no audit row
    // of this callout, fails the whole message: an alert that silently leaves out a
    // critical result would mislead more than no alert.
    QStringList missing;
    for (const qint64 id : std::as_const(reportIds)) {
        const auto it = found.constFind(id);
        if (it == found.cend() || !it->hasAuditRow) {
            missing << QString::number(id);
            continue;
        }
        NotificationContent::Report report;
        report.reportId = id;
        report.testName = it->testName;
        report.departmentName = it->departmentName;
        for (const QJsonValue &value : QJsonDocument::fromJson(it->valuesMeta.toUtf8()).array()) {
            const CriticalParameter parameter = CriticalParameter::fromJson(value.toObject());
            report.parameters.append({parameter.parameterName, parameter.value, parameter.unit,
                                      parameter.referenceRange, parameter.criticalLow,
                                      parameter.criticalHigh});
        }
        content.reports << report;
        // Every audit row of one callout carries its comment (SPEC C3).
        if (shareComment && !content.comment && !it->comment.trimmed().isEmpty())
            content.comment = it->comment.trimmed();
    }
    if (!missing.isEmpty()) {
        return Failure::invalidInput(
            tr("Notification %1 names report %2, which has no completed callout record in "
               "order %3.")
                .arg(QString::number(message.id), missing.join(u", "_s), content.labBillId));
    }
    return content;
}

} // namespace calloutdesk
