#include "SessionScope.h"

#include <QUuid>

#include <algorithm>

namespace calloutdesk {

SessionScope::SessionScope(qint64 labId, SessionKind kind, qint64 userId, const QString &userName,
                           const QList<qint64> &departmentIds)
    : m_labId(labId)
    , m_kind(kind)
    , m_userId(userId)
    , m_userName(userName)
    , m_sessionToken(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_departmentIds(departmentIds)
{
    std::sort(m_departmentIds.begin(), m_departmentIds.end());
    m_departmentIds.erase(std::unique(m_departmentIds.begin(), m_departmentIds.end()),
                          m_departmentIds.end());
}

SessionScope SessionScope::doctor(qint64 labId, qint64 doctorId, const QString &name, int docType,
                                  const QList<qint64> &linkedDepartmentIds)
{
    // Only docType 2 narrows to assigned bills; every other doctor is scoped by department,
    // which with no linked department means seeing nothing rather than everything.
    const SessionKind kind
        = docType == 2 ? SessionKind::DoctorAssignedBills : SessionKind::DoctorByDepartment;
    return SessionScope(labId, kind, doctorId, name,
                        kind == SessionKind::DoctorByDepartment ? linkedDepartmentIds
                                                                : QList<qint64>());
}

SessionScope SessionScope::labUser(qint64 labId, qint64 labUserId, const QString &name,
                                   int departmentDataType, const QList<qint64> &departmentIds)
{
    const SessionKind kind = departmentDataType == 1 ? SessionKind::LabUserLinkedDepartments
                                                     : SessionKind::LabUserSessionDepartments;
    return SessionScope(labId, kind, labUserId, name, departmentIds);
}

SessionScope SessionScope::support(qint64 labId, qint64 labUserId, const QString &name)
{
    return SessionScope(labId, SessionKind::Support, labUserId, name, {});
}

bool SessionScope::isDoctor() const
{
    return m_kind == SessionKind::DoctorByDepartment || m_kind == SessionKind::DoctorAssignedBills;
}

bool SessionScope::filtersByDepartment() const
{
    return m_kind == SessionKind::DoctorByDepartment
        || m_kind == SessionKind::LabUserSessionDepartments
        || m_kind == SessionKind::LabUserLinkedDepartments;
}

} // namespace calloutdesk
