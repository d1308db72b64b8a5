#include "SessionLoader.h"

#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SessionLoader", text);
}

} // namespace

SessionLoader::SessionLoader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<qint64>> SessionLoader::departments(const QString &sql, qint64 id)
{
    auto query = m_connection.run(tr("Reading the user's departments"), sql, {id});
    if (!query)
        return query.failure();
    QList<qint64> ids;
    while (query.value().next())
        ids << query.value().value(0).toLongLong();
    return ids;
}

Result<SessionScope> SessionLoader::doctor(qint64 doctorId)
{
    auto query
        = m_connection.run(tr("Reading the doctor"),
                           u"SELECT lab_id, name, doc_type FROM doctor WHERE id = ?"_s, {doctorId});
    if (!query)
        return query.failure();
    QSqlQuery &row = query.value();
    if (!row.next())
        return Failure::invalidInput(tr("There is no doctor with id %1.").arg(doctorId));
    const qint64 labId = row.value(0).toLongLong();
    const QString name = row.value(1).toString();
    const int docType = row.value(2).toInt();
    const auto linked = departments(
        u"SELECT department_id FROM doctor_department WHERE doctor_id = ? ORDER BY department_id"_s,
        doctorId);
    if (!linked)
        return linked.failure();
    return SessionScope::doctor(labId, doctorId, name, docType, linked.value());
}

Result<SessionScope> SessionLoader::labUser(qint64 labUserId)
{
    auto query = m_connection.run(
        tr("Reading the lab user"),
        u"SELECT lab_id, name, department_data_type, home_department_id, is_support "
        "FROM lab_user WHERE id = ?"_s,
        {labUserId});
    if (!query)
        return query.failure();
    QSqlQuery &row = query.value();
    if (!row.next())
        return Failure::invalidInput(tr("There is no lab user with id %1.").arg(labUserId));
    const qint64 labId = row.value(0).toLongLong();
    const QString name = row.value(1).toString();
    const int dataType = row.value(2).toInt();
    const QVariant home = row.value(3);
    if (row.value(4).toBool()) {
        return Failure::invalidInput(
            tr("Lab user %1 is a support login; sign in as support:%1.").arg(labUserId));
    }
    if (dataType == 1) {
        const auto linked = departments(u"SELECT department_id FROM lab_user_department "
                                        "WHERE lab_user_id = ? ORDER BY department_id"_s,
                                        labUserId);
        if (!linked)
            return linked.failure();
        return SessionScope::labUser(labId, labUserId, name, dataType, linked.value());
    }
    // A desk session's own department list is the user's home department.
    QList<qint64> own;
    if (!home.isNull())
        own << home.toLongLong();
    return SessionScope::labUser(labId, labUserId, name, dataType, own);
}

Result<SessionScope> SessionLoader::support(qint64 labUserId)
{
    auto query = m_connection.run(tr("Reading the support login"),
                                  u"SELECT lab_id, name, is_support FROM lab_user WHERE id = ?"_s,
                                  {labUserId});
    if (!query)
        return query.failure();
    QSqlQuery &row = query.value();
    if (!row.next())
        return Failure::invalidInput(tr("There is no lab user with id %1.").arg(labUserId));
    if (!row.value(2).toBool())
        return Failure::invalidInput(tr("Lab user %1 is not a support login.").arg(labUserId));
    return SessionScope::support(row.value(0).toLongLong(), labUserId, row.value(1).toString());
}

Result<SessionScope> SessionLoader::fromSpec(const QString &spec)
{
    const QString kind = spec.section(u':', 0, 0).trimmed().toLower();
    const QString idText = spec.section(u':', 1).trimmed();
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0 || !spec.contains(u':')) {
        return Failure::invalidInput(
            tr("--as must be KIND:ID with KIND doctor, labuser or support and ID a whole "
               "number, not \"%1\".")
                .arg(spec));
    }
    if (kind == u"doctor")
        return doctor(id);
    if (kind == u"labuser")
        return labUser(id);
    if (kind == u"support")
        return support(id);
    return Failure::invalidInput(
        tr("Unknown session kind \"%1\"; expected doctor, labuser or support.").arg(kind));
}

Result<SessionScope> SessionLoader::signedIn()
{
    auto query = m_connection.run(
        tr("Reading who is signed in"),
        u"SELECT session_user, l.lab_user_id, l.doctor_id, l.disabled, u.is_support, "
        "row_security_active('report') "
        "FROM (SELECT 1) AS one LEFT JOIN desk_login l ON l.login = session_user "
        "LEFT JOIN lab_user u ON u.id = l.lab_user_id"_s);
    if (!query)
        return query.failure();
    QSqlQuery &row = query.value();
    if (!row.next())
        return Failure::internal(tr("The database did not say who is signed in."));
    const QString login = row.value(0).toString();
    if (row.value(1).isNull() && row.value(2).isNull()) {
        return Failure::invalidInput(
            tr("The login %1 is not linked to a person of a lab; ask your administrator to run "
               "\"calloutctl user link --login %1 --labuser ID\" (or --doctor ID).")
                .arg(login));
    }
    if (row.value(3).toBool()) {
        return Failure::invalidInput(
            tr("The login %1 is disabled; ask your administrator.").arg(login));
    }
    const bool confined = row.value(5).toBool();
    const qint64 labUserId = row.value(1).toLongLong();
    Result<SessionScope> scope = !row.value(2).isNull() ? doctor(row.value(2).toLongLong())
        : row.value(4).toBool()                         ? support(labUserId)
                                                        : labUser(labUserId);
    if (scope)
        scope.value().setRowsConfinedByDatabase(confined);
    return scope;
}

Result<SessionScope> SessionLoader::resolve(const QString &asSpec)
{
    if (m_connection.isPostgreSql()) {
        if (!asSpec.trimmed().isEmpty()) {
            return Failure::invalidInput(
                tr("--as is only for SQLite; on PostgreSQL you are the person of the login you "
                   "sign in with (the user of the database URL, or the sign-in dialog)."));
        }
        return signedIn();
    }
    if (asSpec.trimmed().isEmpty())
        return Failure::invalidInput(tr("Say who is signed in with --as KIND:ID."));
    return fromSpec(asSpec);
}

} // namespace calloutdesk
