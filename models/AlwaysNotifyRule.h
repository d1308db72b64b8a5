#pragma once

#include "NotificationSettings.h"
#include "OrderOverview.h"

namespace calloutdesk {

// SPEC U4: with always_notify on, a complete report in a callout status that nobody has
// called out yet must get a callout before it is signed or approved. The surfaces ask it
// before their action; the sign-off service asks it again under the order's lock, so no
// surface can skip it.
struct AlwaysNotifyRule
{
    static bool calloutRequired(const NotificationSettings &settings,
                                const OrderOverview::Report &report)
    {
        return settings.alwaysNotify() && report.completed
            && CriticalStatusInfo::isCalloutStatus(report.status)
            && report.calloutHistoryCount == 0;
    }
};

} // namespace calloutdesk
