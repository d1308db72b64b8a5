#pragma once

#include <QDateTime>
#include <QString>

namespace calloutdesk {

// How one message of a done callout went (SPEC N3), as the callout history and
// `calloutctl notify --status` show it.
struct NotificationDelivery
{
    qint64 id = 0;
    qint64 activityLogId = 0;
    QString channel;       // email, fax, sms, whatsapp
    QString recipientKind; // patient, referral, organization, other
    QString address;
    QString state; // pending, sending, sent, failed
    int attempts = 0; // failed attempts so far
    QString lastError;
    QDateTime nextAttemptAt;
    QDateTime sentOn;
};

} // namespace calloutdesk
