#pragma once

#include "CriticalStatus.h"
#include "OverdueTally.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QVariantList>

#include <optional>

namespace calloutdesk {

// One page request of the worklist (SPEC U1, E1): a tab, the filters, the sort and where
// the previous page ended. Both worklist sources answer it the same way.
struct WorklistQuery
{
    // Saved by number (WorklistViewState): new columns go at the end. Waiting is the
    // result time the other way round: the longest wait first when descending.
    enum class SortColumn { ResultOn, LastUpdated, OrderNumber, Patient, Test, Department, Waiting };

    CriticalStatus tab = CriticalStatus::CalloutPending;
    QDate from; // on the result date, inclusive; null for no bound
    QDate to;   // inclusive
    std::optional<qint64> departmentId;
    // Case-insensitive: an order number starting with it or, from three characters on,
    // holding it ("253" finds RCL-0000253), or a word of the patient's name starting with it.
    QString text;
    SortColumn sort = SortColumn::ResultOn;
    bool descending = true;
    int pageSize = 50;
    // The sort key of the last row of the previous page (WorklistRow::cursor); empty for
    // the first page.
    QVariantList after;
    // Also count the tabs without the filters (WorklistPage::unfiltered). A query without
    // filters has them for free.
    bool withUnfilteredCounts = false;
    // Count the overdue reports of Pending and Attempted (WorklistPage::pendingOverdue):
    // those whose result is at or before this instant, the desk's now minus the lab's
    // callout target (SPEC T2). Invalid: not counted. The desk's clock, not the server's,
    // so the badge agrees with the clock the rows show.
    QDateTime overdueCutoff;
    // How many result times after the cutoff to bring (OverdueTally::upcoming).
    int upcomingLimit = OverdueTally::upcomingLimit;
    // Only the counts, no rows: the badge's recount when its upcoming times ran out.
    bool countsOnly = false;

    static constexpr int minimumInfixLength = 3;

    bool isFiltered() const
    {
        return from.isValid() || to.isValid() || departmentId || !text.trimmed().isEmpty();
    }
    WorklistQuery unfilteredCopy() const
    {
        WorklistQuery copy = *this;
        copy.from = copy.to = QDate();
        copy.departmentId.reset();
        copy.text.clear();
        copy.overdueCutoff = QDateTime(); // the filter bar's counts have no clock
        return copy;
    }
    // The sort as the sources run it: Waiting is ResultOn reversed.
    WorklistQuery resolvedSort() const
    {
        WorklistQuery copy = *this;
        if (copy.sort == SortColumn::Waiting) {
            copy.sort = SortColumn::ResultOn;
            copy.descending = !copy.descending;
        }
        return copy;
    }
};

} // namespace calloutdesk
