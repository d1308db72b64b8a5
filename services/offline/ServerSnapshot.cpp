#include "ServerSnapshot.h"

#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ServerSnapshot", text);
}

// The window when no lab row is visible (a login without a lab sees no orders either).
constexpr int defaultWindowDays = 30;

} // namespace

ServerSnapshot::ServerSnapshot(DatabaseConnection &server)
    : m_server(server)
    , m_transaction(server)
{ }

Status ServerSnapshot::begin()
{
    if (!m_server.isPostgreSql()) {
        return Failure::invalidInput(
            tr("An offline cache follows a PostgreSQL server; %1 is an SQLite database.")
                .arg(m_server.url().displayString()));
    }
    if (const Status begun = m_transaction.begin(); !begun)
        return begun;
    if (auto level = m_server.run(tr("Starting a consistent read of the server"),
                                  u"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"_s);
        !level) {
        return level.failure();
    }
    auto facts = m_server.run(
        tr("Reading the server's change feed position"),
        u"SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text), "
        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
        "(SELECT MAX(offline_window_days) FROM lab)"_s);
    if (!facts)
        return facts.failure();
    if (!facts.value().next())
        return Failure::internal(tr("The server did not say where its change feed stands."));
    m_xmin = facts.value().value(0).toString();
    m_now = facts.value().value(1).toString();
    m_windowDays = facts.value().isNull(2) ? defaultWindowDays : facts.value().value(2).toInt();
    return Done{};
}

Result<QList<ServerSnapshot::FeedRow>> ServerSnapshot::feedFrom(const QString &watermark)
{
    auto rows = m_server.run(tr("Reading the server's change feed"),
                             u"SELECT id, bill_id, xact_id >= CAST(? AS xid8) "
                             "FROM cache_feed WHERE xact_id >= CAST(? AS xid8)"_s,
                             {m_xmin, watermark});
    if (!rows)
        return rows.failure();
    QList<FeedRow> feed;
    while (rows.value().next()) {
        feed.append({rows.value().value(0).toLongLong(), rows.value().value(1).toLongLong(),
                     rows.value().value(2).toBool()});
    }
    return feed;
}

} // namespace calloutdesk
