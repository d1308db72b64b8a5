#pragma once

#include "DatabaseUrl.h"
#include "models/CalloutClock.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QFuture>
#include <QString>

#include <optional>

namespace calloutdesk {

class ConnectionPool;
class DatabaseConnection;

// What a desk does with its database before showing data: connect, check the schema (on
// SQLite, bring it up to date), find who is signed in and, for the embedded demo only,
// fill an empty database with sample data.
// prepare() blocks and is meant for a worker thread; start() runs it on the desk's reading
// lane, whose connection it opens: the one that proves the sign-in.
class DatabaseStartup
{
public:
    struct Report
    {
        QString location; // the URL without password
        int schemaVersion = 0;
        bool demoDataWritten = false;
        QStringList labNames;
        qint64 orders = 0;
        // Who is at the desk; empty when no sign-in was given (and none is implied).
        std::optional<SessionScope> session;
        QString sessionProblem;
        // The session's lab's idle time before the desk locks itself (SPEC A5).
        int idleLockMinutes = 10;
        // The lab's callout clock (SPEC T2).
        CalloutClock calloutClock;
        // The server asked for the login's password and took it (PostgreSQL): only such a
        // password may be kept for offline sign-in (SPEC O5).
        bool passwordChecked = false;
    };

    // url: the database signed in as the person at the desk. Only the pool that start()
    // is given keeps its password; this object keeps it until it goes.
    // signIn is "doctor:ID", "labuser:ID" or "support:ID", for SQLite only (SPEC A1: on
    // PostgreSQL the person comes from the URL's login, and a signIn is refused); for the
    // embedded demo an empty one means the demo lab's support login.
    DatabaseStartup(const DatabaseUrl &url, bool fillEmptyWithDemoData,
                    const QString &signIn = QString());

    Result<Report> prepare(DatabaseConnection &connection) const;
    QFuture<Result<Report>> start(ConnectionPool &database) const;

    const DatabaseUrl &url() const { return m_url; }

private:
    DatabaseUrl m_url;
    bool m_fillEmptyWithDemoData;
    QString m_signIn;
};

} // namespace calloutdesk
