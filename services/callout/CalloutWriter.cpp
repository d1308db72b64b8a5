#include "CalloutWriter.h"

#include "ActivityEntry.h"
#include "CalloutRequestLedger.h"
#include "models/CriticalStatus.h"
#include "services/JsonText.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CalloutWriter", text);
}

const QString auditColumns
    = u"lab_id, bill_id, lab_report_id, is_draft, status, comment, critical_callout_meta, "
      "critical_values_meta, performed_by_user_id, performed_by_doctor_id, attempt_outcome, "
      "attempt_target, attempt_party, made_at, created_on"_s;
const QString activityColumns
    = u"lab_id, log_category_id, bill_id, lab_report_id, lab_user_name, lab_user_id, "
      "performed_by_doctor_id, session_token, activity_text, dumped_json, request_id, "
      "activity_date, request_outcome, made_at"_s;
constexpr int activityValueCount = 11;
const QString notificationColumns
    = u"lab_id, bill_id, activity_log_id, channel, recipient_kind, address, payload"_s;

// SPEC O3: when a callout recorded offline was made, in the form the engine stores times
// (SQLite: UTC text like its own timestamps, so julianday() and ordering work; PostgreSQL
// reads the offset); null for a callout made now.
QVariant madeAtValue(const CalloutWritePlan &plan)
{
    if (!plan.madeAt.isValid())
        return {};
    return plan.madeAt.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

QVariantList auditValues(const CalloutWritePlan &plan, const CalloutWritePlan::AuditRow &row)
{
    return {plan.labId,
            plan.billId,
            row.labReportId,
            row.isDraft,
            row.status,
            row.comment,
            row.calloutMeta,
            row.valuesMeta,
            row.performedByUserId,
            row.performedByDoctorId,
            row.attemptOutcome,
            row.attemptTarget,
            row.attemptParty,
            madeAtValue(plan)};
}

QVariantList activityValues(const CalloutWritePlan &plan)
{
    return {plan.labId,
            ActivityEntry::calloutCategory,
            plan.billId,
            plan.activityReportId,
            plan.userName,
            plan.labUserId,
            plan.doctorId,
            plan.sessionToken,
            plan.activityText,
            plan.dumpedJson,
            plan.requestId.isEmpty() ? QVariant() : QVariant(plan.requestId)};
}

// The selected report ids for "id IN (…)" on SQLite: one JSON array read by json_each,
// because SQLite's parser numbers placeholders in time that grows with the square of
// their count (a 200-report callout spent most of its time parsing).
QString selectedIn(const CalloutWritePlan &plan, QVariantList &values)
{
    QJsonArray ids;
    for (const qint64 id : plan.selectedReportIds)
        ids.append(id);
    values << jsonText(ids);
    return u"SELECT value FROM json_each(?)"_s;
}

// A JSON text the engine made, as a value to nest in a larger document.
QJsonValue jsonValue(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue::Null;
}

// SQLite: the selection moves to `selectedStatus`; every other Attempted report of the
// order goes back to Pending (SPEC C2, C11). The whole order, not only what the user
// sees: the draft that named those reports is deleted for everyone.
QString statusUpdate(const CalloutWritePlan &plan, int selectedStatus, const QString &now,
                     QVariantList &values)
{
    const QString in = selectedIn(plan, values);
    values << selectedStatus << plan.labId << plan.billId;
    selectedIn(plan, values);
    return u"UPDATE report SET critical_values = CASE WHEN id IN (%1) THEN CAST(? AS integer) "
           "ELSE %2 END, last_updated = %3 WHERE lab_id = ? AND bill_id = ? "
           "AND (id IN (%1) OR critical_values = %4)"_s.arg(
               in, QString::number(CriticalStatusInfo::toInt(CriticalStatus::CalloutPending)), now,
               QString::number(CriticalStatusInfo::toInt(CriticalStatus::CalloutAttempted)));
}

} // namespace

CalloutWriter::CalloutWriter(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<CalloutWriter::Written> CalloutWriter::write(const CalloutWritePlan &plan)
{
    return m_connection.isPostgreSql() ? writePostgres(plan) : writeSqlite(plan);
}

Result<CalloutWriter::Written> CalloutWriter::writePostgres(const CalloutWritePlan &plan)
{
    // The WITH clauses all run, in one statement. The audit insert reads "deleted", so the
    // old draft is gone before a new one meets the one-draft-per-bill index (SPEC C4).
    // C11's triggers are deferred to COMMIT, when the statement's work is complete.
    // The rows travel as one JSON array each and the report ids as one array, so the text
    // is the same for every callout and the server plans it once per connection.
    // The selection is updated as the signed-in login; the order's other Attempted reports
    // go back to Pending through desk_reset_attempted_reports (migration 0006), because
    // some may be in departments this login cannot see (C11, A2). Only when a draft was
    // replaced: without one no report of the order is Attempted (C11).
    QJsonArray auditRows;
    for (const CalloutWritePlan::AuditRow &row : plan.auditRows) {
        auditRows.append(QJsonObject{
            {u"lab_report_id"_s, QJsonValue::fromVariant(row.labReportId)},
            {u"is_draft"_s, row.isDraft},
            {u"status"_s, row.status},
            {u"comment"_s, row.comment},
            {u"critical_callout_meta"_s, jsonValue(row.calloutMeta)},
            {u"critical_values_meta"_s, jsonValue(row.valuesMeta)},
            {u"performed_by_user_id"_s, QJsonValue::fromVariant(row.performedByUserId)},
            {u"performed_by_doctor_id"_s, QJsonValue::fromVariant(row.performedByDoctorId)},
            {u"attempt_outcome"_s, QJsonValue::fromVariant(row.attemptOutcome)},
            {u"attempt_target"_s, QJsonValue::fromVariant(row.attemptTarget)},
            {u"attempt_party"_s, QJsonValue::fromVariant(row.attemptParty)}});
    }
    QJsonArray messages;
    for (const CalloutWritePlan::Notification &message : plan.notifications) {
        messages.append(QJsonObject{{u"channel"_s, message.channel},
                                    {u"recipient_kind"_s, message.recipientKind},
                                    {u"address"_s, message.address},
                                    {u"payload"_s, jsonValue(message.payload)}});
    }
    QStringList selected;
    for (const qint64 id : plan.selectedReportIds)
        selected << QString::number(id);
    const QString selectedArray = u'{' + selected.join(u',') + u'}';

    const QVariantList values
        = QVariantList{plan.billId,         plan.labId,        plan.labId,
                       plan.billId,         madeAtValue(plan), jsonText(auditRows),
                       plan.targetStatus,   plan.labId,        plan.billId,
                       selectedArray,       plan.billId,       selectedArray}
        + activityValues(plan)
        + QVariantList{plan.requestOutcome, madeAtValue(plan), plan.labId, selectedArray, plan.labId, plan.billId,
                       plan.labId, plan.billId, jsonText(messages)};

    static const QString sql
        = u"WITH deleted AS (DELETE FROM critical_callout WHERE bill_id = ? AND lab_id = ? "
          "AND is_draft RETURNING id), "
          "audit AS (INSERT INTO critical_callout (%1) SELECT CAST(? AS bigint), "
          "CAST(? AS bigint), v.lab_report_id, v.is_draft, v.status, v.comment, "
          "v.critical_callout_meta, v.critical_values_meta, v.performed_by_user_id, "
          "v.performed_by_doctor_id, v.attempt_outcome, v.attempt_target, v.attempt_party, "
          "CAST(? AS timestamptz), now() "
          "FROM jsonb_to_recordset(CAST(? AS jsonb)) AS "
          "v(lab_report_id bigint, is_draft boolean, status smallint, comment text, "
          "critical_callout_meta jsonb, critical_values_meta jsonb, performed_by_user_id bigint, "
          "performed_by_doctor_id bigint, attempt_outcome text, attempt_target text, "
          "attempt_party text) "
          "WHERE (SELECT COUNT(*) FROM deleted) >= 0 RETURNING id), "
          "updated AS (UPDATE report SET critical_values = CAST(? AS integer), "
          "last_updated = now() WHERE lab_id = ? AND bill_id = ? "
          "AND id = ANY (CAST(? AS bigint[])) RETURNING id), "
          "reset AS (SELECT desk_reset_attempted_reports(CAST(? AS bigint), "
          "CAST(? AS bigint[])) AS changed WHERE EXISTS (SELECT 1 FROM deleted)), "
          "activity AS (INSERT INTO activity_log (%2) VALUES (CAST(? AS bigint), "
          "CAST(? AS integer), CAST(? AS bigint), CAST(? AS bigint), CAST(? AS text), "
          "CAST(? AS bigint), CAST(? AS bigint), CAST(? AS text), CAST(? AS text), "
          "CAST(? AS jsonb), CAST(? AS text), now(), CAST(? AS jsonb) "
          "|| jsonb_build_object('replaced_draft', EXISTS (SELECT 1 FROM deleted), "
          "'audit_row_ids', (SELECT COALESCE(jsonb_agg(id ORDER BY id), '[]'::jsonb) FROM audit)), "
          "CAST(? AS timestamptz)) "
          "RETURNING id), "
          "linked AS (INSERT INTO activity_log_report (activity_log_id, lab_id, lab_report_id) "
          "SELECT a.id, CAST(? AS bigint), v.id FROM activity a "
          "CROSS JOIN unnest(CAST(? AS bigint[])) AS v(id) RETURNING lab_report_id), "
          "indexed AS (INSERT INTO index_outbox (lab_id, scope, bill_id) "
          "VALUES (CAST(? AS bigint), 'bill', CAST(? AS bigint)) RETURNING id), "
          "notified AS (INSERT INTO notification_outbox (%3) "
          "SELECT CAST(? AS bigint), CAST(? AS bigint), a.id, m.channel, m.recipient_kind, "
          "m.address, m.payload FROM jsonb_to_recordset(CAST(? AS jsonb)) AS "
          "m(channel text, recipient_kind text, address text, payload jsonb) "
          "CROSS JOIN activity a RETURNING id) "
          "SELECT 'deleted', id FROM deleted UNION ALL SELECT 'audit', id FROM audit "
          "UNION ALL SELECT 'activity', id FROM activity "
          "UNION ALL SELECT 'reset', changed FROM reset"_s.arg(auditColumns, activityColumns,
                                                               notificationColumns);

    auto query = m_connection.runReused(tr("Recording the callout"), sql, values);
    if (!query)
        return query.failure();
    Written written;
    while (query.value().next()) {
        const QString what = query.value().value(0).toString();
        const qint64 id = query.value().value(1).toLongLong();
        if (what == u"deleted")
            written.replacedDraft = true;
        else if (what == u"audit")
            written.auditRowIds << id;
        else if (what == u"activity")
            written.activityLogId = id;
    }
    std::sort(written.auditRowIds.begin(), written.auditRowIds.end());
    return written;
}

Result<CalloutWriter::Written> CalloutWriter::writeSqlite(const CalloutWritePlan &plan)
{
    // SQLite checks C11 after every statement, so the order is chosen to keep it: no
    // report of the order is Attempted while its draft is replaced; an attempt's selection
    // becomes Attempted only once the new draft names it.
    Written written;
    const QString now = SqlDialect(m_connection).currentTimestamp();
    const int firstStatus = plan.isAttempt
        ? CriticalStatusInfo::toInt(CriticalStatus::CalloutPending)
        : plan.targetStatus;
    QVariantList updateValues;
    const QString update = statusUpdate(plan, firstStatus, now, updateValues);
    if (auto updated = m_connection.run(tr("Updating the report statuses"), update, updateValues);
        !updated) {
        return updated.failure();
    }

    auto deleted = m_connection.run(
        tr("Replacing the saved attempt"),
        u"DELETE FROM critical_callout WHERE bill_id = ? AND lab_id = ? AND is_draft"_s,
        {plan.billId, plan.labId});
    if (!deleted)
        return deleted.failure();
    written.replacedDraft = deleted.value().numRowsAffected() > 0;

    QVariantList values;
    QStringList tuples;
    for (const CalloutWritePlan::AuditRow &row : plan.auditRows) {
        tuples << u"(%1, %2)"_s.arg(SqlDialect::placeholders(14), now);
        values << auditValues(plan, row);
    }
    auto inserted
        = m_connection.run(tr("Recording the callout"),
                           u"INSERT INTO critical_callout (%1) VALUES %2 RETURNING id"_s.arg(
                               auditColumns, tuples.join(u", "_s)),
                           values);
    if (!inserted)
        return inserted.failure();
    while (inserted.value().next())
        written.auditRowIds << inserted.value().value(0).toLongLong();
    // SQLite cannot commit while a RETURNING statement is still open.
    inserted.value().finish();
    std::sort(written.auditRowIds.begin(), written.auditRowIds.end());

    if (plan.isAttempt) {
        QVariantList attemptValues{plan.targetStatus, plan.labId};
        const QString in = selectedIn(plan, attemptValues);
        if (auto attempted
            = m_connection.run(tr("Updating the report statuses"),
                               u"UPDATE report SET critical_values = ?, last_updated = %1 "
                               "WHERE lab_id = ? AND id IN (%2)"_s.arg(now, in),
                               attemptValues);
            !attempted) {
            return attempted.failure();
        }
    }

    QJsonObject outcome = QJsonDocument::fromJson(plan.requestOutcome.toUtf8()).object();
    CalloutRequestLedger::setWritten(outcome, written.replacedDraft, written.auditRowIds);
    auto logged
        = m_connection.run(tr("Writing the activity log"),
                           u"INSERT INTO activity_log (%1) VALUES (%2, %3, ?, ?) RETURNING id"_s.arg(
                               activityColumns, SqlDialect::placeholders(activityValueCount), now),
                           activityValues(plan) << jsonText(outcome) << madeAtValue(plan));
    if (!logged)
        return logged.failure();
    if (!logged.value().next())
        return Failure::internal(tr("The activity log gave no id back."));
    written.activityLogId = logged.value().value(0).toLongLong();
    logged.value().finish();

    QVariantList linkValues{written.activityLogId, plan.labId};
    const QString linkIds = selectedIn(plan, linkValues);
    if (auto linked = m_connection.run(
            tr("Writing the activity log"),
            u"INSERT INTO activity_log_report (activity_log_id, lab_id, lab_report_id) "
            "SELECT ?, ?, value FROM (%1)"_s.arg(linkIds),
            linkValues);
        !linked) {
        return linked.failure();
    }

    if (auto journaled = m_connection.run(
            tr("Queueing the search index update"),
            u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (?, 'bill', ?)"_s,
            {plan.labId, plan.billId});
        !journaled) {
        return journaled.failure();
    }

    if (!plan.notifications.isEmpty()) {
        QVariantList messageValues;
        QStringList messageTuples;
        for (const CalloutWritePlan::Notification &message : plan.notifications) {
            messageTuples << u"(%1)"_s.arg(SqlDialect::placeholders(7));
            messageValues << plan.labId << plan.billId << written.activityLogId << message.channel
                          << message.recipientKind << message.address << message.payload;
        }
        if (auto queued = m_connection.run(tr("Queueing the notifications"),
                                           u"INSERT INTO notification_outbox (%1) VALUES %2"_s.arg(
                                               notificationColumns, messageTuples.join(u", "_s)),
                                           messageValues);
            !queued) {
            return queued.failure();
        }
    }
    return written;
}

} // namespace calloutdesk
