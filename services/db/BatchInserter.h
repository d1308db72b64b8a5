#pragma once

#include "services/Failure.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace calloutdesk {

// Collects rows for one table and writes them in bulk within the caller's transaction,
// the fastest way each engine offers through QtSql: on PostgreSQL one INSERT … SELECT
// FROM unnest() per few thousand rows, each column sent as one array (the server parses
// a handful of values instead of thousands of literals); on SQLite one prepared
// single-row INSERT re-executed, which is SQLite's own fast path.
class BatchInserter
{
public:
    BatchInserter(QSqlDatabase db, const QString &table, const QStringList &columns);

    // A conflict clause for every row ("ON CONFLICT (id) DO UPDATE SET …"), for a copy that
    // replaces rows already there.
    void setOnConflict(const QString &clause) { m_onConflict = clause; }
    void add(const QVariantList &row);
    qsizetype pendingRows() const { return m_pending.size() / m_columns.size(); }
    Status flush();
    qint64 rowsWritten() const { return m_rowsWritten; }
    QString table() const { return m_table; }

private:
    Status flushPostgres();
    Status flushSqlite();
    Status loadPostgresColumnTypes();
    static QString postgresArray(const QVariantList &pending, qsizetype column, qsizetype width,
                                 qsizetype firstRow, qsizetype rowCount);

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    QStringList m_postgresTypes;
    QString m_onConflict;
    QVariantList m_pending;
    qint64 m_rowsWritten = 0;
};

} // namespace calloutdesk
