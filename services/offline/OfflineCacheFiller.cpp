#include "OfflineCacheFiller.h"

#include "CacheSyncState.h"
#include "CachedOrders.h"
#include "ServerSnapshot.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/WriteTransaction.h"

namespace calloutdesk {

OfflineCacheFiller::OfflineCacheFiller(DatabaseConnection &server, DatabaseConnection &cache)
    : m_server(server)
    , m_cache(cache)
{ }

Result<OfflineCacheFiller::Summary> OfflineCacheFiller::fill()
{
    ServerSnapshot snapshot(m_server);
    if (const Status begun = snapshot.begin(); !begun)
        return begun.failure();
    CachedOrders orders(m_server, m_cache);
    const auto bills = orders.inWindow(snapshot.windowDays());
    if (!bills)
        return bills.failure();

    WriteTransaction transaction(m_cache);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    if (const Status emptied = orders.removeAll(); !emptied)
        return emptied.failure();
    if (const Status reference = orders.copyReference(); !reference)
        return reference.failure();
    if (const Status copied = orders.copy(bills.value()); !copied)
        return copied.failure();
    CacheSyncState state;
    state.watermark = snapshot.xmin();
    state.dataAsOf = snapshot.now();
    state.filledOn = snapshot.now();
    state.windowDays = snapshot.windowDays();
    if (const Status written = state.write(m_cache); !written)
        return written.failure();
    // The feed rows this read already holds the changes of, though the next read sees
    // them again (their transactions were not below the watermark).
    const auto feed = snapshot.feedFrom(snapshot.xmin());
    if (!feed)
        return feed.failure();
    QList<qint64> seen;
    for (const ServerSnapshot::FeedRow &row : feed.value())
        seen << row.id;
    if (const Status recorded = CacheSyncState::replaceSeenFeedRows(m_cache, seen); !recorded)
        return recorded.failure();
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return Summary{bills.value().size(), snapshot.now()};
}

} // namespace calloutdesk
