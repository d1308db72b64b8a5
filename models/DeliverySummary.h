#pragma once

#include "NotificationDelivery.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace calloutdesk {

// Whether the messages of a done callout have gone (SPEC U11): done is not delivered. A
// callout whose messages all went, or that queued none, needs no word; otherwise the
// word says which wait and which failed, with the reason: "Fax waiting to be sent",
// "Email failed: 550 no such user".
class DeliverySummary
{
    Q_DECLARE_TR_FUNCTIONS(DeliverySummary)

public:
    explicit DeliverySummary(QList<NotificationDelivery> deliveries);

    bool hasFailed() const;
    bool isWaiting() const;
    bool needsAttention() const { return hasFailed() || isWaiting(); }
    // Empty when every message went (or there were none).
    QString text() const;

private:
    QList<NotificationDelivery> m_deliveries;
};

} // namespace calloutdesk
