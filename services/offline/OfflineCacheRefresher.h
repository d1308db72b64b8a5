#pragma once

#include "CachedOrders.h"
#include "services/Failure.h"

#include <QString>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// Brings a filled offline cache up to date (SPEC O1): reads the change feed past the
// cache's watermark, reads the orders it names again as the person, and replaces them in
// the cache in one transaction: an order the person no longer sees, or that left the
// window, leaves the cache. Never copies everything again, except when the cache was never
// filled, the lab changed its window, or the cache fell further behind than the server
// keeps its feed (then it is filled anew). Once an hour it also drops the orders that
// time took out of the window. Synchronous: run it on a worker lane.
class OfflineCacheRefresher
{
public:
    struct Summary
    {
        qsizetype changedOrders = 0; // orders the feed named, replaced or removed
        qsizetype agedOutOrders = 0; // orders that left the window with time
        qsizetype keptOrders = 0;    // of those, the ones the cache holds again
        bool filledAnew = false;
        bool wrote = false;
        QString checkedAt; // the server's clock at the read
    };

    OfflineCacheRefresher(DatabaseConnection &server, DatabaseConnection &cache);

    Result<Summary> refresh();
    // The same, except that when the cache is to be filled anew it says so (nothing) and
    // leaves the fill to the caller, which may go a step at a time (OfflineCacheFiller).
    Result<std::optional<Summary>> refreshUnlessFillDue();

    // Feed rows past the server's retention are removed, a batch at a time, by whichever
    // desk comes by; at most once an hour per refresher.
    Result<int> pruneFeedIfDue();

private:
    Result<Summary> fillAnew();

    DatabaseConnection &m_server;
    DatabaseConnection &m_cache;
    CachedOrders m_orders;
    qint64 m_nextPrune = 0;       // msecs since epoch
    qint64 m_nextAgeCheck = 0;    // the same
};

} // namespace calloutdesk
