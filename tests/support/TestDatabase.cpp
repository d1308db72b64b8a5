#include "TestDatabase.h"

#include "services/access/DeskLogins.h"

#include "services/db/MigrationRunner.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

Result<DatabaseUrl> TestDatabase::postgresAdminUrl()
{
    const QString file = qEnvironmentVariable("CALLOUTDESK_TEST_PG_URL_FILE");
    if (file.isEmpty()) {
        return Failure::unavailable(
            u"CALLOUTDESK_TEST_PG_URL_FILE is not set: run the tests through ctest, which starts "
            "the private PostgreSQL cluster"_s);
    }
    QFile urlFile(file);
    if (!urlFile.open(QIODevice::ReadOnly))
        return Failure::unavailable(
            u"the PostgreSQL test cluster did not start (%1 missing)"_s.arg(file));
    return DatabaseUrl::parse(QString::fromUtf8(urlFile.readAll()).trimmed());
}

void TestDatabase::addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

std::unique_ptr<TestDatabase> TestDatabase::create(const QString &engine)
{
    static QAtomicInteger<int> counter;
    std::unique_ptr<TestDatabase> database(new TestDatabase);
    if (engine == u"sqlite") {
        database->m_dir = std::make_unique<QTemporaryDir>();
        database->m_url = DatabaseUrl::sqliteFile(database->m_dir->filePath(u"test.db"_s));
        return database;
    }
    const auto admin = postgresAdminUrl();
    if (!admin) {
        qWarning("%s", qPrintable(admin.failure().message));
        return nullptr;
    }
    const QString name = u"t_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
    {
        auto connection = DatabaseConnection::open(admin.value(), u"test-admin"_s);
        if (!connection) {
            qWarning("%s", qPrintable(connection.failure().message));
            return nullptr;
        }
        QSqlQuery query(connection.value()->database());
        if (!query.exec(u"CREATE DATABASE %1"_s.arg(name))) {
            qWarning("CREATE DATABASE failed: %s", qPrintable(query.lastError().text()));
            return nullptr;
        }
    }
    database->m_postgresName = name;
    database->m_url = admin.value().withDatabaseName(name);
    return database;
}

TestDatabase::~TestDatabase()
{
    if (m_postgresName.isEmpty())
        return;
    const auto admin = postgresAdminUrl();
    if (!admin)
        return;
    auto connection = DatabaseConnection::open(admin.value(), u"test-admin"_s);
    if (connection) {
        QSqlQuery query(connection.value()->database());
        query.exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_postgresName));
    }
}

Result<QString> TestDatabase::personUrlText(const QString &spec)
{
    if (m_postgresName.isEmpty())
        return u"sqlite://"_s + m_url.databaseName();
    const QString kind = spec.section(u':', 0, 0);
    const qint64 id = spec.section(u':', 1).toLongLong();
    if (id <= 0 || !QStringList{u"doctor"_s, u"labuser"_s, u"support"_s}.contains(kind))
        return Failure::invalidInput(u"not a person spec: %1"_s.arg(spec));
    const QString login = u"%1_%2%3"_s.arg(m_postgresName, kind).arg(id);
    if (!m_logins.contains(login)) {
        auto admin = DatabaseConnection::open(m_url, u"test-logins"_s);
        if (!admin)
            return admin.failure();
        const DeskLogins::Person person{
            kind == u"doctor" ? DeskLogins::Person::Kind::Doctor : DeskLogins::Person::Kind::LabUser,
            id};
        if (const Status added = DeskLogins(*admin.value())
                                     .add(login, person, QString::fromLatin1(personPassword));
            !added) {
            return added.failure();
        }
        m_logins.insert(login);
    }
    return u"postgresql://%1:%2@%3:%4/%5"_s.arg(login, QString::fromLatin1(personPassword),
                                                m_url.host())
        .arg(m_url.port())
        .arg(m_postgresName);
}

Result<DatabaseUrl> TestDatabase::personUrl(const QString &spec)
{
    const auto text = personUrlText(spec);
    if (!text)
        return text.failure();
    return DatabaseUrl::parse(text.value());
}

Result<DatabaseStartup> TestDatabase::deskStartup(const QString &spec)
{
    const auto url = personUrl(spec);
    if (!url)
        return url.failure();
    return DatabaseStartup(url.value(), false, url.value().isSqlite() ? spec : QString());
}

Result<QStringList> TestDatabase::personArguments(const QString &spec)
{
    const auto text = personUrlText(spec);
    if (!text)
        return text.failure();
    QStringList arguments{u"--db"_s, text.value()};
    if (m_postgresName.isEmpty())
        arguments << u"--as"_s << spec;
    return arguments;
}

std::unique_ptr<DatabaseConnection> TestDatabase::connect(const QString &purpose)
{
    auto connection = DatabaseConnection::open(m_url, purpose);
    if (!connection) {
        qWarning("%s", qPrintable(connection.failure().message));
        return nullptr;
    }
    return std::move(connection.value());
}

std::unique_ptr<DatabaseConnection> TestDatabase::connectMigrated()
{
    auto connection = connect();
    if (!connection)
        return nullptr;
    const auto migrated = MigrationRunner(*connection).migrate();
    if (!migrated) {
        qWarning("%s", qPrintable(migrated.failure().message));
        return nullptr;
    }
    return connection;
}

bool exec(DatabaseConnection &connection, const QString &sql, QString *error)
{
    QSqlQuery query(connection.database());
    const bool ok = query.exec(sql);
    if (!ok && error)
        *error = query.lastError().text();
    return ok;
}

QVariant scalar(DatabaseConnection &connection, const QString &sql)
{
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("scalar query failed: %s: %s", qPrintable(sql),
                 qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

QSet<qint64> sessionsOf(DatabaseConnection &superuser, const QString &login)
{
    QSet<qint64> pids;
    auto query = superuser.run(u"Listing sessions"_s,
                               u"SELECT pid FROM pg_stat_activity WHERE usename = ?"_s, {login});
    while (query && query.value().next())
        pids << query.value().value(0).toLongLong();
    return pids;
}

} // namespace calloutdesk::test

namespace calloutdesk::test {

bool seedMinimalLabs(DatabaseConnection &connection, QString *error)
{
    const QStringList statements = {
        u"INSERT INTO lab (id, name) VALUES (1, 'Lab One'), (2, 'Lab Two')"_s,
        u"INSERT INTO department (id, lab_id, name) VALUES (1, 1, 'Haematology'), (2, 2, 'Haematology')"_s,
        u"INSERT INTO lab_user (id, lab_id, name, department_data_type, home_department_id) "
        "VALUES (1, 1, 'Tech One', 0, 1)"_s,
        u"INSERT INTO patient (id, lab_id, name, sex) VALUES (1, 1, 'Pat One', 'F'), (2, 2, 'Pat Two', 'M')"_s,
        u"INSERT INTO lab_test (id, lab_id, name, department_id) VALUES (1, 1, 'CBC', 1), (2, 1, 'Glucose', 1)"_s,
        u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, bill_date) VALUES "
        "(1, 1, 'B-1', 1, '2026-11-20T08:00:00Z'), (2, 1, 'B-2', 1, '2026-11-21T08:00:00Z')"_s,
        u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values) VALUES "
        "(1, 1, 1, 1, 1), (2, 1, 1, 2, 1), (3, 1, 2, 1, 1)"_s,
    };
    for (const QString &statement : statements) {
        if (!exec(connection, statement, error))
            return false;
    }
    return true;
}

} // namespace calloutdesk::test

#include <QCryptographicHash>
#include <QSqlRecord>

namespace calloutdesk::test {

QByteArray databaseFingerprint(DatabaseConnection &connection)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList tables = connection.database().tables();
    tables.sort();
    for (const QString &table : std::as_const(tables)) {
        const int columns = connection.database().record(table).count();
        QStringList order;
        for (int i = 1; i <= columns; ++i)
            order << QString::number(i);
        QSqlQuery query(connection.database());
        if (!query.exec(u"SELECT * FROM %1 ORDER BY %2"_s.arg(table, order.join(u", "_s)))) {
            qWarning("fingerprint of %s failed: %s", qPrintable(table),
                     qPrintable(query.lastError().text()));
            return {};
        }
        hash.addData(table.toUtf8());
        while (query.next()) {
            for (int i = 0; i < columns; ++i) {
                hash.addData(query.value(i).toString().toUtf8());
                hash.addData("|");
            }
        }
    }
    return hash.result().toHex();
}

} // namespace calloutdesk::test
