#include "DatabaseStartup.h"

#include "DatabaseConnection.h"
#include "ConnectionPool.h"
#include "DemoDataGenerator.h"
#include "Migration.h"
#include "MigrationRunner.h"
#include "services/callout/SessionLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

#include <libpq-fe.h>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

DatabaseStartup::DatabaseStartup(const DatabaseUrl &url, bool fillEmptyWithDemoData,
                                 const QString &signIn)
    : m_url(url)
    , m_fillEmptyWithDemoData(fillEmptyWithDemoData)
    , m_signIn(signIn.trimmed())
{ }

QFuture<Result<DatabaseStartup::Report>> DatabaseStartup::start(ConnectionPool &database) const
{
    // The demo's folder is made before the lane opens its file there.
    if (m_fillEmptyWithDemoData && m_url.isSqlite())
        QDir().mkpath(QFileInfo(m_url.databaseName()).absolutePath());
    DatabaseStartup startup = *this;
    startup.m_url = m_url.withoutPassword();
    return database.run(ConnectionPool::Lane::Reads,
                        [startup](DatabaseConnection &connection) { return startup.prepare(connection); });
}

Result<DatabaseStartup::Report> DatabaseStartup::prepare(DatabaseConnection &connection) const
{
    Report report;
    report.location = m_url.displayString();
    pg_conn *handle = connection.postgresHandle();
    report.passwordChecked = handle && PQconnectionUsedPassword(handle);
    MigrationRunner migrations(connection);
    if (m_url.isSqlite()) {
        // The desk owns its SQLite file, so it brings the schema up to date itself.
        const auto migrated = migrations.migrate();
        if (!migrated)
            return migrated.failure();
        report.schemaVersion = migrated.value().toVersion;
    } else {
        // A desk's login owns nothing and may not change the schema (SPEC A2): the
        // administrator migrates, once, for every desk.
        const auto version = migrations.currentVersion();
        if (!version)
            return version.failure();
        const int needed = Migration::latestVersion(m_url.engine());
        if (version.value() < needed) {
            return Failure::conflict(
                QCoreApplication::translate(
                    "DatabaseStartup",
                    "The database %1 has schema version %2 and this program needs version %3: "
                    "ask your administrator to run calloutctl migrate.")
                    .arg(report.location)
                    .arg(version.value())
                    .arg(needed));
        }
        if (version.value() > needed) {
            // Newer than this program: the runner's own refusal says so.
            if (const Status current = migrations.checkUpToDate(); !current)
                return current.failure();
        }
        report.schemaVersion = version.value();
    }

    QSqlQuery query(connection.database());
    if (m_fillEmptyWithDemoData) {
        if (!query.exec(u"SELECT COUNT(*) FROM lab"_s) || !query.next())
            return DatabaseConnection::queryFailure(
                QCoreApplication::translate("DatabaseStartup", "Reading the labs"), query);
        if (query.value(0).toLongLong() == 0) {
            const auto generated = DemoDataGenerator(connection).generate({});
            if (!generated)
                return generated.failure();
            report.demoDataWritten = true;
        }
    }

    if (!query.exec(u"SELECT name FROM lab ORDER BY id"_s))
        return DatabaseConnection::queryFailure(
            QCoreApplication::translate("DatabaseStartup", "Reading the labs"), query);
    while (query.next())
        report.labNames << query.value(0).toString();
    if (!query.exec(u"SELECT COUNT(*) FROM bill"_s) || !query.next())
        return DatabaseConnection::queryFailure(
            QCoreApplication::translate("DatabaseStartup", "Counting the orders"), query);
    report.orders = query.value(0).toLongLong();

    QString signIn = m_signIn;
    if (signIn.isEmpty() && m_fillEmptyWithDemoData) {
        if (query.exec(u"SELECT id FROM lab_user WHERE is_support ORDER BY lab_id, id LIMIT 1"_s)
            && query.next()) {
            signIn = u"support:%1"_s.arg(query.value(0).toLongLong());
        }
    }
    if (signIn.isEmpty() && m_url.isSqlite()) {
        report.sessionProblem = QCoreApplication::translate(
            "DatabaseStartup",
            "Nobody is signed in: start CalloutDesk with --as doctor:ID, "
            "labuser:ID or support:ID.");
        return report;
    }
    const auto session = SessionLoader(connection).resolve(signIn);
    if (!session) {
        report.sessionProblem = session.failure().message;
        return report;
    }
    report.session = session.value();
    auto idle = connection.run(
        QCoreApplication::translate("DatabaseStartup", "Reading the lab's idle time"),
        u"SELECT idle_lock_minutes, callout_target_minutes, callout_warning_minutes "
        u"FROM lab WHERE id = ?"_s,
        {session.value().labId()});
    if (!idle)
        return idle.failure();
    if (idle.value().next()) {
        report.idleLockMinutes = idle.value().value(0).toInt();
        report.calloutClock
            = CalloutClock(idle.value().value(1).toInt(), idle.value().value(2).toInt());
    }
    return report;
}

} // namespace calloutdesk
