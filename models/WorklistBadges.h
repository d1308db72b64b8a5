#pragma once

#include "CalloutClock.h"
#include "CriticalStatus.h"
#include "OverdueTally.h"
#include "WorklistPage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace calloutdesk {

// The worklist tabs' badges (SPEC U1, T2): how many reports each tab holds and, for
// Pending and Attempted, how many of them are past the lab's callout target: "Pending 49 ·
// 7 overdue". The overdue counts follow the clock between loads from the tallies the
// last page brought (OverdueTally), so the badge ticks without asking the server.
class WorklistBadges
{
    Q_DECLARE_TR_FUNCTIONS(WorklistBadges)

public:
    void setClock(const CalloutClock &clock) { m_clock = clock; }
    void setCounts(const WorklistCounts &counts) { m_counts = counts; }
    void setOverdue(const OverdueTally &pending, const OverdueTally &attempted);
    // The clock moved on. True once per tally when the result times it brought ran out
    // before now: then the counts need the server again.
    bool tick(const QDateTime &now);

    WorklistCounts counts() const { return m_counts; }
    // Overdue reports of the tab now; none for Done or before a page counted them.
    std::optional<qint64> overdue(CriticalStatus tab) const;
    QString text(CriticalStatus tab) const;

private:
    CalloutClock m_clock;
    WorklistCounts m_counts;
    OverdueTally m_pending;
    OverdueTally m_attempted;
    QDateTime m_now;
    bool m_recountAsked = false;
};

} // namespace calloutdesk
