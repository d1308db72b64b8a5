#include "CalloutRequestLedger.h"

#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CalloutRequestLedger::CalloutRequestLedger(DatabaseConnection &connection)
    : m_connection(connection)
{ }

bool CalloutRequestLedger::isValidRequestId(const QString &requestId)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9._:-]{1,100}$"_s);
    return allowed.match(requestId).hasMatch();
}

QJsonObject CalloutRequestLedger::outcomeJson(const CalloutRequest &request,
                                              const CalloutOutcome &outcome)
{
    QJsonArray transitions;
    for (const CalloutOutcome::Transition &transition : outcome.transitions) {
        transitions.append(QJsonObject{{u"report"_s, transition.reportId},
                                       {u"from"_s, CriticalStatusInfo::toInt(transition.from)},
                                       {u"to"_s, CriticalStatusInfo::toInt(transition.to)}});
    }
    QJsonObject json{{u"kind"_s, request.isAttempt() ? u"attempt"_s : u"done"_s},
                     {u"transitions"_s, transitions},
                     {u"notifications_queued"_s, outcome.notificationsQueued}};
    setWritten(json, outcome.replacedDraft, outcome.auditRowIds);
    return json;
}

void CalloutRequestLedger::setWritten(QJsonObject &outcome, bool replacedDraft,
                                      const QList<qint64> &auditRowIds)
{
    QJsonArray ids;
    for (const qint64 id : auditRowIds)
        ids.append(id);
    outcome.insert(u"replaced_draft"_s, replacedDraft);
    outcome.insert(u"audit_row_ids"_s, ids);
}

Result<std::optional<CalloutOutcome>> CalloutRequestLedger::find(qint64 labId,
                                                                 const QString &requestId)
{
    auto query = m_connection.run(
        QCoreApplication::translate("CalloutRequestLedger", "Looking up the request id"),
        u"SELECT id, request_outcome FROM activity_log WHERE lab_id = ? AND request_id = ?"_s,
        {labId, requestId});
    if (!query)
        return query.failure();
    if (!query.value().next())
        return std::optional<CalloutOutcome>();
    CalloutOutcome outcome;
    outcome.activityLogId = query.value().value(0).toLongLong();
    outcome.requestId = requestId;
    const QJsonObject json
        = QJsonDocument::fromJson(query.value().value(1).toString().toUtf8()).object();
    query.value().finish();
    const QJsonArray transitions = json.value(u"transitions"_s).toArray();
    for (const QJsonValue &value : transitions) {
        const QJsonObject transition = value.toObject();
        outcome.transitions.append({transition.value(u"report"_s).toInteger(),
                                    CriticalStatusInfo::fromInt(transition.value(u"from"_s).toInt())
                                        .value_or(CriticalStatus::Normal),
                                    CriticalStatusInfo::fromInt(transition.value(u"to"_s).toInt())
                                        .value_or(CriticalStatus::Normal)});
    }
    const QJsonArray auditIds = json.value(u"audit_row_ids"_s).toArray();
    for (const QJsonValue &id : auditIds)
        outcome.auditRowIds << id.toInteger();
    outcome.replacedDraft = json.value(u"replaced_draft"_s).toBool();
    outcome.notificationsQueued = json.value(u"notifications_queued"_s).toInt();
    return std::optional<CalloutOutcome>(outcome);
}

} // namespace calloutdesk
