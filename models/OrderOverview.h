#pragma once

#include "BillParties.h"
#include "CriticalStatus.h"
#include "NotificationDelivery.h"
#include "NotificationSettings.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace calloutdesk {

// An order as its overview shows it: the parties, every report the session may see with
// all its values (critical ones marked), and what the sign and approve gates (SPEC U4)
// need to decide: the lab's settings and whether a report already has callout history.
struct OrderOverview
{
    struct Value
    {
        QString parameterName;
        QString value;
        QString unit;
        QString referenceRange;
        bool critical = false;
    };

    struct Report
    {
        qint64 reportId = 0;
        qint64 testId = 0;
        QString testName;
        qint64 departmentId = 0;
        QString departmentName;
        CriticalStatus status = CriticalStatus::Normal;
        bool completed = false;
        bool isSigned = false;
        bool isApproved = false;
        bool onHold = false;
        bool inQuestion = false;
        bool notPerformed = false;
        bool sampleCollected = false;
        QString comments;
        QDateTime resultOn;
        int calloutHistoryCount = 0;
        // Done callouts naming the report; attempts are not among them (U13).
        int doneCalloutCount = 0;
        // The messages of the report's latest callout that queued any, and how each went
        // (U11: done is not delivered until they have).
        QList<NotificationDelivery> deliveries;
        QList<Value> values;
    };

    BillParties bill;
    NotificationSettings settings;
    QList<Report> reports;

    const Report *report(qint64 reportId) const
    {
        for (const Report &report : reports)
            if (report.reportId == reportId)
                return &report;
        return nullptr;
    }
};

} // namespace calloutdesk
