#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace calloutdesk {

// The one way the program shows time (SPEC U12). On screen: local time with the date,
// to the minute, "2026-12-01 14:39" (the same in every locale, so a screenshot or a
// phone call between two labs never mixes day and month). How long something has
// waited: "45 min", "3 h 05 min", "2 d 04 h". In exports and other files read by
// programs: ISO 8601 with the offset, "2026-12-01T14:39:23+01:00", so a reader in
// another time zone, or after a change of daylight-saving time, gets the same instant.
class DeskTime
{
    Q_DECLARE_TR_FUNCTIONS(DeskTime)

public:
    static QString shown(const QDateTime &when);
    static QString waited(qint64 seconds);
    static QString exported(const QDateTime &when);
};

} // namespace calloutdesk
