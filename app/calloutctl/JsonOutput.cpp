#include "JsonOutput.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QJsonValue dateTime(const QDateTime &when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonArray parameters(const QList<CriticalParameter> &list)
{
    QJsonArray array;
    for (const CriticalParameter &parameter : list)
        array.append(parameter.toJson());
    return array;
}

// SPEC U9: {"outcome": "no_answer", "name": …, "party": …}, or null.
QJsonValue attempt(const std::optional<CalloutAttempt> &attempt)
{
    return attempt ? QJsonValue(attempt->toJson()) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject JsonOutput::records(const BillRecords &records)
{
    QJsonArray reports;
    for (const CriticalReport &report : records.reports) {
        const QJsonObject test{{u"testID"_s, report.testId},
                               {u"testName"_s, report.testName},
                               {u"departmentId"_s, report.departmentId},
                               {u"departmentName"_s, report.departmentName}};
        const QJsonObject labReport{
            {u"labReportId"_s, report.reportId},
            {u"billId"_s, report.billId},
            {u"criticalValues"_s, CriticalStatusInfo::toInt(report.status)},
            {u"reportID"_s, test},
            {u"isSigned"_s, report.isSigned},
            {u"isApproved"_s, report.isApproved},
            {u"completed"_s, report.completed},
            {u"onHold"_s, report.onHold},
            {u"inQuestion"_s, report.inQuestion},
            {u"notPerformed"_s, report.notPerformed},
            {u"comments"_s, report.comments},
            {u"reportFormat"_s, report.reportFormat},
            {u"resultOn"_s, dateTime(report.resultOn)},
            {u"lastUpdated"_s, dateTime(report.lastUpdated)},
        };
        reports.append(
            QJsonObject{{u"critical_parameters"_s, parameters(report.criticalParameters)},
                        {u"lab_report"_s, labReport}});
    }
    QJsonValue attempted;
    if (records.draft) {
        const DraftCallout &draft = *records.draft;
        QJsonArray calloutFor;
        for (const qint64 testId : draft.calloutFor)
            calloutFor.append(testId);
        QJsonArray calls;
        for (const PhoneCall &call : draft.phoneCalls)
            calls.append(call.toJson());
        attempted = QJsonObject{
            {u"recipients"_s, QJsonArray::fromStringList(draft.recipients)},
            {u"critical_callout_comment"_s, draft.comment},
            {u"critical_values_meta"_s, draft.criticalValuesMeta},
            {u"critical_callout_meta"_s,
             QJsonObject{{u"communication_methods"_s,
                          QJsonArray::fromStringList(draft.communicationMethods)},
                         // The shape the attempt was stored in, so a script that restores a
                         // draft gets every part of it, the other contact and calls included.
                         {u"notify_to_others"_s,
                          draft.other.isEmpty() ? QJsonObject() : draft.other.toJson()},
                         {u"already_notified"_s, QJsonObject{{u"call"_s, calls}}},
                         {u"callout_for"_s, calloutFor}}},
            {u"created_on"_s, dateTime(draft.createdOn)},
            {u"attempt"_s, attempt(draft.attempt)},
        };
    }
    return {{u"reports"_s, reports}, {u"attempted_callout"_s, attempted}};
}

QJsonArray JsonOutput::history(const QList<HistoryEntry> &entries)
{
    QJsonArray array;
    for (const HistoryEntry &entry : entries) {
        array.append(QJsonObject{{u"meta"_s, entry.meta},
                                 {u"labUserName"_s, entry.labUserName},
                                 {u"activityText"_s, entry.activityText},
                                 {u"activityDate"_s, dateTime(entry.activityDate)},
                                 {u"madeAt"_s, dateTime(entry.madeAt)}});
    }
    return array;
}

QJsonArray JsonOutput::audit(const QList<AuditRow> &rows)
{
    QJsonArray array;
    for (const AuditRow &row : rows) {
        array.append(QJsonObject{
            {u"id"_s, row.id},
            {u"bill_id"_s, row.billId ? QJsonValue(row.billId) : QJsonValue()},
            {u"lab_report_id"_s, row.labReportId ? QJsonValue(row.labReportId) : QJsonValue()},
            {u"is_draft"_s, row.isDraft},
            {u"status"_s, row.status},
            {u"critical_callout_comment"_s, row.comment},
            {u"critical_callout_meta"_s, row.criticalCalloutMeta},
            {u"org_name"_s, row.orgName},
            {u"patient_name"_s, row.patientName},
            {u"referral_name"_s, row.referralName},
            {u"performed_by_user_name"_s, row.performedByUserName},
            {u"performed_by_doctor_name"_s, row.performedByDoctorName},
            {u"created_on"_s, dateTime(row.createdOn)},
            {u"made_at"_s, dateTime(row.madeAt)},
            {u"attempt"_s, attempt(row.attempt)},
        });
    }
    return array;
}

QJsonObject JsonOutput::outcome(const CalloutOutcome &outcome)
{
    QJsonArray transitions;
    for (const CalloutOutcome::Transition &transition : outcome.transitions) {
        transitions.append(QJsonObject{{u"labReportId"_s, transition.reportId},
                                       {u"from"_s, CriticalStatusInfo::toInt(transition.from)},
                                       {u"to"_s, CriticalStatusInfo::toInt(transition.to)}});
    }
    QJsonArray auditIds;
    for (const qint64 id : outcome.auditRowIds)
        auditIds.append(id);
    return {{u"transitions"_s, transitions},
            {u"audit_row_ids"_s, auditIds},
            {u"activity_log_id"_s, outcome.activityLogId},
            {u"replaced_draft"_s, outcome.replacedDraft},
            {u"notifications_queued"_s, outcome.notificationsQueued},
            {u"request_id"_s, outcome.requestId},
            {u"already_recorded"_s, outcome.alreadyRecorded},
            {u"confirmed_after_lost_connection"_s, outcome.confirmedAfterLostConnection}};
}

} // namespace calloutdesk
