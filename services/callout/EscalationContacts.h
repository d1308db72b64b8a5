#pragma once

#include "models/EscalationContact.h"
#include "services/Failure.h"

#include <QList>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// The lab's escalation contacts (SPEC T3) in the database: added, listed and removed by
// the administrator (calloutctl escalation), read by the callout dialog for the
// departments of an order. On PostgreSQL a desk's login reads only its own lab's and
// writes none (migration 0018).
class EscalationContacts
{
public:
    explicit EscalationContacts(DatabaseConnection &connection);

    // Checks a contact as typed, without the database: a name, a phone or an email in the
    // shapes a callout accepts (PhoneNumber, EmailAddress), a calling order from 1 to 999
    // or 0 for "after the last". Returns it trimmed.
    static Result<EscalationContact> checked(const EscalationContact &typed);

    // Adds a checked contact to its department; with call order 0, after the last one.
    Result<EscalationContact> add(const EscalationContact &contact);
    // The lab's contacts, of one department or all, in department and calling order.
    Result<QList<EscalationContact>> list(qint64 labId,
                                          std::optional<qint64> departmentId = std::nullopt);
    // The contacts of these departments of the lab, in department and calling order.
    Result<QList<EscalationContact>> forDepartments(qint64 labId,
                                                    const QList<qint64> &departmentIds);
    // Removes one contact and returns what it was.
    Result<EscalationContact> remove(qint64 id);

private:
    Result<QList<EscalationContact>> select(const QString &where, const QVariantList &values);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
