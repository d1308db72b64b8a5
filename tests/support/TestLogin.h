#pragma once

#include "services/db/DatabaseUrl.h"

#include <QString>

#include <memory>

namespace calloutdesk::test {

// A PostgreSQL login with a password on the private cluster, for one test database: the
// cluster trusts only its superuser, so this login really has to prove its password.
// Role names are cluster-wide, so the name carries the database's. Dropped when it goes.
class TestLogin
{
public:
    // name is the start of the role's name ("alice"); nullptr with a test warning when the
    // cluster cannot be reached. With a person ("support:3", "doctor:2") the login is a
    // desk login linked to that person (SPEC A1), as calloutctl user link makes it;
    // without, a login that can only prove its password.
    static std::unique_ptr<TestLogin> create(const DatabaseUrl &database, const QString &name,
                                             const QString &password,
                                             const QString &person = QString());
    ~TestLogin();

    QString name() const { return m_name; }
    QString password() const { return m_password; }
    // The test database's URL signed in as this login, with its password.
    DatabaseUrl url() const { return m_database.withCredentials(m_name, m_password); }

private:
    TestLogin() = default;

    DatabaseUrl m_database;
    QString m_name;
    QString m_password;
};

} // namespace calloutdesk::test
