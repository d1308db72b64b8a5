#pragma once

#include "CachedOrders.h"
#include "services/Failure.h"

#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// The first fill of a person's offline cache (SPEC O1): with a server connection signed
// in as the person (row security on) and the cache from OfflineCache::open, copies what
// the person may see of the lab's window and records the change feed's watermark for the
// refreshes after it. A fill replaces whatever orders the cache held.
//
// It goes a step at a time, so the lane it shares with callouts and sign-offs runs them
// between steps: each step copies some orders in a read snapshot and a cache transaction
// of its own. The first step's read decides the orders and the watermark (its xmin); a
// later read sees everything the first one saw, and whatever it sees beyond was written by
// a transaction at or above the watermark, which the first refresh reads from the feed
// again (migration 0015). Until the last step the cache keeps its sync state as it was, so
// a cache whose first fill has not ended is never taken for filled.
class OfflineCacheFiller
{
public:
    struct Summary
    {
        qsizetype orders = 0;
        QString dataAsOf;
    };
    // About a tenth of a second of the lane's time per step on a lab's server.
    static constexpr qsizetype defaultOrdersPerStep = 500;

    OfflineCacheFiller(DatabaseConnection &server, DatabaseConnection &cache,
                       qsizetype ordersPerStep = defaultOrdersPerStep);

    // Every step at once, for a caller that may hold its connections that long.
    Result<Summary> fill();
    // The next step; true once the fill is done. After a failed step, start again with a
    // new filler: this one's record of what the cache holds may be wrong.
    Result<bool> step();
    // What the fill did, once done.
    std::optional<Summary> summary() const { return m_summary; }

private:
    struct Start
    {
        QList<qint64> bills;
        QList<qint64> seenFeedRows;
        QString watermark;
        QString dataAsOf;
        int windowDays = 0;
    };
    Status finish();

    DatabaseConnection &m_server;
    DatabaseConnection &m_cache;
    CachedOrders m_orders; // kept: it reads each table's columns once
    qsizetype m_ordersPerStep;
    std::optional<Start> m_start;
    qsizetype m_copied = 0; // orders of m_start->bills done
    std::optional<Summary> m_summary;
};

} // namespace calloutdesk
