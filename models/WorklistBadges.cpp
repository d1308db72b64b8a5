#include "WorklistBadges.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

void WorklistBadges::setOverdue(const OverdueTally &pending, const OverdueTally &attempted)
{
    m_pending = pending;
    m_attempted = attempted;
    m_recountAsked = false;
}

bool WorklistBadges::tick(const QDateTime &now)
{
    m_now = now;
    const QDateTime cutoff = now.addSecs(-qint64(m_clock.targetMinutes()) * 60);
    if (m_recountAsked || !(m_pending.runsOutBy(cutoff) || m_attempted.runsOutBy(cutoff)))
        return false;
    m_recountAsked = true;
    return true;
}

std::optional<qint64> WorklistBadges::overdue(CriticalStatus tab) const
{
    const OverdueTally &tally = tab == CriticalStatus::CalloutPending ? m_pending : m_attempted;
    if (tab == CriticalStatus::CalloutDone || !tally.isCounted())
        return std::nullopt;
    // Never before the tally's own cutoff: a tick from before the page arrived is older.
    const QDateTime ticked = m_now.addSecs(-qint64(m_clock.targetMinutes()) * 60);
    return tally.at(m_now.isValid() && ticked > tally.cutoff ? ticked : tally.cutoff);
}

QString WorklistBadges::text(CriticalStatus tab) const
{
    const QString label = tr("%1 %L2").arg(CriticalStatusInfo::label(tab)).arg(m_counts.of(tab));
    const std::optional<qint64> late = overdue(tab);
    if (!late || *late == 0)
        return label;
    return tr("%1 · %L2 overdue").arg(label).arg(*late);
}

} // namespace calloutdesk
