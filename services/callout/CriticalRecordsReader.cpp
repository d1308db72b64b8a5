#include "CriticalRecordsReader.h"

#include "BillReader.h"
#include "CalloutAttemptColumns.h"
#include "CriticalReportReader.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CriticalRecordsReader::CriticalRecordsReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<BillRecords> CriticalRecordsReader::read(const SessionScope &scope, qint64 billId)
{
    auto bill = BillReader(m_connection).read(scope, billId);
    if (!bill)
        return bill.failure();
    auto reports = CriticalReportReader(m_connection).read(scope, bill.value().parties);
    if (!reports)
        return reports.failure();
    auto draft = readDraft(scope.labId(), billId);
    if (!draft)
        return draft.failure();
    return BillRecords{
        bill.value().parties, bill.value().settings, reports.value(), draft.value(), {}};
}

Result<std::optional<DraftCallout>> CriticalRecordsReader::readDraft(qint64 labId, qint64 billId)
{
    auto query = m_connection.run(
        QCoreApplication::translate("CriticalRecordsReader", "Reading the saved attempt"),
        u"SELECT c.id, c.comment, c.critical_callout_meta, c.critical_values_meta, c.created_on, "
        "c.attempt_outcome, c.attempt_target, c.attempt_party, COALESCE(d.name, u.name) "
        "FROM critical_callout c LEFT JOIN lab_user u ON u.id = c.performed_by_user_id "
        "LEFT JOIN doctor d ON d.id = c.performed_by_doctor_id "
        "WHERE c.bill_id = ? AND c.lab_id = ? AND c.is_draft AND c.lab_report_id IS NULL"_s,
        {billId, labId});
    if (!query)
        return query.failure();
    QSqlQuery &row = query.value();
    if (!row.next())
        return std::optional<DraftCallout>();

    DraftCallout draft;
    draft.calloutId = row.value(0).toLongLong();
    draft.comment = row.value(1).toString();
    const QJsonObject meta = QJsonDocument::fromJson(row.value(2).toString().toUtf8()).object();
    draft.criticalValuesMeta = QJsonDocument::fromJson(row.value(3).toString().toUtf8()).array();
    draft.createdOn = row.value(4).toDateTime();
    for (const QJsonValue value : meta.value(u"recipients"_s).toArray())
        draft.recipients << value.toString();
    for (const QJsonValue value : meta.value(u"communication_methods"_s).toArray())
        draft.communicationMethods << value.toString();
    draft.other = ContactDetails::fromJson(meta.value(u"notify_to_others"_s).toObject());
    for (const QJsonValue value : meta.value(u"callout_for"_s).toArray())
        draft.calloutFor << value.toInteger();
    // The engine writes {"call": [{name, at}, …]}; a draft written before calls were
    // recorded holds an empty object, which restores no call.
    const QJsonArray calls
        = meta.value(u"already_notified"_s).toObject().value(u"call"_s).toArray();
    for (const QJsonValue value : calls)
        draft.phoneCalls.append(PhoneCall::fromJson(value.toObject()));
    draft.attempt = CalloutAttemptColumns::read(row, 5);
    draft.performedBy = row.value(8).toString();
    return std::optional<DraftCallout>(draft);
}

} // namespace calloutdesk
