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

QString SqlDialect::groupConcat(const QString &expression) const
{
    return m_postgres ? u"string_agg(%1, ',')"_s.arg(expression)
                      : u"group_concat(%1, ',')"_s.arg(expression);
}

QString SqlDialect::forUpdate(const QString &table) const
{
    return m_postgres ? u" FOR UPDATE OF %1"_s.arg(table) : QString();
}

} // namespace calloutdesk
