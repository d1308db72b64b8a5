#pragma once

#include "services/Failure.h"

#include <QDateTime>
#include <QSet>
#include <QString>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// How far an offline cache has followed its server (cache migration 0002): the change
// feed's watermark, when the data was read ("data as of", what the offline banner shows),
// when it was last filled whole, and the window it was filled with.
class CacheSyncState
{
public:
    QString watermark;  // the server's snapshot xmin of the last read, as text
    QString dataAsOf;   // the server's clock at that read, ISO-8601 UTC
    QString filledOn;   // the same, at the last whole fill
    int windowDays = 0;

    QDateTime dataAsOfTime() const;

    // The cache's state; nothing before its first fill.
    static Result<std::optional<CacheSyncState>> read(DatabaseConnection &cache);
    // Within the caller's write transaction on the cache.
    Status write(DatabaseConnection &cache) const;

    // The feed rows already applied whose transactions are not below the watermark.
    static Result<QSet<qint64>> seenFeedRows(DatabaseConnection &cache);
    static Status replaceSeenFeedRows(DatabaseConnection &cache, const QList<qint64> &feedRows);
};

} // namespace calloutdesk
