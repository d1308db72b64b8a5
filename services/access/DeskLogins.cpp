#include "DeskLogins.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlDriver>

#include <libpq-fe.h>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DeskLogins", text);
}

QString personText(const DeskLogins::Person &person)
{
    return person.kind == DeskLogins::Person::Kind::Doctor
        ? tr("doctor %1").arg(person.id)
        : tr("lab user %1").arg(person.id);
}

} // namespace

DeskLogins::DeskLogins(DatabaseConnection &administrator)
    : m_connection(administrator)
{ }

Status DeskLogins::checkLoginName(const QString &login)
{
    // The same rule as desk_login's CHECK, said before anything is written.
    static const QRegularExpression rule(u"^[a-z_][a-z0-9_.@-]{0,62}$"_s);
    if (!rule.match(login).hasMatch()) {
        return Failure::invalidInput(
            tr("\"%1\" is not a login name: use lower-case letters, digits and _ . @ -, "
               "starting with a letter or _, at most 63 characters.")
                .arg(login));
    }
    return Done{};
}

Status DeskLogins::requirePostgres() const
{
    if (!m_connection.isPostgreSql()) {
        return Failure::invalidInput(
            tr("Logins are PostgreSQL's: an SQLite database has none (use --as there)."));
    }
    return Done{};
}

Status DeskLogins::checkRequest(const QString &login) const
{
    if (const Status ready = requirePostgres(); !ready)
        return ready;
    return checkLoginName(login);
}

QString DeskLogins::quotedRole(const QString &login) const
{
    return m_connection.database().driver()->escapeIdentifier(login, QSqlDriver::TableName);
}

Result<qint64> DeskLogins::labOf(const Person &person)
{
    const QString table = person.kind == Person::Kind::Doctor ? u"doctor"_s : u"lab_user"_s;
    auto query = m_connection.run(tr("Finding the person"),
                                  u"SELECT lab_id FROM %1 WHERE id = ?"_s.arg(table), {person.id});
    if (!query)
        return query.failure();
    if (!query.value().next())
        return Failure::invalidInput(tr("There is no %1.").arg(personText(person)));
    return query.value().value(0).toLongLong();
}

Result<QString> DeskLogins::passwordVerifier(const QString &login, const QString &password)
{
    // The server is sent a SCRAM verifier made here by libpq, never the password itself,
    // so the password cannot reach a statement log (SPEC A6).
    PGconn *connection = m_connection.postgresHandle();
    if (!connection)
        return Failure::internal(tr("The PostgreSQL driver gave no connection handle."));
    char *verifier = PQencryptPasswordConn(connection, password.toUtf8().constData(),
                                           login.toUtf8().constData(), "scram-sha-256");
    if (!verifier) {
        return Failure::internal(tr("Could not make the password's verifier: %1")
                                     .arg(QString::fromUtf8(PQerrorMessage(connection)).trimmed()));
    }
    const QString text = QString::fromUtf8(verifier);
    PQfreemem(verifier);
    return text;
}

Status DeskLogins::writeLink(const QString &login, qint64 labId, const Person &person)
{
    // A link made again (user link of a login that had one) names the new person and
    // enables the login's link.
    const bool doctor = person.kind == Person::Kind::Doctor;
    auto linked = m_connection.run(
        tr("Linking the login"),
        u"INSERT INTO desk_login (login, lab_id, lab_user_id, doctor_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (login) DO UPDATE SET lab_id = EXCLUDED.lab_id, "
        "lab_user_id = EXCLUDED.lab_user_id, doctor_id = EXCLUDED.doctor_id, disabled = false"_s,
        {login, labId, doctor ? QVariant() : QVariant(person.id),
         doctor ? QVariant(person.id) : QVariant()});
    if (!linked)
        return linked.failure();
    return Done{};
}

Status DeskLogins::add(const QString &login, const Person &person, const QString &password)
{
    if (const Status checked = checkRequest(login); !checked)
        return checked;
    if (password.isEmpty())
        return Failure::invalidInput(tr("The password is empty."));
    WriteTransaction transaction(m_connection);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    const auto lab = labOf(person);
    if (!lab)
        return lab.failure();
    auto existing = m_connection.run(tr("Looking for the login"),
                                     u"SELECT 1 FROM pg_roles WHERE rolname = ?"_s, {login});
    if (!existing)
        return existing.failure();
    if (existing.value().next()) {
        return Failure::conflict(
            tr("The login %1 exists already; link it with \"calloutctl user link\".").arg(login));
    }
    const auto verifier = passwordVerifier(login, password);
    if (!verifier)
        return verifier.failure();
    if (auto created = m_connection.run(
            tr("Creating the login"),
            u"CREATE ROLE %1 LOGIN PASSWORD ? IN ROLE calloutdesk_desk"_s.arg(quotedRole(login)),
            {verifier.value()});
        !created) {
        return created.failure();
    }
    if (const Status linked = writeLink(login, lab.value(), person); !linked)
        return linked;
    return transaction.commit();
}

Status DeskLogins::link(const QString &login, const Person &person)
{
    if (const Status checked = checkRequest(login); !checked)
        return checked;
    WriteTransaction transaction(m_connection);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    const auto lab = labOf(person);
    if (!lab)
        return lab.failure();
    auto role = m_connection.run(tr("Looking for the login"),
                                 u"SELECT rolsuper FROM pg_roles WHERE rolname = ?"_s, {login});
    if (!role)
        return role.failure();
    if (!role.value().next()) {
        return Failure::invalidInput(
            tr("There is no login %1; make it with \"calloutctl user add\".").arg(login));
    }
    // A superuser passes every policy: it is not a desk login, whatever its link says.
    if (role.value().value(0).toBool())
        return Failure::invalidInput(tr("%1 is a superuser and cannot be a desk login.").arg(login));
    if (auto granted = m_connection.run(
            tr("Making the login a desk login"),
            u"GRANT calloutdesk_desk TO %1"_s.arg(quotedRole(login)));
        !granted) {
        return granted.failure();
    }
    // Linking again is also how a disabled login is given back its sign-in.
    if (auto enabled = m_connection.run(tr("Making the login a desk login"),
                                        u"ALTER ROLE %1 LOGIN"_s.arg(quotedRole(login)));
        !enabled) {
        return enabled.failure();
    }
    if (const Status linked = writeLink(login, lab.value(), person); !linked)
        return linked;
    return transaction.commit();
}

Result<DeskLogins::Disabled> DeskLogins::disable(const QString &login)
{
    if (const Status checked = checkRequest(login); !checked)
        return checked.failure();
    WriteTransaction transaction(m_connection);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    auto marked = m_connection.run(tr("Disabling the login"),
                                   u"UPDATE desk_login SET disabled = true WHERE login = ?"_s,
                                   {login});
    if (!marked)
        return marked.failure();
    if (marked.value().numRowsAffected() == 0)
        return Failure::invalidInput(tr("There is no desk login %1.").arg(login));
    if (auto refused = m_connection.run(tr("Disabling the login"),
                                        u"ALTER ROLE %1 NOLOGIN"_s.arg(quotedRole(login)));
        !refused) {
        return refused.failure();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    Disabled disabled;
    auto ended = m_connection.run(tr("Ending the login's sessions"),
                                  u"SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) "
                                  "FROM pg_stat_activity WHERE usename = ?"_s,
                                  {login});
    if (!ended)
        disabled.sessionsLeftBecause = ended.failure().message;
    else if (ended.value().next())
        disabled.sessionsEnded = ended.value().value(0).toInt();
    return disabled;
}

Result<QList<DeskLogins::Entry>> DeskLogins::list()
{
    if (const Status ready = requirePostgres(); !ready)
        return ready.failure();
    auto query = m_connection.run(
        tr("Listing the logins"),
        u"SELECT l.login, l.lab_id, l.lab_user_id, l.doctor_id, COALESCE(u.name, d.name), "
        "l.disabled, COALESCE(r.rolcanlogin, false) FROM desk_login l "
        "LEFT JOIN lab_user u ON u.id = l.lab_user_id LEFT JOIN doctor d ON d.id = l.doctor_id "
        "LEFT JOIN pg_roles r ON r.rolname = l.login ORDER BY l.lab_id, l.login"_s);
    if (!query)
        return query.failure();
    QList<Entry> entries;
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        Entry entry;
        entry.login = row.value(0).toString();
        entry.labId = row.value(1).toLongLong();
        entry.person = row.value(3).isNull()
            ? Person{Person::Kind::LabUser, row.value(2).toLongLong()}
            : Person{Person::Kind::Doctor, row.value(3).toLongLong()};
        entry.personName = row.value(4).toString();
        entry.disabled = row.value(5).toBool();
        entry.canLogIn = row.value(6).toBool();
        entries << entry;
    }
    return entries;
}

Result<QList<DeskLogins::Person>> DeskLogins::people()
{
    auto query = m_connection.run(tr("Listing the lab users and doctors"),
                                  u"SELECT 0, id FROM lab_user UNION ALL SELECT 1, id FROM doctor "
                                  "ORDER BY 1, 2"_s);
    if (!query)
        return query.failure();
    QList<Person> result;
    while (query.value().next()) {
        result << Person{query.value().value(0).toInt() == 1 ? Person::Kind::Doctor
                                                              : Person::Kind::LabUser,
                         query.value().value(1).toLongLong()};
    }
    return result;
}

QString DeskLogins::demoLoginName(const QString &database, const Person &person)
{
    const QString kind = person.kind == Person::Kind::Doctor ? u"doctor"_s : u"labuser"_s;
    QString prefix = database.toLower();
    prefix.replace(QRegularExpression(u"[^a-z0-9_]"_s), u"_"_s);
    return u"%1_%2%3"_s.arg(prefix.left(40), kind).arg(person.id);
}

} // namespace calloutdesk
