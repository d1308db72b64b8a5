#include "MigrationRunner.h"

#include "DatabaseConnection.h"
#include "DatabaseLog.h"
#include "Migration.h"
#include "SqlScriptSplitter.h"
#include "WriteTransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MigrationRunner", text);
}

} // namespace

MigrationRunner::MigrationRunner(DatabaseConnection &connection)
    : MigrationRunner(connection, Migration::Set::of(connection.url().engine()))
{ }

MigrationRunner::MigrationRunner(DatabaseConnection &connection, Migration::Set set)
    : m_connection(connection)
    , m_set(std::move(set))
{ }

Result<int> MigrationRunner::currentVersion()
{
    const QStringList tables = m_connection.database().tables();
    if (!tables.contains(m_set.versionTable))
        return 0;
    QSqlQuery query(m_connection.database());
    if (!query.exec(u"SELECT COALESCE(MAX(version), 0) FROM %1"_s.arg(m_set.versionTable))
        || !query.next())
        return DatabaseConnection::queryFailure(tr("Reading the schema version"), query);
    return query.value(0).toInt();
}

Failure MigrationRunner::newerSchemaFailure(int databaseVersion, int programVersion) const
{
    return Failure::conflict(
        tr("The database %1 has schema version %2, but this CalloutDesk knows only versions up "
           "to %3. Install a newer CalloutDesk to use this database.")
            .arg(m_connection.url().displayString())
            .arg(databaseVersion)
            .arg(programVersion));
}

Status MigrationRunner::checkUpToDate()
{
    const int latest = Migration::latestVersion(m_set);
    const Result<int> version = currentVersion();
    if (!version)
        return version.failure();
    if (version.value() > latest)
        return newerSchemaFailure(version.value(), latest);
    if (version.value() < latest) {
        return Failure::conflict(
            tr("The database %1 has schema version %2 and needs version %3; run "
               "\"calloutctl --db URL migrate\" first.")
                .arg(m_connection.url().displayString())
                .arg(version.value())
                .arg(latest));
    }
    return Done{};
}

Status MigrationRunner::checkNotNewer()
{
    auto read
        = m_connection.run(tr("Reading the schema version"),
                           u"SELECT COALESCE(MAX(version), 0) FROM %1"_s.arg(m_set.versionTable));
    if (!read)
        return read.failure();
    QSqlQuery query = std::move(read).value();
    if (!query.next())
        return DatabaseConnection::queryFailure(tr("Reading the schema version"), query);
    const int latest = Migration::latestVersion(m_set);
    if (const int version = query.value(0).toInt(); version > latest)
        return newerSchemaFailure(version, latest);
    return Done{};
}

std::optional<QString> MigrationRunner::upgradedPast(const Result<DatabaseConnection *> &connection)
{
    if (!connection)
        return std::nullopt;
    const Status schema = MigrationRunner(*connection.value()).checkNotNewer();
    if (schema || schema.failure().kind != Failure::Kind::Conflict)
        return std::nullopt;
    return schema.failure().message;
}

Result<MigrationRunner::Outcome> MigrationRunner::migrate()
{
    QSqlDatabase db = m_connection.database();
    const QList<Migration> migrations = Migration::bundled(m_set);
    if (migrations.isEmpty())
        return Failure::internal(tr("The program carries no schema migrations; it is damaged."));
    const int latest = migrations.constLast().version;

    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();

    QSqlQuery query(db);
    // Two desks starting at once on a new database: the second waits here, then finds
    // the schema already applied.
    if (m_connection.isPostgreSql() && !query.exec(u"SELECT pg_advisory_xact_lock(7346211)"_s)) {
        return DatabaseConnection::queryFailure(tr("Locking the schema for an upgrade"), query);
    }
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS %1 (version integer PRIMARY KEY, "
                    "name text NOT NULL, applied_on text NOT NULL)"_s.arg(m_set.versionTable)))
        return DatabaseConnection::queryFailure(tr("Creating the schema version table"), query);
    if (!query.exec(u"SELECT COALESCE(MAX(version), 0) FROM %1"_s.arg(m_set.versionTable))
        || !query.next())
        return DatabaseConnection::queryFailure(tr("Reading the schema version"), query);

    Outcome outcome;
    outcome.fromVersion = query.value(0).toInt();
    outcome.toVersion = outcome.fromVersion;
    if (outcome.fromVersion > latest)
        return newerSchemaFailure(outcome.fromVersion, latest);

    for (const Migration &migration : migrations) {
        if (migration.version <= outcome.fromVersion)
            continue;
        const QStringList statements = SqlScriptSplitter::split(migration.script);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                return DatabaseConnection::queryFailure(tr("Applying schema migration %1 (%2)")
                                                            .arg(migration.version)
                                                            .arg(migration.name),
                                                        query);
            }
        }
        query.prepare(u"INSERT INTO %1 (version, name, applied_on) VALUES (?, ?, ?)"_s.arg(
            m_set.versionTable));
        query.addBindValue(migration.version);
        query.addBindValue(migration.name);
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!query.exec())
            return DatabaseConnection::queryFailure(
                tr("Recording schema migration %1").arg(migration.version), query);
        outcome.applied << migration.version;
        outcome.toVersion = migration.version;
    }

    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    if (!outcome.applied.isEmpty()) {
        qCInfo(lcDatabase) << "migrated" << m_connection.url().displayString() << "from"
                           << outcome.fromVersion << "to" << outcome.toVersion;
    }
    return outcome;
}

} // namespace calloutdesk
