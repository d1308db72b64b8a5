#pragma once

#include "WorklistQuery.h"

#include <QDate>
#include <QString>

#include <optional>

class QSettings;

namespace calloutdesk {

// What the user set up on the worklist (SPEC U1): the tab, the filters and the sort. It
// outlives an order's overview, so a technician working through orders never has to set
// it up again; all but the search text also outlive a restart (SPEC U7).
struct WorklistViewState
{
    int tabIndex = 0;
    QDate from;
    QDate to;
    std::optional<qint64> departmentId;
    QString text;
    // The sort the user chose by a header, for every tab. Until they choose one, Pending
    // sorts by urgency (the clock's order, SPEC T2) and the other tabs newest first.
    WorklistQuery::SortColumn sort = WorklistQuery::SortColumn::ResultOn;
    bool descending = true;
    bool sortChosen = false;

    WorklistQuery queryFor(CriticalStatus tab) const;

    // Under "worklist/" of the given settings; a value that cannot be read is left at its
    // default rather than trusted.
    static WorklistViewState load(const QSettings &settings);
    void save(QSettings &settings) const;

    friend bool operator==(const WorklistViewState &, const WorklistViewState &) = default;
};

} // namespace calloutdesk
