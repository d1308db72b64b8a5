#pragma once

#include "NotificationDelivery.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace calloutdesk {

// One line of a report's callout history (SPEC R4): an activity-log entry of category 648.
struct HistoryEntry
{
    qint64 id = 0;
    QJsonObject meta; // the parsed dumped_json (L2)
    QString labUserName;
    QString activityText;
    QDateTime activityDate; // when the server received it
    // SPEC O3: when it was made, for a callout recorded on a desk that was offline;
    // invalid for one made online.
    QDateTime madeAt;
    // The messages a done callout queued and how each went (SPEC N3).
    QList<NotificationDelivery> deliveries;

    bool isAttempt() const { return meta.value(QStringLiteral("is_draft")).toBool(); }
};

} // namespace calloutdesk
