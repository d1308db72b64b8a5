#include "BatchInserter.h"

#include "DatabaseConnection.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

constexpr qsizetype postgresRowsPerStatement = 10000;

QString tr(const char *text)
{
    return QCoreApplication::translate("BatchInserter", text);
}

// An element of a PostgreSQL array literal: NULL bare, everything else double-quoted
// with backslash escapes, so no value can end the array early.
void appendArrayElement(QString &out, const QVariant &value)
{
    if (value.isNull()) {
        out += u"NULL"_s;
        return;
    }
    QString text;
    switch (value.typeId()) {
    case QMetaType::Bool:
        text = value.toBool() ? u"t"_s : u"f"_s;
        break;
    case QMetaType::Double:
        text = QString::number(value.toDouble(), 'g', 17);
        break;
    default:
        text = value.toString();
    }
    out += u'"';
    for (const QChar c : std::as_const(text)) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        out += c;
    }
    out += u'"';
}

} // namespace

BatchInserter::BatchInserter(QSqlDatabase db, const QString &table, const QStringList &columns)
    : m_db(std::move(db))
    , m_table(table)
    , m_columns(columns)
{ }

void BatchInserter::add(const QVariantList &row)
{
    Q_ASSERT(row.size() == m_columns.size());
    m_pending += row;
}

Status BatchInserter::flush()
{
    if (m_pending.isEmpty())
        return Done{};
    const Status written = m_db.driverName() == u"QPSQL"_s ? flushPostgres() : flushSqlite();
    m_pending.clear();
    return written;
}

Status BatchInserter::loadPostgresColumnTypes()
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                  "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped"_s);
    query.addBindValue(m_table);
    if (!query.exec())
        return DatabaseConnection::queryFailure(tr("Reading the columns of %1").arg(m_table),
                                                query);
    QHash<QString, QString> types;
    while (query.next())
        types.insert(query.value(0).toString(), query.value(1).toString());
    for (const QString &column : std::as_const(m_columns)) {
        if (!types.contains(column))
            return Failure::internal(tr("The table %1 has no column %2.").arg(m_table, column));
        m_postgresTypes << types.value(column);
    }
    return Done{};
}

QString BatchInserter::postgresArray(const QVariantList &pending, qsizetype column, qsizetype width,
                                     qsizetype firstRow, qsizetype rowCount)
{
    QString out;
    out.reserve(rowCount * 12);
    out += u'{';
    for (qsizetype row = firstRow; row < firstRow + rowCount; ++row) {
        if (row > firstRow)
            out += u',';
        appendArrayElement(out, pending.at(row * width + column));
    }
    out += u'}';
    return out;
}

Status BatchInserter::flushPostgres()
{
    if (m_postgresTypes.isEmpty()) {
        if (const Status loaded = loadPostgresColumnTypes(); !loaded)
            return loaded;
    }
    QStringList arrays;
    for (const QString &type : std::as_const(m_postgresTypes))
        arrays << u"CAST(? AS %1[])"_s.arg(type);
    const QString sql = u"INSERT INTO %1 (%2) SELECT * FROM unnest(%3) %4"_s.arg(
        m_table, m_columns.join(u", "_s), arrays.join(u", "_s), m_onConflict);

    const qsizetype width = m_columns.size();
    const qsizetype rowCount = m_pending.size() / width;
    for (qsizetype first = 0; first < rowCount; first += postgresRowsPerStatement) {
        const qsizetype chunk = std::min(postgresRowsPerStatement, rowCount - first);
        QSqlQuery query(m_db);
        if (!query.prepare(sql))
            return DatabaseConnection::queryFailure(tr("Preparing rows for %1").arg(m_table),
                                                    query);
        for (qsizetype column = 0; column < width; ++column)
            query.addBindValue(postgresArray(m_pending, column, width, first, chunk));
        if (!query.exec())
            return DatabaseConnection::queryFailure(tr("Writing rows to %1").arg(m_table), query);
        m_rowsWritten += chunk;
    }
    return Done{};
}

Status BatchInserter::flushSqlite()
{
    const QString placeholders = QStringList(m_columns.size(), u"?"_s).join(u", "_s);
    QSqlQuery query(m_db);
    if (!query.prepare(u"INSERT INTO %1 (%2) VALUES (%3) %4"_s.arg(
            m_table, m_columns.join(u", "_s), placeholders, m_onConflict))) {
        return DatabaseConnection::queryFailure(tr("Preparing rows for %1").arg(m_table), query);
    }
    const qsizetype width = m_columns.size();
    for (qsizetype first = 0; first < m_pending.size(); first += width) {
        for (qsizetype column = 0; column < width; ++column)
            query.bindValue(int(column), m_pending.at(first + column));
        if (!query.exec())
            return DatabaseConnection::queryFailure(tr("Writing rows to %1").arg(m_table), query);
        ++m_rowsWritten;
    }
    return Done{};
}

} // namespace calloutdesk
