#pragma once

#include "OfflineCacheLocation.h"
#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/db/SecretText.h"

#include <QByteArray>
#include <QFuture>

namespace calloutdesk {

// Argon2id's cost for offline sign-in: deliberately slow and memory-hard, so guessing
// passwords from a stolen cache file is expensive. The defaults take a few hundred
// milliseconds here (tst_offlinecredential prints one verification's time).
struct OfflineCredentialCost
{
    quint32 passes = 3;
    quint32 memoryKiB = 64 * 1024;
    quint32 lanes = 1;
};

// Offline sign-in (SPEC O5). After the server has checked a person's password at an
// online sign-in, the person's offline cache keeps an Argon2id hash of it (libargon2,
// a random salt per hash) and who the person is (lab, kind, id, departments); the
// password itself is written nowhere. While the server is out of reach, only a person
// whose cache holds such a hash can sign in, and only with that password. A login that
// proves itself without a password (Kerberos, a client certificate) has nothing to keep,
// so it cannot sign in offline.
class OfflineCredential
{
public:
    using Cost = OfflineCredentialCost;

    explicit OfflineCredential(OfflineCacheLocation location, Cost cost = {});

    // Replaces the kept credential with a new hash of password (a new salt each time).
    // Call only with a password the server has just accepted for this login.
    Status keep(const SecretText &password, const SessionScope &person) const;
    // keep() on the database thread pool.
    QFuture<Status> startKeeping(const SecretText &password, const SessionScope &person) const;
    // The person to open the desk as, when password is the one kept for this login. A
    // person without a credential on this desk, or a wrong password, is refused with a
    // sentence saying so; no cache file is made for someone who never signed in here.
    Result<SessionScope> verify(const SecretText &password) const;
    // verify() on the database thread pool: Argon2 takes long enough to freeze a window.
    QFuture<Result<SessionScope>> start(const SecretText &password) const;

    // Whether this desk keeps a credential for the login (no password is checked).
    bool isKept() const;

    // libargon2's encoded Argon2id hash of password ("$argon2id$v=19$m=…,t=…,p=…$salt$hash")
    // with a random 16-byte salt, and whether password matches one (in constant time).
    static Result<QByteArray> hash(const SecretText &password, Cost cost);
    static bool matches(const QByteArray &encoded, const SecretText &password);

private:
    OfflineCacheLocation m_location;
    Cost m_cost;
};

} // namespace calloutdesk
