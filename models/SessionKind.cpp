#include "SessionKind.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QString sessionKindKey(SessionKind kind)
{
    switch (kind) {
    case SessionKind::DoctorByDepartment:
        return u"doctor_departments"_s;
    case SessionKind::DoctorAssignedBills:
        return u"doctor_assigned_bills"_s;
    case SessionKind::LabUserSessionDepartments:
        return u"labuser_session_departments"_s;
    case SessionKind::LabUserLinkedDepartments:
        return u"labuser_linked_departments"_s;
    case SessionKind::Support:
        return u"support"_s;
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace calloutdesk
