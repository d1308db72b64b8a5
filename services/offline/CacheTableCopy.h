#pragma once

#include "services/Failure.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace calloutdesk {

class DatabaseConnection;

// Copies the rows of one table that a read on the server selects into the same table of
// the offline cache (SPEC O1). The columns are the cache's (the SQLite engine's schema),
// each read in the form that engine stores: timestamps as ISO-8601 UTC text, dates as
// YYYY-MM-DD, JSON as text. The server's row security decides which rows the read returns.
class CacheTableCopy
{
public:
    enum class Existing
    {
        Absent,  // the rows are new to the cache: plain inserts
        Replaced // a row with the same key is updated in place
    };

    CacheTableCopy(DatabaseConnection &server, DatabaseConnection &cache, const QString &table);

    // A column read by this expression over the table's alias t instead of as it is.
    CacheTableCopy &readColumnAs(const QString &column, const QString &expression);

    // The rows of the table (alias t) that `where` selects; the number copied.
    Result<qint64> copy(const QString &where, const QVariantList &values, Existing existing);

private:
    Status loadColumns();
    QString serverExpression(const QString &column) const;
    QString conflictClause() const;

    DatabaseConnection &m_server;
    DatabaseConnection &m_cache;
    QString m_table;
    QStringList m_columns;
    QStringList m_keyColumns;
    QStringList m_referencedColumns; // named by other tables' foreign keys
    QHash<QString, QString> m_serverTypes;
    QHash<QString, QString> m_expressions;
};

} // namespace calloutdesk
