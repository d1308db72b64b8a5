#include "CallTakerRole.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QList<CallTakerRole> CallTakerRoleInfo::all()
{
    return {CallTakerRole::Doctor, CallTakerRole::Nurse, CallTakerRole::Patient,
            CallTakerRole::Other};
}

QString CallTakerRoleInfo::label(CallTakerRole role)
{
    switch (role) {
    case CallTakerRole::Doctor:
        return QCoreApplication::translate("CallTakerRole", "Doctor");
    case CallTakerRole::Nurse:
        return QCoreApplication::translate("CallTakerRole", "Nurse");
    case CallTakerRole::Patient:
        return QCoreApplication::translate("CallTakerRole", "Patient");
    case CallTakerRole::Other:
        return QCoreApplication::translate("CallTakerRole", "Other");
    }
    Q_UNREACHABLE();
    return {};
}

QString CallTakerRoleInfo::key(CallTakerRole role)
{
    switch (role) {
    case CallTakerRole::Doctor:
        return u"doctor"_s;
    case CallTakerRole::Nurse:
        return u"nurse"_s;
    case CallTakerRole::Patient:
        return u"patient"_s;
    case CallTakerRole::Other:
        return u"other"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<CallTakerRole> CallTakerRoleInfo::fromKey(const QString &text)
{
    for (const CallTakerRole role : all()) {
        if (key(role) == text.trimmed().toLower())
            return role;
    }
    return std::nullopt;
}

} // namespace calloutdesk
