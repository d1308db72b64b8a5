#pragma once

#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseStartup.h"
#include "services/db/DatabaseUrl.h"

#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace calloutdesk::test {

// A fresh, empty database for one test: a new database on the private PostgreSQL
// cluster, or a new SQLite file in a temporary folder. Dropped when it goes away.
class TestDatabase
{
public:
    // "postgresql" or "sqlite": the row names of databaseEngines().
    static std::unique_ptr<TestDatabase> create(const QString &engine);
    ~TestDatabase();

    const DatabaseUrl &url() const { return m_url; }
    // A new connection to this database, for the calling thread.
    std::unique_ptr<DatabaseConnection> connect(const QString &purpose = QStringLiteral("test"));
    // Runs all migrations; fails the calling test function on error.
    std::unique_ptr<DatabaseConnection> connectMigrated();

    // Where a person of spec "doctor:ID", "labuser:ID" or "support:ID" signs in (SPEC A1).
    // PostgreSQL: the URL of the person's own login, made on first use (a member of the
    // desk group, linked to the person, password personPassword), so row security
    // applies; SQLite: this database's URL, and the spec goes to --as.
    Result<DatabaseUrl> personUrl(const QString &spec);
    // A desk's start as that person: their login's URL on PostgreSQL, --as on SQLite.
    Result<DatabaseStartup> deskStartup(const QString &spec);
    // The arguments calloutctl takes to act as that person: --db URL, and --as on SQLite.
    Result<QStringList> personArguments(const QString &spec);
    static constexpr const char *personPassword = "desk-test-password";

    // The admin URL of the private cluster, or a failure naming why it is missing.
    static Result<DatabaseUrl> postgresAdminUrl();
    // Adds the rows "postgresql" and "sqlite" to the calling test's data table.
    static void addEngineRows();

private:
    TestDatabase() = default;
    Result<QString> personUrlText(const QString &spec);

    DatabaseUrl m_url;
    QString m_postgresName;
    std::unique_ptr<QTemporaryDir> m_dir;
    QSet<QString> m_logins;
};

// Runs a statement that must succeed; QFAIL-style message otherwise.
bool exec(DatabaseConnection &connection, const QString &sql, QString *error = nullptr);
// The first column of the first row.
QVariant scalar(DatabaseConnection &connection, const QString &sql);
// The server processes of a login's open sessions, as a PostgreSQL superuser sees them.
QSet<qint64> sessionsOf(DatabaseConnection &superuser, const QString &login);

} // namespace calloutdesk::test

namespace calloutdesk::test {

// The smallest lab that the schema accepts: lab 1 and lab 2, a department, a lab user,
// a patient, bill 1 (lab 1) with reports 1 and 2, and bill 2 (lab 1) with report 3.
bool seedMinimalLabs(DatabaseConnection &connection, QString *error);

} // namespace calloutdesk::test

namespace calloutdesk::test {

// A digest of every row of every table: equal before and after means nothing was
// written (the "nothing changed" half of every refusal test).
QByteArray databaseFingerprint(DatabaseConnection &connection);

} // namespace calloutdesk::test
