#pragma once

#include <QDateTime>
#include <QList>

#include <optional>

namespace calloutdesk {

// How many reports of a tab are past the callout target (SPEC T2), as the worklist source
// counted them at one cutoff (the desk's now minus the target: a report whose result is at
// or before the cutoff is overdue), with the result times of the next reports to pass it.
// The desk counts those as their deadlines pass, so the tab badge keeps up with the clock
// without asking the server again until the times it brought run out.
struct OverdueTally
{
    // How many result times a source brings after the cutoff: a few hundred minutes of a
    // busy lab's results, small beside a page.
    static constexpr int upcomingLimit = 200;

    QDateTime cutoff; // invalid: not counted
    qint64 overdue = 0;
    QList<QDateTime> upcoming;    // results after the cutoff, earliest first, duplicates kept
    bool upcomingComplete = true; // false: cut at upcomingLimit, later results not brought

    bool isCounted() const { return cutoff.isValid(); }
    // The count at a later cutoff; once the times brought ran out (runsOutBy), a floor
    // until the server counts again.
    qint64 at(const QDateTime &later) const;
    // Whether the count at this cutoff needs the server: the times brought ran out. At the
    // last time itself already: a list cut by rows may hold only some reports of that time.
    bool runsOutBy(const QDateTime &later) const
    {
        return isCounted() && !upcomingComplete && !upcoming.isEmpty() && later >= upcoming.last();
    }
};

} // namespace calloutdesk
