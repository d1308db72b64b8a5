#pragma once

#include <QList>
#include <QString>
#include <QVariant>

namespace calloutdesk {

// Everything one callout writes (SPEC C3–C5, L1–L2, E3, N3), as data. The engine decides
// it; CalloutWriter turns it into SQL for the engine's database, with the database's clock
// for every timestamp.
struct CalloutWritePlan
{
    struct AuditRow
    {
        QVariant labReportId; // null for an attempt's bill-level row
        bool isDraft = false;
        int status = 0;
        QString comment;
        QString calloutMeta; // JSON
        QString valuesMeta;  // JSON
        QVariant performedByUserId;
        QVariant performedByDoctorId;
    };
    struct StatusChange
    {
        qint64 reportId = 0;
        int status = 0;
    };
    struct Notification
    {
        QString channel;
        QString recipientKind;
        QString address;
        QString payload; // JSON
    };

    qint64 labId = 0;
    qint64 billId = 0;
    QList<AuditRow> auditRows;
    QList<StatusChange> statusChanges;
    // The activity log row.
    qint64 activityReportId = 0;
    QString userName;
    qint64 userId = 0;
    QString sessionToken;
    QString activityText;
    QString dumpedJson;
    QList<Notification> notifications;
};

} // namespace calloutdesk
