#include "OfflineCacheFiller.h"

#include "CacheSyncState.h"
#include "CachedOrders.h"
#include "ServerSnapshot.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

OfflineCacheFiller::OfflineCacheFiller(DatabaseConnection &server, DatabaseConnection &cache,
                                       qsizetype ordersPerStep)
    : m_server(server)
    , m_cache(cache)
    , m_orders(server, cache)
    , m_ordersPerStep(std::max<qsizetype>(1, ordersPerStep))
{ }

Result<OfflineCacheFiller::Summary> OfflineCacheFiller::fill()
{
    for (;;) {
        const auto stepped = step();
        if (!stepped)
            return stepped.failure();
        if (stepped.value())
            return *m_summary;
    }
}

Result<bool> OfflineCacheFiller::step()
{
    if (m_summary)
        return true;
    ServerSnapshot snapshot(m_server);
    if (const Status begun = snapshot.begin(); !begun)
        return begun.failure();
    if (!m_start) {
        const auto bills = m_orders.inWindow(snapshot.windowDays());
        if (!bills)
            return bills.failure();
        // The feed rows this read already holds the changes of, though the next read of
        // the feed sees them again (their transactions were not below the watermark).
        const auto feed = snapshot.feedFrom(snapshot.xmin());
        if (!feed)
            return feed.failure();
        Start start{bills.value(), {}, snapshot.xmin(), snapshot.now(), snapshot.windowDays()};
        for (const ServerSnapshot::FeedRow &row : feed.value())
            start.seenFeedRows << row.id;
        m_start = std::move(start);
        m_copied = 0;
    }
    const QList<qint64> bills = m_start->bills.mid(m_copied, m_ordersPerStep);
    const bool last = m_copied + bills.size() >= m_start->bills.size();

    WriteTransaction transaction(m_cache);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    // Each step may name a test, a doctor or an organisation new since the one before.
    if (const Status reference = m_orders.copyReference(); !reference)
        return reference.failure();
    if (const Status removed = m_orders.remove(bills); !removed)
        return removed.failure();
    if (const Status copied = m_orders.copy(bills); !copied)
        return copied.failure();
    if (last) {
        if (const Status finished = finish(); !finished)
            return finished.failure();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    m_copied += bills.size();
    if (last)
        m_summary = Summary{m_start->bills.size(), m_start->dataAsOf};
    return last;
}

// In the last step's transaction: the orders of an earlier fill that are no longer in the
// window leave, and the watermark of the first step's read is recorded.
Status OfflineCacheFiller::finish()
{
    auto held = m_cache.run(QCoreApplication::translate("OfflineCacheFiller",
                                                        "Reading the orders of the offline cache"),
                            u"SELECT id FROM bill"_s);
    if (!held)
        return held.failure();
    const QSet<qint64> wanted(m_start->bills.cbegin(), m_start->bills.cend());
    QList<qint64> gone;
    while (held.value().next()) {
        if (const qint64 bill = held.value().value(0).toLongLong(); !wanted.contains(bill))
            gone << bill;
    }
    if (const Status removed = m_orders.remove(gone); !removed)
        return removed.failure();
    CacheSyncState state;
    state.watermark = m_start->watermark;
    state.dataAsOf = m_start->dataAsOf;
    state.filledOn = m_start->dataAsOf;
    state.windowDays = m_start->windowDays;
    if (const Status written = state.write(m_cache); !written)
        return written.failure();
    return CacheSyncState::replaceSeenFeedRows(m_cache, m_start->seenFeedRows);
}

} // namespace calloutdesk
