#pragma once

#include "NotificationSettings.h"
#include "OrderOverview.h"

namespace calloutdesk {

// SPEC U4: with always_notify on, a complete report in a callout status that nobody has
// called out yet must get a callout before it is signed or approved. The surfaces ask it
// before their action; the sign-off service asks it again under the order's lock, so no
// surface can skip it. With the lab's gate_requires_done on (U13) only a done callout
// counts: an attempt reached nobody.
struct AlwaysNotifyRule
{
    static bool calloutRequired(const NotificationSettings &settings,
                                const OrderOverview::Report &report)
    {
        const int counted
            = settings.gateRequiresDone() ? report.doneCalloutCount : report.calloutHistoryCount;
        return settings.alwaysNotify() && report.completed
            && CriticalStatusInfo::isCalloutStatus(report.status) && counted == 0;
    }
};

} // namespace calloutdesk
