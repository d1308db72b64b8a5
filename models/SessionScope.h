#pragma once

#include "SessionKind.h"

#include <QList>
#include <QString>

namespace calloutdesk {

// Who is signed in and what they may see (SPEC V1, V2). Every read and write of the
// services takes one; there is no "unscoped" access to a lab's patients.
class SessionScope
{
public:
    static SessionScope doctor(qint64 labId, qint64 doctorId, const QString &name, int docType,
                               const QList<qint64> &linkedDepartmentIds);
    static SessionScope labUser(qint64 labId, qint64 labUserId, const QString &name,
                                int departmentDataType, const QList<qint64> &departmentIds);
    static SessionScope support(qint64 labId, qint64 labUserId, const QString &name);

    qint64 labId() const { return m_labId; }
    SessionKind kind() const { return m_kind; }
    bool isDoctor() const;
    // The lab_user id or the doctor id, depending on isDoctor().
    qint64 userId() const { return m_userId; }
    QString userName() const { return m_userName; }
    QString sessionToken() const { return m_sessionToken; }
    void setSessionToken(const QString &token) { m_sessionToken = token; }

    // Departments this session is confined to; meaningless for Support and
    // DoctorAssignedBills, which are not filtered by department.
    QList<qint64> departmentIds() const { return m_departmentIds; }
    bool filtersByDepartment() const;
    bool filtersByAssignedDoctor() const { return m_kind == SessionKind::DoctorAssignedBills; }

    bool isValid() const { return m_labId > 0 && m_userId > 0; }

    // Whether the database's row-level security confines this session's reads to its lab
    // (PostgreSQL, signed in with a desk login; not SQLite, nor a login that bypasses it).
    // A query may then leave the lab's condition to the policy: repeating it makes
    // PostgreSQL plan the worklist's queries twice as slowly.
    bool rowsConfinedByDatabase() const { return m_rowsConfinedByDatabase; }
    void setRowsConfinedByDatabase(bool confined) { m_rowsConfinedByDatabase = confined; }

private:
    SessionScope(qint64 labId, SessionKind kind, qint64 userId, const QString &userName,
                 const QList<qint64> &departmentIds);

    qint64 m_labId = 0;
    SessionKind m_kind = SessionKind::Support;
    qint64 m_userId = 0;
    QString m_userName;
    QString m_sessionToken;
    QList<qint64> m_departmentIds;
    bool m_rowsConfinedByDatabase = false;
};

} // namespace calloutdesk
