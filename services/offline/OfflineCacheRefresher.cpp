#include "OfflineCacheRefresher.h"

#include "CacheSyncState.h"
#include "CachedOrders.h"
#include "OfflineCacheFiller.h"
#include "ServerSnapshot.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OfflineCacheRefresher", text);
}

// With no change, "data as of" is written again only this often, so a quiet lab's cache
// neither writes on every refresh nor looks older than it is after a restart.
constexpr qint64 quietRewriteMs = 60 * 60 * 1000;
constexpr qint64 pruneIntervalMs = 60 * 60 * 1000;
constexpr qint64 ageCheckIntervalMs = 60 * 60 * 1000;
constexpr int pruneBatch = 5000;

} // namespace

OfflineCacheRefresher::OfflineCacheRefresher(DatabaseConnection &server, DatabaseConnection &cache)
    : m_server(server)
    , m_cache(cache)
    , m_orders(server, cache)
{ }

Result<OfflineCacheRefresher::Summary> OfflineCacheRefresher::fillAnew()
{
    auto filled = OfflineCacheFiller(m_server, m_cache).fill();
    if (!filled)
        return filled.failure();
    Summary summary;
    summary.filledAnew = true;
    summary.wrote = true;
    summary.keptOrders = filled.value().orders;
    summary.checkedAt = filled.value().dataAsOf;
    return summary;
}

Result<OfflineCacheRefresher::Summary> OfflineCacheRefresher::refresh()
{
    auto refreshed = refreshUnlessFillDue();
    if (!refreshed)
        return refreshed.failure();
    if (refreshed.value())
        return *refreshed.value();
    return fillAnew();
}

Result<std::optional<OfflineCacheRefresher::Summary>> OfflineCacheRefresher::refreshUnlessFillDue()
{
    const auto stored = CacheSyncState::read(m_cache);
    if (!stored)
        return stored.failure();
    if (!stored.value())
        return std::optional<Summary>{};
    CacheSyncState state = *stored.value();

    ServerSnapshot snapshot(m_server);
    if (const Status begun = snapshot.begin(); !begun)
        return begun.failure();
    auto behind = m_server.run(tr("Checking that the change feed reaches back to the cache"),
                               u"SELECT CAST(? AS timestamptz) < now() - cache_feed_retention()"_s,
                               {state.dataAsOf});
    if (!behind)
        return behind.failure();
    if (!behind.value().next())
        return Failure::internal(tr("The server did not say how long it keeps its change feed."));
    if (behind.value().value(0).toBool() || state.windowDays != snapshot.windowDays()) {
        snapshot.end();
        return std::optional<Summary>{};
    }

    const auto feed = snapshot.feedFrom(state.watermark);
    if (!feed)
        return feed.failure();
    const auto seen = CacheSyncState::seenFeedRows(m_cache);
    if (!seen)
        return seen.failure();
    QSet<qint64> changed;
    QList<qint64> stillAbove;
    for (const ServerSnapshot::FeedRow &row : feed.value()) {
        if (row.atOrAboveXmin)
            stillAbove << row.id;
        if (!seen.value().contains(row.id))
            changed.insert(row.billId);
    }

    Summary summary;
    summary.checkedAt = snapshot.now();
    const bool quietTooLong
        = state.dataAsOfTime().msecsTo(QDateTime::fromString(snapshot.now(), Qt::ISODateWithMs))
        >= quietRewriteMs;
    QList<qint64> agedOut;
    if (const qint64 now = QDateTime::currentMSecsSinceEpoch(); now >= m_nextAgeCheck) {
        auto aged = m_orders.agedOut(state.windowDays);
        if (!aged)
            return aged.failure();
        agedOut = aged.value();
        m_nextAgeCheck = now + ageCheckIntervalMs;
    }
    if (changed.isEmpty() && agedOut.isEmpty() && !quietTooLong)
        return std::optional<Summary>{summary};

    QList<qint64> bills(changed.cbegin(), changed.cend());
    std::sort(bills.begin(), bills.end());
    const auto kept = m_orders.inWindow(state.windowDays, bills);
    if (!kept)
        return kept.failure();

    WriteTransaction transaction(m_cache);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    if (const Status removed = m_orders.remove(agedOut); !removed)
        return removed.failure();
    if (!bills.isEmpty()) {
        // The orders may name a test, a doctor or an organisation new since the fill.
        if (const Status reference = m_orders.copyReference(); !reference)
            return reference.failure();
        if (const Status removed = m_orders.remove(bills); !removed)
            return removed.failure();
        if (const Status copied = m_orders.copy(kept.value()); !copied)
            return copied.failure();
    }
    state.watermark = snapshot.xmin();
    state.dataAsOf = snapshot.now();
    if (const Status written = state.write(m_cache); !written)
        return written.failure();
    if (const Status recorded = CacheSyncState::replaceSeenFeedRows(m_cache, stillAbove);
        !recorded) {
        return recorded.failure();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    summary.changedOrders = bills.size();
    summary.keptOrders = kept.value().size();
    summary.agedOutOrders = agedOut.size();
    summary.wrote = true;
    return std::optional<Summary>{summary};
}

Result<int> OfflineCacheRefresher::pruneFeedIfDue()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_nextPrune)
        return 0;
    auto pruned = m_server.run(tr("Pruning the server's change feed"),
                               u"SELECT prune_cache_feed(?)"_s, {pruneBatch});
    if (!pruned)
        return pruned.failure();
    m_nextPrune = now + pruneIntervalMs;
    return pruned.value().next() ? pruned.value().value(0).toInt() : 0;
}

} // namespace calloutdesk
