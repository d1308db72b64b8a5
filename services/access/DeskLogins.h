#pragma once

#include "services/Failure.h"

#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// A person's own PostgreSQL login and its link to one lab_user or doctor row (SPEC A1,
// A7), kept by the administrator. Each change is one transaction: the role and its
// desk_login row come and go together. PostgreSQL only.
class DeskLogins
{
public:
    struct Person
    {
        enum class Kind
        {
            LabUser,
            Doctor
        };
        Kind kind = Kind::LabUser;
        qint64 id = 0;
    };
    struct Entry
    {
        QString login;
        qint64 labId = 0;
        Person person;
        QString personName;
        bool disabled = false;
        bool canLogIn = false; // the role exists and may log in
    };

    // The connection must be the administrator's (CREATEROLE, owner of the schema).
    explicit DeskLogins(DatabaseConnection &administrator);

    // A new login with this password, a member of the desk group, linked to the person.
    Status add(const QString &login, const Person &person, const QString &password);
    // Links an existing login (made by other means: Kerberos, LDAP, certificates) to a
    // person and makes it a member of the desk group that may log in (so it also gives a
    // disabled login back).
    Status link(const QString &login, const Person &person);
    // The login can no longer sign in, and its link says so. Its open sessions see and
    // change nothing from the next statement on (the policies ask for an enabled link);
    // they are also ended where the administrator may (pg_signal_backend).
    struct Disabled
    {
        int sessionsEnded = 0;
        QString sessionsLeftBecause; // why open sessions could not be ended, if any
    };
    Result<Disabled> disable(const QString &login);
    Result<QList<Entry>> list();
    // Every lab user and doctor of every lab, for the demo's logins.
    Result<QList<Person>> people();
    // The demo's login name of a person: the database, the kind and the id (roles are the
    // server's, so the database's name keeps two demo databases apart).
    static QString demoLoginName(const QString &database, const Person &person);

    // Lower-case letters, digits and _ . @ -, starting with a letter or _, at most 63.
    static Status checkLoginName(const QString &login);

private:
    Status requirePostgres() const;
    // PostgreSQL, and a well-formed login name: before anything is read or written.
    Status checkRequest(const QString &login) const;
    Result<qint64> labOf(const Person &person);
    Status writeLink(const QString &login, qint64 labId, const Person &person);
    Result<QString> passwordVerifier(const QString &login, const QString &password);
    QString quotedRole(const QString &login) const;

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
