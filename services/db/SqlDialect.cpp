#include "SqlDialect.h"

#include "DatabaseConnection.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

SqlDialect::SqlDialect(const DatabaseConnection &connection)
    : m_postgres(connection.isPostgreSql())
{ }

QString SqlDialect::placeholders(qsizetype count)
{
    return QStringList(count, u"?"_s).join(u", "_s);
}

QString SqlDialect::idIn(const QString &column) const
{
    return m_postgres ? u"%1 = ANY (CAST(? AS bigint[]))"_s.arg(column)
                      : u"%1 IN (SELECT value FROM json_each(?))"_s.arg(column);
}

QVariant SqlDialect::idList(const QList<qint64> &ids) const
{
    QStringList numbers;
    numbers.reserve(ids.size());
    for (const qint64 id : ids)
        numbers << QString::number(id);
    // A PostgreSQL array literal, or a JSON array for SQLite's json_each.
    const QString joined = numbers.join(u',');
    return m_postgres ? u'{' + joined + u'}' : u'[' + joined + u']';
}

QString SqlDialect::folded(const QString &expression) const
{
    return m_postgres ? u"lower(%1)"_s.arg(expression) : u"calloutdesk_fold(%1)"_s.arg(expression);
}

QString SqlDialect::foldedInCodePointOrder(const QString &expression) const
{
    return m_postgres ? folded(expression) + u" COLLATE \"C\""_s : folded(expression);
}

QString SqlDialect::groupConcat(const QString &expression) const
{
    return m_postgres ? u"string_agg(%1, ',')"_s.arg(expression)
                      : u"group_concat(%1, ',')"_s.arg(expression);
}

QString SqlDialect::lockOrder(const QString &billId) const
{
    return m_postgres ? u", pg_advisory_xact_lock(%1)"_s.arg(billId) : QString();
}

QString SqlDialect::currentTimestamp() const
{
    return m_postgres ? u"now()"_s : u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"_s;
}

QString SqlDialect::timestampAfterMilliseconds() const
{
    return m_postgres ? u"(now() + CAST(? AS bigint) * interval '1 millisecond')"_s
                      : u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', "
                        "'+' || (CAST(? AS real) / 1000.0) || ' seconds')"_s;
}

QString SqlDialect::timestampDaysAgo(const QString &daysExpression) const
{
    return m_postgres
        ? u"(now() - (%1) * interval '1 day')"_s.arg(daysExpression)
        : u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (%1) || ' days')"_s.arg(daysExpression);
}

} // namespace calloutdesk
