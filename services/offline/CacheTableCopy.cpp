#include "CacheTableCopy.h"

#include "services/db/BatchInserter.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>

#include <map>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

constexpr qsizetype rowsPerFlush = 5000;

QString tr(const char *text)
{
    return QCoreApplication::translate("CacheTableCopy", text);
}

} // namespace

CacheTableCopy::CacheTableCopy(DatabaseConnection &server, DatabaseConnection &cache,
                               const QString &table)
    : m_server(server)
    , m_cache(cache)
    , m_table(table)
{ }

CacheTableCopy &CacheTableCopy::readColumnAs(const QString &column, const QString &expression)
{
    m_expressions.insert(column, expression);
    return *this;
}

Status CacheTableCopy::loadColumns()
{
    auto cacheColumns = m_cache.run(tr("Reading the columns of %1 in the offline cache").arg(m_table),
                                    u"SELECT name, pk FROM pragma_table_info(?) ORDER BY cid"_s,
                                    {m_table});
    if (!cacheColumns)
        return cacheColumns.failure();
    std::map<int, QString> keys;
    while (cacheColumns.value().next()) {
        const QString name = cacheColumns.value().value(0).toString();
        m_columns << name;
        if (const int position = cacheColumns.value().value(1).toInt(); position > 0)
            keys.emplace(position, name);
    }
    for (const auto &[position, name] : keys)
        m_keyColumns << name;
    auto referenced = m_cache.run(
        tr("Reading which columns of %1 other rows name in the offline cache").arg(m_table),
        u"SELECT DISTINCT f.\"to\" FROM sqlite_master m, pragma_foreign_key_list(m.name) AS f "
        "WHERE m.type = 'table' AND f.\"table\" = ? AND f.\"to\" IS NOT NULL"_s,
        {m_table});
    if (!referenced)
        return referenced.failure();
    while (referenced.value().next())
        m_referencedColumns << referenced.value().value(0).toString();

    auto serverColumns = m_server.run(
        tr("Reading the columns of %1 on the server").arg(m_table),
        u"SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped"_s,
        {m_table});
    if (!serverColumns)
        return serverColumns.failure();
    while (serverColumns.value().next())
        m_serverTypes.insert(serverColumns.value().value(0).toString(),
                             serverColumns.value().value(1).toString());
    for (const QString &column : std::as_const(m_columns)) {
        if (!m_serverTypes.contains(column)) {
            return Failure::internal(
                tr("The server's table %1 has no column %2, which the offline cache has: the "
                   "server's schema is older than this program's.")
                    .arg(m_table, column));
        }
    }
    return Done{};
}

QString CacheTableCopy::serverExpression(const QString &column) const
{
    if (const auto given = m_expressions.constFind(column); given != m_expressions.cend())
        return given.value();
    const QString type = m_serverTypes.value(column);
    const QString named = u"t."_s + column;
    if (type == u"timestamp with time zone"_s)
        return u"to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"_s.arg(named);
    if (type == u"date"_s)
        return u"to_char(%1, 'YYYY-MM-DD')"_s.arg(named);
    if (type == u"jsonb"_s || type == u"json"_s)
        return u"CAST(%1 AS text)"_s.arg(named);
    return named;
}

QString CacheTableCopy::conflictClause() const
{
    // Only what changed, and never a column other tables' rows point at (a test's lab and
    // id, which reports name together): SQLite checks the referencing rows whenever one is
    // set, even to the value it had.
    QStringList updates;
    QStringList current;
    QStringList incoming;
    for (const QString &column : std::as_const(m_columns)) {
        if (m_keyColumns.contains(column) || m_referencedColumns.contains(column))
            continue;
        updates << u"%1 = excluded.%1"_s.arg(column);
        current << column;
        incoming << u"excluded."_s + column;
    }
    if (updates.isEmpty())
        return u"ON CONFLICT DO NOTHING"_s;
    return u"ON CONFLICT (%1) DO UPDATE SET %2 WHERE (%3) IS NOT (%4)"_s.arg(
        m_keyColumns.join(u", "_s), updates.join(u", "_s), current.join(u", "_s),
        incoming.join(u", "_s));
}

Result<qint64> CacheTableCopy::copy(const QString &where, const QVariantList &values,
                                    Existing existing)
{
    if (m_columns.isEmpty()) {
        if (const Status loaded = loadColumns(); !loaded) {
            m_columns.clear(); // read again next time
            m_keyColumns.clear();
            m_referencedColumns.clear();
            return loaded.failure();
        }
    }
    QStringList expressions;
    for (const QString &column : std::as_const(m_columns))
        expressions << serverExpression(column);
    auto rows = m_server.run(tr("Reading %1 for the offline cache").arg(m_table),
                             u"SELECT %1 FROM %2 t WHERE %3"_s.arg(expressions.join(u", "_s),
                                                                   m_table, where),
                             values);
    if (!rows)
        return rows.failure();

    BatchInserter inserter(m_cache.database(), m_table, m_columns);
    if (existing == Existing::Replaced)
        inserter.setOnConflict(conflictClause());
    const qsizetype width = m_columns.size();
    QVariantList row;
    row.reserve(width);
    while (rows.value().next()) {
        row.clear();
        for (qsizetype column = 0; column < width; ++column)
            row << rows.value().value(int(column));
        inserter.add(row);
        if (inserter.pendingRows() >= rowsPerFlush) {
            if (const Status flushed = inserter.flush(); !flushed)
                return flushed.failure();
        }
    }
    if (const Status flushed = inserter.flush(); !flushed)
        return flushed.failure();
    return inserter.rowsWritten();
}

} // namespace calloutdesk
