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

    // The person of the connection's own login (SPEC A1): on PostgreSQL the desk_login
    // row of session_user, never what a client claims.
    Result<SessionScope> signedIn();

    // Who is at this desk, the one way both programs ask. PostgreSQL: the login, and an
    // --as spec is refused; SQLite (the single trusted desk): the spec.
    Result<SessionScope> resolve(const QString &asSpec);

private:
    Result<QList<qint64>> departments(const QString &sql, qint64 id);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
