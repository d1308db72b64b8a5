#pragma once

#include "CriticalStatus.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantList>

namespace calloutdesk {

// One report of the worklist.
struct WorklistRow
{
    qint64 reportId = 0;
    qint64 billId = 0;
    QString labBillId;
    QString patientName;
    QString testName;
    qint64 departmentId = 0;
    QString departmentName;
    CriticalStatus status = CriticalStatus::CalloutPending;
    QDateTime resultOn;
    QDateTime lastUpdated;
    QVariantList cursor; // pass as WorklistQuery::after for the next page
};

// A page of the worklist with the total of its tab and the three tab counts, all under
// the same filters.
struct WorklistPage
{
    QList<WorklistRow> rows;
    qint64 total = 0;
    qint64 pending = 0;
    qint64 attempted = 0;
    qint64 done = 0;
    bool hasMore = false;
};

} // namespace calloutdesk
