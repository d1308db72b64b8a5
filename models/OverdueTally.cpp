#include "OverdueTally.h"

#include <algorithm>

namespace calloutdesk {

qint64 OverdueTally::at(const QDateTime &later) const
{
    // At or before the cutoff is overdue (CalloutClock: at the target itself, Overdue).
    const auto passed = std::upper_bound(upcoming.cbegin(), upcoming.cend(), later);
    return overdue + (passed - upcoming.cbegin());
}

} // namespace calloutdesk
