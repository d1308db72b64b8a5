#pragma once

#include "services/Failure.h"

#include <QList>

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

    explicit MigrationRunner(DatabaseConnection &connection);

    // 0 for a database without CalloutDesk tables.
    Result<int> currentVersion();
    // Fails when the schema is missing, older or newer than this program's.
    Status checkUpToDate();
    Result<Outcome> migrate();

private:
    Failure newerSchemaFailure(int databaseVersion, int programVersion) const;

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
