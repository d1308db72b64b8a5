#pragma once

#include <QJsonObject>
#include <QString>

namespace calloutdesk {

// One row of the notification outbox (SPEC N3) as a channel gets it to deliver: one
// message to one address, queued in the transaction of a done callout.
struct NotificationMessage
{
    qint64 id = 0;
    qint64 labId = 0;
    qint64 billId = 0;
    qint64 activityLogId = 0;
    QString channel;       // "email", "fax", "sms", "whatsapp" (CommunicationMethodInfo::key)
    QString recipientKind; // "patient", "referral", "organization", "other"
    QString address;       // email address, fax number or phone number
    QJsonObject payload;   // bill_id, lab_bill_id, lab_report_ids, recipient_name
    int attempts = 0;      // failed attempts so far
};

} // namespace calloutdesk
