#pragma once

#include <QString>

namespace calloutdesk {

// SPEC V2: the five kinds of signed-in session, each with its own visibility rule.
enum class SessionKind
{
    DoctorByDepartment,        // doctor, docType 0: departments linked to the doctor
    DoctorAssignedBills,       // doctor, docType 2: only bills assigned to the doctor
    LabUserSessionDepartments, // lab user, departmentDataType 0: the session's departments
    LabUserLinkedDepartments,  // lab user, departmentDataType 1: lab user↔department links
    Support,                   // support login: every department of the lab
};

QString sessionKindKey(SessionKind kind);

} // namespace calloutdesk
