#pragma once

#include "SecretText.h"
#include "services/Failure.h"

#include <QString>

namespace calloutdesk {

// A database location written as one URL:
//   postgresql://user[:password]@host[:port]/database[?connect_timeout=5&sslmode=require]
//   sqlite:///absolute/path/file.db
class DatabaseUrl
{
public:
    enum class Engine
    {
        PostgreSql,
        Sqlite
    };

    static Result<DatabaseUrl> parse(const QString &text);

    Engine engine() const { return m_engine; }
    bool isPostgreSql() const { return m_engine == Engine::PostgreSql; }
    bool isSqlite() const { return m_engine == Engine::Sqlite; }

    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString userName() const { return m_userName; }
    // The password when the URL carries one. The URL holds it as a SecretText: the last
    // copy of the URL to go overwrites it.
    const QString &password() const { return m_password.text(); }
    const SecretText &passwordSecret() const { return m_password; }
    // The PostgreSQL database name, or the SQLite file path.
    QString databaseName() const { return m_databaseName; }
    // libpq options ("sslmode=require;connect_timeout=5"), as QPSQL takes them.
    QString connectOptions() const { return m_connectOptions; }

    // The URL without its password, for messages and logs.
    QString displayString() const;
    // The same location with another database name (used by the tests to make databases).
    DatabaseUrl withDatabaseName(const QString &name) const;
    // The same location signed in as another login (a person's sign-in, SPEC A1). The
    // password stays in memory only; displayString() never shows it.
    DatabaseUrl withCredentials(const QString &userName, const QString &password) const;
    // The same login with a password kept as a SecretText (shared, not copied).
    DatabaseUrl withPassword(const SecretText &password) const;
    // The same location and login without the password (the login proves itself with the
    // password kept apart, or with ~/.pgpass, Kerberos or a client certificate).
    DatabaseUrl withoutPassword() const;

    static DatabaseUrl sqliteFile(const QString &path);

private:
    Engine m_engine = Engine::Sqlite;
    QString m_host;
    int m_port = 5432;
    QString m_userName;
    SecretText m_password;
    QString m_databaseName;
    QString m_connectOptions;
};

} // namespace calloutdesk
