#include "CalloutWriter.h"

#include "ActivityEntry.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CalloutWriter", text);
}

const QString auditColumns
    = u"lab_id, bill_id, lab_report_id, is_draft, status, comment, critical_callout_meta, "
      "critical_values_meta, performed_by_user_id, performed_by_doctor_id, created_on"_s;
const QString activityColumns
    = u"lab_id, log_category_id, bill_id, lab_report_id, lab_user_name, lab_user_id, "
      "session_token, activity_text, dumped_json, activity_date"_s;
const QString notificationColumns
    = u"lab_id, bill_id, activity_log_id, channel, recipient_kind, address, payload"_s;

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
            row.performedByDoctorId};
}

QVariantList activityValues(const CalloutWritePlan &plan)
{
    return {plan.labId,        ActivityEntry::calloutCategory,
            plan.billId,       plan.activityReportId,
            plan.userName,     plan.userId,
            plan.sessionToken, plan.activityText,
            plan.dumpedJson};
}

// "CASE id WHEN ? THEN ? … END" and its values, then the ids for the IN list.
QString statusCase(const CalloutWritePlan &plan, const QString &now, QVariantList &values)
{
    QString cases;
    for (const CalloutWritePlan::StatusChange &change : plan.statusChanges) {
        cases += u" WHEN ? THEN CAST(? AS integer)"_s;
        values << change.reportId << change.status;
    }
    values << plan.labId;
    for (const CalloutWritePlan::StatusChange &change : plan.statusChanges)
        values << change.reportId;
    return u"UPDATE report SET critical_values = CASE id%1 END, last_updated = %2 "
           "WHERE lab_id = ? AND id IN (%3)"_s.arg(
               cases, now, SqlDialect::placeholders(plan.statusChanges.size()));
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
    QVariantList values{plan.billId, plan.labId};
    QStringList auditTuples;
    const QString typedAuditRow
        = u"(CAST(? AS bigint), CAST(? AS bigint), CAST(? AS bigint), CAST(? AS boolean), "
          "CAST(? AS smallint), CAST(? AS text), CAST(? AS jsonb), CAST(? AS jsonb), "
          "CAST(? AS bigint), CAST(? AS bigint), now())"_s;
    for (const CalloutWritePlan::AuditRow &row : plan.auditRows) {
        auditTuples << typedAuditRow;
        values << auditValues(plan, row);
    }
    QVariantList updateValues;
    const QString update = statusCase(plan, u"now()"_s, updateValues);
    values << updateValues;
    values << activityValues(plan);
    values << plan.labId << plan.billId;

    QString notifications;
    if (!plan.notifications.isEmpty()) {
        // In the order of the placeholders: the SELECT list first, then the rows.
        values << plan.labId << plan.billId;
        QStringList tuples;
        for (const CalloutWritePlan::Notification &message : plan.notifications) {
            tuples << u"(CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS jsonb))"_s;
            values << message.channel << message.recipientKind << message.address
                   << message.payload;
        }
        notifications
            = u", notified AS (INSERT INTO notification_outbox (%1) "
              "SELECT CAST(? AS bigint), CAST(? AS bigint), a.id, m.channel, m.kind, m.address, "
              "m.payload "
              "FROM (VALUES %2) AS m(channel, kind, address, payload) CROSS JOIN activity a "
              "RETURNING id)"_s.arg(notificationColumns, tuples.join(u", "_s));
    }

    const QString sql
        = u"WITH deleted AS (DELETE FROM critical_callout WHERE bill_id = ? AND lab_id = ? "
          "AND is_draft RETURNING id), "
          "audit AS (INSERT INTO critical_callout (%1) SELECT v.* FROM (VALUES %2) AS v "
          "WHERE (SELECT COUNT(*) FROM deleted) >= 0 RETURNING id), "
          "updated AS (%3 RETURNING id), "
          "activity AS (INSERT INTO activity_log (%4) VALUES (%5, now()) RETURNING id), "
          "indexed AS (INSERT INTO index_outbox (lab_id, scope, bill_id) "
          "VALUES (?, 'bill', ?) RETURNING id)%6 "
          "SELECT 'deleted', id FROM deleted UNION ALL SELECT 'audit', id FROM audit "
          "UNION ALL SELECT 'activity', id FROM activity"_s.arg(
              auditColumns, auditTuples.join(u", "_s), update, activityColumns,
              SqlDialect::placeholders(9), notifications);

    auto query = m_connection.run(tr("Recording the callout"), sql, values);
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
        else
            written.activityLogId = id;
    }
    return written;
}

Result<CalloutWriter::Written> CalloutWriter::writeSqlite(const CalloutWritePlan &plan)
{
    Written written;
    auto deleted = m_connection.run(
        tr("Replacing the saved attempt"),
        u"DELETE FROM critical_callout WHERE bill_id = ? AND lab_id = ? AND is_draft"_s,
        {plan.billId, plan.labId});
    if (!deleted)
        return deleted.failure();
    written.replacedDraft = deleted.value().numRowsAffected() > 0;

    const QString now = SqlDialect(m_connection).currentTimestamp();
    QVariantList values;
    QStringList tuples;
    for (const CalloutWritePlan::AuditRow &row : plan.auditRows) {
        tuples << u"(%1, %2)"_s.arg(SqlDialect::placeholders(10), now);
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

    QVariantList updateValues;
    const QString update = statusCase(plan, now, updateValues);
    if (auto updated = m_connection.run(tr("Updating the report statuses"), update, updateValues);
        !updated) {
        return updated.failure();
    }

    auto logged
        = m_connection.run(tr("Writing the activity log"),
                           u"INSERT INTO activity_log (%1) VALUES (%2, %3) RETURNING id"_s.arg(
                               activityColumns, SqlDialect::placeholders(9), now),
                           activityValues(plan));
    if (!logged)
        return logged.failure();
    if (!logged.value().next())
        return Failure::internal(tr("The activity log gave no id back."));
    written.activityLogId = logged.value().value(0).toLongLong();
    logged.value().finish();

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
