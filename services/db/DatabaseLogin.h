#pragma once

#include "DatabaseUrl.h"
#include "SecretText.h"
#include "services/Failure.h"

#include <QMutex>

namespace calloutdesk {

// Who a desk's connections sign in as (SPEC A1, A6): the server's URL without its
// password, and the password apart, in this process's memory only. The password opens
// connections at sign-in and when one has to be opened again; it is wiped at lock and at
// sign-out, and given back when the same person unlocks. A login without a password
// (Kerberos, a client certificate, ~/.pgpass; SQLite) has nothing to wipe and always
// opens. Thread-safe: lanes open connections with it while the window wipes it.
class DatabaseLogin
{
public:
    // signedIn: the URL as signed in, with the password if the person typed one.
    explicit DatabaseLogin(const DatabaseUrl &signedIn);
    ~DatabaseLogin();

    DatabaseLogin(const DatabaseLogin &) = delete;
    DatabaseLogin &operator=(const DatabaseLogin &) = delete;

    // The URL without the password.
    const DatabaseUrl &url() const { return m_url; }
    // Whether this login proves itself with a password the desk keeps.
    bool needsPassword() const { return m_needsPassword; }
    // Whether the password is in memory now (false after wipe() until rearm()).
    bool hasSecret() const;
    // Overwrites the password; no connection can be opened until rearm().
    void wipe();
    // Keeps the password again, once the server has proven it (the unlock's check).
    void rearm(const SecretText &password);

    // The URL with the password, for opening one connection now: let go of it as soon as
    // the connection is open. A failure when the password has been wiped.
    Result<DatabaseUrl> forOpening() const;

    // What a connection that needs the wiped password answers.
    static QString lockedMessage();

private:
    DatabaseUrl m_url;
    bool m_needsPassword = false;
    mutable QMutex m_mutex;
    SecretText m_password; // guarded by m_mutex
};

} // namespace calloutdesk
