#include "EscalationContacts.h"

#include "models/EmailAddress.h"
#include "models/PersonName.h"
#include "models/PhoneNumber.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EscalationContacts", text);
}

// A null QString binds as NULL; the columns hold '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

const QString columns = u"c.id, c.lab_id, c.department_id, d.name, c.name, c.role, c.phone, "
                        "c.email, c.call_order FROM escalation_contact c "
                        "JOIN department d ON d.id = c.department_id"_s;

} // namespace

EscalationContacts::EscalationContacts(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<EscalationContact> EscalationContacts::checked(const EscalationContact &typed)
{
    EscalationContact contact = typed;
    contact.name = typed.name.trimmed();
    contact.role = typed.role.trimmed();
    if (contact.labId <= 0 || contact.departmentId <= 0)
        return Failure::invalidInput(tr("An escalation contact needs its lab and department."));
    if (contact.name.isEmpty())
        return Failure::invalidInput(tr("Give the escalation contact's name.")).about(u"name"_s);
    // The dialog records a call to the contact under who(), a name as a callout takes it.
    for (const auto &[text, what] :
         {std::pair{contact.name, tr("name")}, std::pair{contact.role, tr("role")}}) {
        if (const PersonName checkedText = PersonName::parse(text); !checkedText.isValid())
            return Failure::invalidInput(
                tr("The %1 \"%2\" cannot be used: %3.").arg(what, text, checkedText.problemText()));
    }
    if (contact.who().size() > PersonName::maxLength)
        return Failure::invalidInput(tr("The name and role together have %1 characters; at most "
                                        "%2 are allowed.")
                                         .arg(contact.who().size())
                                         .arg(PersonName::maxLength));
    if (typed.phone.trimmed().isEmpty() && typed.email.trimmed().isEmpty())
        return Failure::invalidInput(
            tr("Give the escalation contact a phone number or an email address."));
    contact.phone.clear();
    if (!typed.phone.trimmed().isEmpty()) {
        const PhoneNumber phone = PhoneNumber::parse(typed.phone);
        if (!phone.isValid())
            return Failure::invalidInput(tr("The phone number \"%1\" cannot be used: %2.")
                                             .arg(typed.phone.trimmed(), phone.problemText()));
        contact.phone = phone.text();
    }
    contact.email.clear();
    if (!typed.email.trimmed().isEmpty()) {
        const EmailAddress email = EmailAddress::parse(typed.email);
        if (!email.isValid())
            return Failure::invalidInput(tr("The email address \"%1\" cannot be used: %2.")
                                             .arg(typed.email.trimmed(), email.problemText()));
        contact.email = email.text();
    }
    if (contact.callOrder < 0 || contact.callOrder > EscalationContact::maxCallOrder)
        return Failure::invalidInput(tr("The calling order must be from 1 to %1, not %2.")
                                         .arg(EscalationContact::maxCallOrder)
                                         .arg(contact.callOrder));
    return contact;
}

Result<EscalationContact> EscalationContacts::add(const EscalationContact &typed)
{
    const auto checkedContact = checked(typed);
    if (!checkedContact)
        return checkedContact;
    EscalationContact contact = checkedContact.value();

    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();
    {
        auto department = m_connection.run(
            tr("Finding the department"),
            u"SELECT d.name, (SELECT MAX(c.call_order) FROM escalation_contact c "
            "WHERE c.department_id = d.id), (SELECT COUNT(*) FROM escalation_contact c "
            "WHERE c.department_id = d.id AND c.call_order = ?) "
            "FROM department d WHERE d.id = ? AND d.lab_id = ?"_s,
            {contact.callOrder, contact.departmentId, contact.labId});
        if (!department)
            return department.failure();
        if (!department.value().next())
            return Failure::invalidInput(
                tr("Lab %1 has no department %2.").arg(contact.labId).arg(contact.departmentId));
        contact.departmentName = department.value().value(0).toString();
        const int last = department.value().value(1).toInt();
        if (contact.callOrder == 0) {
            if (last >= EscalationContact::maxCallOrder)
                return Failure::invalidInput(
                    tr("Department %1 has a contact at the last calling order, %2; choose "
                       "a free order.")
                        .arg(contact.departmentName)
                        .arg(last));
            contact.callOrder = last + 1;
        } else if (department.value().value(2).toInt() > 0) {
            return Failure::conflict(tr("Department %1 already has a contact at calling order "
                                        "%2; remove it first or choose another order.")
                                         .arg(contact.departmentName)
                                         .arg(contact.callOrder));
        }
    }
    {
        auto inserted = m_connection.run(
            tr("Adding the escalation contact"),
            u"INSERT INTO escalation_contact (lab_id, department_id, name, role, phone, email, "
            "call_order) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {contact.labId, contact.departmentId, contact.name, text(contact.role),
             text(contact.phone), text(contact.email), contact.callOrder});
        if (!inserted)
            return inserted.failure();
        if (!inserted.value().next())
            return Failure::internal(tr("The new escalation contact has no id."));
        contact.id = inserted.value().value(0).toLongLong();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return contact;
}

Result<QList<EscalationContact>> EscalationContacts::select(const QString &where,
                                                            const QVariantList &values)
{
    auto rows = m_connection.run(
        tr("Reading escalation contacts"),
        u"SELECT %1 WHERE %2 ORDER BY d.name, c.department_id, c.call_order"_s.arg(columns, where),
        values);
    if (!rows)
        return rows.failure();
    QList<EscalationContact> contacts;
    while (rows.value().next()) {
        const QSqlQuery &row = rows.value();
        contacts.append({row.value(0).toLongLong(), row.value(1).toLongLong(),
                         row.value(2).toLongLong(), row.value(3).toString(),
                         row.value(4).toString(), row.value(5).toString(), row.value(6).toString(),
                         row.value(7).toString(), row.value(8).toInt()});
    }
    return contacts;
}

Result<QList<EscalationContact>> EscalationContacts::list(qint64 labId,
                                                          std::optional<qint64> departmentId)
{
    if (departmentId)
        return select(u"c.lab_id = ? AND c.department_id = ?"_s, {labId, *departmentId});
    return select(u"c.lab_id = ?"_s, {labId});
}

Result<QList<EscalationContact>>
EscalationContacts::forDepartments(qint64 labId, const QList<qint64> &departmentIds)
{
    if (departmentIds.isEmpty())
        return QList<EscalationContact>();
    const SqlDialect dialect(m_connection);
    return select(u"c.lab_id = ? AND %1"_s.arg(dialect.idIn(u"c.department_id"_s)),
                  {labId, dialect.idList(departmentIds)});
}

Result<EscalationContact> EscalationContacts::remove(qint64 id)
{
    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();
    const auto found = select(u"c.id = ?"_s, {id});
    if (!found)
        return found.failure();
    if (found.value().isEmpty())
        return Failure::invalidInput(tr("There is no escalation contact %1.").arg(id));
    if (auto removed = m_connection.run(tr("Removing the escalation contact"),
                                        u"DELETE FROM escalation_contact WHERE id = ?"_s, {id});
        !removed) {
        return removed.failure();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return found.value().first();
}

} // namespace calloutdesk
