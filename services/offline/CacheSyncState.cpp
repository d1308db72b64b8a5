#include "CacheSyncState.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CacheSyncState", text);
}

} // namespace

QDateTime CacheSyncState::dataAsOfTime() const
{
    return QDateTime::fromString(dataAsOf, Qt::ISODateWithMs);
}

Result<std::optional<CacheSyncState>> CacheSyncState::read(DatabaseConnection &cache)
{
    auto row = cache.run(tr("Reading how far the offline cache has followed its server"),
                         u"SELECT watermark, data_as_of, filled_on, window_days "
                         "FROM cache_sync_state WHERE id = 1"_s);
    if (!row)
        return row.failure();
    if (!row.value().next())
        return std::optional<CacheSyncState>{};
    CacheSyncState state;
    state.watermark = row.value().value(0).toString();
    state.dataAsOf = row.value().value(1).toString();
    state.filledOn = row.value().value(2).toString();
    state.windowDays = row.value().value(3).toInt();
    return std::optional<CacheSyncState>{state};
}

Status CacheSyncState::write(DatabaseConnection &cache) const
{
    auto written = cache.run(
        tr("Recording how far the offline cache has followed its server"),
        u"INSERT INTO cache_sync_state (id, watermark, data_as_of, filled_on, window_days) "
        "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET watermark = excluded.watermark, "
        "data_as_of = excluded.data_as_of, filled_on = excluded.filled_on, "
        "window_days = excluded.window_days"_s,
        {watermark, dataAsOf, filledOn, windowDays});
    if (!written)
        return written.failure();
    return Done{};
}

Result<QSet<qint64>> CacheSyncState::seenFeedRows(DatabaseConnection &cache)
{
    auto rows = cache.run(tr("Reading the change feed rows the offline cache has applied"),
                          u"SELECT feed_id FROM cache_feed_seen"_s);
    if (!rows)
        return rows.failure();
    QSet<qint64> seen;
    while (rows.value().next())
        seen.insert(rows.value().value(0).toLongLong());
    return seen;
}

Status CacheSyncState::replaceSeenFeedRows(DatabaseConnection &cache, const QList<qint64> &feedRows)
{
    const QString what = tr("Recording the change feed rows the offline cache has applied");
    if (auto cleared = cache.run(what, u"DELETE FROM cache_feed_seen"_s); !cleared)
        return cleared.failure();
    if (feedRows.isEmpty())
        return Done{};
    const SqlDialect dialect(cache);
    auto written = cache.run(what,
                             u"INSERT INTO cache_feed_seen (feed_id) SELECT value FROM json_each(?)"_s,
                             {dialect.idList(feedRows)});
    if (!written)
        return written.failure();
    return Done{};
}

} // namespace calloutdesk
