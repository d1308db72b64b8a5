#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace calloutdesk {

// One line of a report's callout history (SPEC R4): an activity-log entry of category 648.
struct HistoryEntry
{
    qint64 id = 0;
    QJsonObject meta; // the parsed dumped_json (L2)
    QString labUserName;
    QString activityText;
    QDateTime activityDate;

    bool isAttempt() const { return meta.value(QStringLiteral("is_draft")).toBool(); }
};

} // namespace calloutdesk
