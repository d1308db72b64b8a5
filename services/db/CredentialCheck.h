#pragma once

#include "DatabaseUrl.h"
#include "services/Failure.h"

#include <QFuture>
#include <QString>

namespace calloutdesk {

// Proves a login name and password against the database server (SPEC A1, A4, A5) by
// opening a short connection of their own and closing it at once: PostgreSQL does the
// authentication, so the desk keeps no password hashes of its own. Used at sign-in, at
// unlock and when a doctor re-enters the password to approve.
class CredentialCheck
{
public:
    explicit CredentialCheck(DatabaseUrl server);

    // Whether the server asks for a password at all. SQLite is the single trusted desk
    // (the demo and the offline cache): it has no logins to prove.
    static bool needsPassword(const DatabaseUrl &server) { return server.isPostgreSql(); }

    // What a successful check shows. SignIn: the server let the login in, however its
    // pg_hba.conf asks (a Kerberos ticket or a client certificate included). Password: the
    // server asked for this password and took it, which an electronic signature needs
    // (SPEC A4); a login the server lets in without one cannot sign by typing anything.
    enum class Proof
    {
        SignIn,
        Password
    };

    // Blocks until the server has answered: for worker threads and the command line.
    // A wrong password is an InvalidInput failure about "password"; a server out of reach
    // is Unavailable and says so.
    Status verify(const QString &login, const QString &password, Proof proof = Proof::SignIn) const;
    // verify() on the database thread pool, so the UI thread never waits on it.
    QFuture<Status> start(const QString &login, const QString &password,
                          Proof proof = Proof::SignIn) const;

    // The one sentence for a refused password, the same on every surface.
    static QString refusal(const QString &login);

private:
    DatabaseUrl m_server;
};

} // namespace calloutdesk
