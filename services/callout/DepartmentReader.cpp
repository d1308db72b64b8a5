#include "DepartmentReader.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

DepartmentReader::DepartmentReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<Department>> DepartmentReader::read(const SessionScope &scope)
{
    QList<Department> departments;
    QString sql = u"SELECT id, name FROM department WHERE lab_id = ?"_s;
    QVariantList values{scope.labId()};
    if (scope.filtersByDepartment()) {
        const QList<qint64> ids = scope.departmentIds();
        if (ids.isEmpty())
            return departments;
        sql += u" AND id IN (%1)"_s.arg(SqlDialect::placeholders(ids.size()));
        for (const qint64 id : ids)
            values << id;
    }
    sql += u" ORDER BY name, id"_s;
    auto query = m_connection.run(
        QCoreApplication::translate("DepartmentReader", "Reading the lab's departments"), sql,
        values);
    if (!query)
        return query.failure();
    while (query.value().next())
        departments.append({query.value().value(0).toLongLong(), query.value().value(1).toString()});
    return departments;
}

} // namespace calloutdesk
