#include "CalloutClock.h"

#include "DeskTime.h"

namespace calloutdesk {

QDateTime CalloutClock::warningAt(const QDateTime &resultOn) const
{
    return resultOn.addSecs(qint64(m_warningMinutes) * 60);
}

QDateTime CalloutClock::deadline(const QDateTime &resultOn) const
{
    return resultOn.addSecs(qint64(m_targetMinutes) * 60);
}

CalloutClock::Urgency CalloutClock::urgencyAt(const QDateTime &resultOn, const QDateTime &now) const
{
    if (now >= deadline(resultOn))
        return Urgency::Overdue;
    if (now >= warningAt(resultOn))
        return Urgency::Warning;
    return Urgency::Normal;
}

qint64 CalloutClock::secondsLeft(const QDateTime &resultOn, const QDateTime &now) const
{
    return now.secsTo(deadline(resultOn));
}

QString CalloutClock::text(const QDateTime &resultOn, const QDateTime &now) const
{
    const qint64 left = secondsLeft(resultOn, now);
    if (left <= 0)
        return tr("Overdue %1").arg(DeskTime::waited(-left));
    // Rounded up: "1 min left" in the last minute, never "0 min left".
    return tr("%1 left").arg(DeskTime::waited((left + 59) / 60 * 60));
}

} // namespace calloutdesk
