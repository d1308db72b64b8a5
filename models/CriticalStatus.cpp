#include "CriticalStatus.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QList<CriticalStatus> CriticalStatusInfo::all()
{
    return {CriticalStatus::Normal, CriticalStatus::CalloutPending, CriticalStatus::CalloutDone,
            CriticalStatus::Abnormal, CriticalStatus::CalloutAttempted};
}

QList<CriticalStatus> CriticalStatusInfo::calloutStatuses()
{
    return {CriticalStatus::CalloutPending, CriticalStatus::CalloutDone,
            CriticalStatus::CalloutAttempted};
}

bool CriticalStatusInfo::isCalloutStatus(CriticalStatus status)
{
    return calloutStatuses().contains(status);
}

std::optional<CriticalStatus> CriticalStatusInfo::fromInt(int value)
{
    for (const CriticalStatus status : all()) {
        if (toInt(status) == value)
            return status;
    }
    return std::nullopt;
}

QString CriticalStatusInfo::label(CriticalStatus status)
{
    switch (status) {
    case CriticalStatus::Normal:
        return tr("Normal");
    case CriticalStatus::CalloutPending:
        return tr("Pending");
    case CriticalStatus::CalloutDone:
        return tr("Done");
    case CriticalStatus::Abnormal:
        return tr("Abnormal");
    case CriticalStatus::CalloutAttempted:
        return tr("Attempted");
    }
    Q_UNREACHABLE();
    return {};
}

QString CriticalStatusInfo::key(CriticalStatus status)
{
    switch (status) {
    case CriticalStatus::Normal:
        return u"normal"_s;
    case CriticalStatus::CalloutPending:
        return u"callout_pending"_s;
    case CriticalStatus::CalloutDone:
        return u"callout_done"_s;
    case CriticalStatus::Abnormal:
        return u"abnormal"_s;
    case CriticalStatus::CalloutAttempted:
        return u"callout_attempted"_s;
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace calloutdesk
