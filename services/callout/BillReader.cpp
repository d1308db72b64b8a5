#include "BillReader.h"

#include "VisibilityClause.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

std::optional<ContactDetails> optionalParty(const QSqlQuery &row, int first)
{
    if (row.value(first).isNull())
        return std::nullopt;
    return ContactDetails{row.value(first).toString(), row.value(first + 1).toString(),
                          row.value(first + 2).toString(), row.value(first + 3).toString()};
}

} // namespace

BillReader::BillReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<BillReader::Bill> BillReader::read(const SessionScope &scope, qint64 billId, Lock lock)
{
    const SqlDialect dialect(m_connection);
    // An order none of whose reports the session may see (V2) is as unknown as another
    // lab's: its number and patient are not for this user.
    const VisibilityClause visible = VisibilityClause::forReports(scope);
    const QString sql
        = u"SELECT b.id, b.lab_id, l.name, b.lab_bill_id, b.bill_date, p.id, p.name, p.email, "
          "p.fax, p.contact_number, p.sex, p.date_of_birth, rd.name, rd.email, rd.fax, "
          "rd.contact_number, o.name, o.email, o.fax, o.contact_number, b.assigned_doctor_id, "
          "l.gate_requires_done, "
          "(SELECT %1 FROM notification_setting s WHERE s.lab_id = b.lab_id)%3 "
          "FROM bill b JOIN lab l ON l.id = b.lab_id JOIN patient p ON p.id = b.patient_id "
          "LEFT JOIN referral_doctor rd ON rd.id = b.referral_doctor_id "
          "LEFT JOIN organisation o ON o.id = b.organisation_id "
          "WHERE b.id = ? AND b.lab_id = ? AND EXISTS (SELECT 1 FROM report r "
          "JOIN lab_test t ON t.id = r.lab_test_id WHERE r.bill_id = b.id AND %2)"_s.arg(
              dialect.groupConcat(
                  u"s.setting_key || '=' || CASE WHEN s.enabled THEN '1' ELSE '0' END"_s),
              visible.sql, lock == Lock::ForUpdate ? dialect.lockOrder(u"b.id"_s) : QString());
    auto query
        = m_connection.runReused(QCoreApplication::translate("BillReader", "Reading the order"),
                                 sql, QVariantList{billId, scope.labId()} + visible.values);
    if (!query)
        return query.failure();
    QSqlQuery &row = query.value();
    if (!row.next()) {
        return Failure::invalidInput(
            QCoreApplication::translate("BillReader", "There is no order with id %1 in this lab.")
                .arg(billId));
    }

    Bill bill;
    BillParties &parties = bill.parties;
    parties.billId = row.value(0).toLongLong();
    parties.labId = row.value(1).toLongLong();
    parties.labName = row.value(2).toString();
    parties.labBillId = row.value(3).toString();
    parties.billDate = row.value(4).toDateTime();
    parties.patientId = row.value(5).toLongLong();
    parties.patient = {row.value(6).toString(), row.value(7).toString(), row.value(8).toString(),
                       row.value(9).toString()};
    const QString sex = row.value(10).toString();
    parties.patientSex = sex.isEmpty() ? QChar(u'U') : sex.at(0);
    parties.patientDateOfBirth = row.value(11).toDate();
    parties.referral = optionalParty(row, 12);
    parties.organization = optionalParty(row, 16);
    if (!row.value(20).isNull())
        parties.assignedDoctorId = row.value(20).toLongLong();
    bill.settings.set(NotificationSettings::gateRequiresDoneKey(), row.value(21).toBool());
    const QStringList settings = row.value(22).toString().split(u',', Qt::SkipEmptyParts);
    for (const QString &setting : settings)
        bill.settings.set(setting.section(u'=', 0, 0), setting.section(u'=', 1) == u"1");
    return bill;
}

} // namespace calloutdesk
