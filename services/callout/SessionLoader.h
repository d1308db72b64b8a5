#pragma once

#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// Builds a SessionScope from the signed-in user's row and department links (SPEC V2),
// so that what a session may see always comes from the database, never from the caller.
class SessionLoader
{
public:
    explicit SessionLoader(DatabaseConnection &connection);

    Result<SessionScope> doctor(qint64 doctorId);
    Result<SessionScope> labUser(qint64 labUserId);
    Result<SessionScope> support(qint64 labUserId);

    // "doctor:7", "labuser:3" or "support:5", as calloutctl's --as takes it.
    Result<SessionScope> fromSpec(const QString &spec);

private:
    Result<QList<qint64>> departments(const QString &sql, qint64 id);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
