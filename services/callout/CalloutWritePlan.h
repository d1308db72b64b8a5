#pragma once

#include <QDateTime>
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
        // SPEC U9: an attempt's outcome key, whom it tried and the party's key; null
        // otherwise.
        QVariant attemptOutcome;
        QVariant attemptTarget;
        QVariant attemptParty;
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
    // The selected reports and the status they move to (SPEC C2). Every other Attempted
    // report of the order returns to Pending, whoever can see it (C11): the order's one
    // draft, which named them, is replaced.
    QList<qint64> selectedReportIds;
    int targetStatus = 0;
    bool isAttempt = false;
    // The activity log row; it names every selected report (C8).
    qint64 activityReportId = 0;
    QString userName;
    QVariant labUserId; // exactly one of these two is set (C12)
    QVariant doctorId;
    QString sessionToken;
    QString activityText;
    QString dumpedJson;
    // C9: the submission's id and what it changed, kept so that the same id again can
    // answer with this outcome. The writer adds what only the write knows (audit row ids,
    // whether a draft was replaced).
    QString requestId;
    QString requestOutcome; // JSON object
    // SPEC O3: when a callout recorded offline was made; invalid for one made now. Every
    // other time is the database's clock.
    QDateTime madeAt;
    QList<Notification> notifications;
};

} // namespace calloutdesk
