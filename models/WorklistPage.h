#pragma once

#include "CriticalParameter.h"
#include "CriticalStatus.h"
#include "OverdueTally.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace calloutdesk {

// One report of the worklist.
struct WorklistRow
{
    qint64 reportId = 0;
    qint64 billId = 0;
    QString labBillId;
    QString patientName;
    qint64 patientId = 0;     // the patient's record number
    QDate patientDateOfBirth; // null when unknown
    QString testName;
    qint64 departmentId = 0;
    QString departmentName;
    CriticalStatus status = CriticalStatus::CalloutPending;
    QDateTime resultOn;
    QDateTime lastUpdated;
    // The report's values beyond the critical bounds that apply to the patient (SPEC U7).
    QList<CriticalParameter> criticalParameters;
    // The channels ("fax", "email", …) of the order's messages still waiting to be sent,
    // and of those that failed (SPEC U11); read on the Done tab only.
    QStringList waitingChannels;
    QStringList failedChannels;
    QVariantList cursor; // pass as WorklistQuery::after for the next page
};

// How many reports each tab holds.
struct WorklistCounts
{
    qint64 pending = 0;
    qint64 attempted = 0;
    qint64 done = 0;

    qint64 of(CriticalStatus tab) const
    {
        return tab == CriticalStatus::CalloutPending ? pending
            : tab == CriticalStatus::CalloutDone     ? done
                                                     : attempted;
    }
    friend bool operator==(const WorklistCounts &, const WorklistCounts &) = default;
};

// A page of the worklist with the total of its tab and the three tab counts, all under
// the same filters; and, when the query asked or cost nothing more, the counts without
// the filters (SPEC U7: a filter never hides pending work silently).
struct WorklistPage
{
    QList<WorklistRow> rows;
    qint64 total = 0;
    qint64 pending = 0;
    qint64 attempted = 0;
    qint64 done = 0;
    std::optional<WorklistCounts> unfiltered;
    // The overdue reports of the Pending and Attempted tabs under the same filters, when the
    // query gave a cutoff (WorklistQuery::overdueCutoff); Done waits for nothing.
    OverdueTally pendingOverdue;
    OverdueTally attemptedOverdue;
    bool hasMore = false;

    WorklistCounts counts() const { return {pending, attempted, done}; }
};

} // namespace calloutdesk
