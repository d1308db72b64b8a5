#pragma once

#include "Migration.h"
#include "services/Failure.h"

#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// Brings a database's schema to the program's version (SPEC D8). Applying twice is a
// no-op; a database whose schema is newer than the program is refused untouched.
class MigrationRunner
{
public:
    struct Outcome
    {
        int fromVersion = 0;
        int toVersion = 0;
        QList<int> applied;
    };

    // The engine's own schema, or another set kept in the same database.
    explicit MigrationRunner(DatabaseConnection &connection);
    MigrationRunner(DatabaseConnection &connection, Migration::Set set);

    // 0 for a database without CalloutDesk tables.
    Result<int> currentVersion();
    // Fails when the schema is missing, older or newer than this program's.
    Status checkUpToDate();
    // One small query, for a worker at the start of each round: fails (Conflict, with the
    // message checkUpToDate gives) once the schema was upgraded past this program while it
    // ran, so that it stops before writing rows the new schema may read differently.
    Status checkNotNewer();
    // The same for a background worker's round on its lane: that message once the schema
    // was upgraded past this program, nothing while it is this program's or cannot be read
    // (the round meets a lost connection itself).
    static std::optional<QString> upgradedPast(const Result<DatabaseConnection *> &connection);
    Result<Outcome> migrate();

private:
    Failure newerSchemaFailure(int databaseVersion, int programVersion) const;

    DatabaseConnection &m_connection;
    Migration::Set m_set;
};

} // namespace calloutdesk
