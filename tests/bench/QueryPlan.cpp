#include "QueryPlan.h"

#include "services/db/DatabaseConnection.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlRecord>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

// EXPLAIN cannot be prepared: the values are written into the statement, escaped by the
// driver.
void printLastQueryPlan(DatabaseConnection &db)
{
    QString sql = db.lastSql();
    const QVariantList values = db.lastValues();
    qsizetype position = 0;
    for (const QVariant &value : values) {
        position = sql.indexOf(u'?', position);
        if (position < 0)
            break;
        QSqlField field(u"v"_s, value.metaType());
        field.setValue(value);
        const QString literal = db.database().driver()->formatValue(field);
        sql.replace(position, 1, literal);
        position += literal.size();
    }
    auto result = db.run(
        u"explain"_s,
        (db.isPostgreSql() ? u"EXPLAIN (ANALYZE, BUFFERS) "_s : u"EXPLAIN QUERY PLAN "_s) + sql);
    if (!result) {
        std::printf("(no plan: %s)\n", qPrintable(result.failure().message));
        return;
    }
    QSqlQuery &rows = result.value();
    while (rows.next())
        std::printf("    %s\n", qPrintable(rows.value(rows.record().count() - 1).toString()));
}

} // namespace calloutdesk
