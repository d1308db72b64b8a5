#pragma once

#include "DatabaseLogin.h"
#include "DatabaseUrl.h"
#include "services/Failure.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <memory>

class QSqlError;
struct pg_conn;

namespace calloutdesk {

// One open QSqlDatabase connection, owned by the thread that opened it (Qt allows a
// connection only in its creating thread). Closing and removing it is tied to this
// object's lifetime, so a worker thread cannot leak a connection.
class DatabaseConnection
{
public:
    // Opens a new connection and configures it (foreign keys and busy timeout on SQLite,
    // connect timeout and application name on PostgreSQL). A failure is one sentence
    // naming the server or file and what went wrong.
    static Result<std::unique_ptr<DatabaseConnection>> open(const DatabaseUrl &url,
                                                            const QString &purpose);
    // The same for a login whose password is kept apart (a desk's sign-in): the password
    // is taken from it for the open only, and a wiped one opens nothing.
    static Result<std::unique_ptr<DatabaseConnection>> open(std::shared_ptr<DatabaseLogin> login,
                                                            const QString &purpose);
    ~DatabaseConnection();

    DatabaseConnection(const DatabaseConnection &) = delete;
    DatabaseConnection &operator=(const DatabaseConnection &) = delete;

    QSqlDatabase database() const;
    // The URL without the password, which no connection keeps.
    const DatabaseUrl &url() const { return m_login->url(); }
    const std::shared_ptr<DatabaseLogin> &login() const { return m_login; }
    bool isPostgreSql() const { return url().isPostgreSql(); }

    // Another connection of the same login, for the calling thread (the callout engine asks
    // on one whether a commit whose answer was lost happened).
    Result<std::unique_ptr<DatabaseConnection>> openAnother(const QString &purpose) const;
    // Closes this connection and opens it again in place, as login: references to this
    // object stay valid. Statements prepared on the old session are forgotten.
    Status reopen(std::shared_ptr<DatabaseLogin> login);
    // Whether the server is gone: the connection was closed, or (PostgreSQL) the server
    // ended the session, found without a round trip by reading what it already sent.
    bool isBroken();
    // libpq's handle of a PostgreSQL connection, or nullptr.
    pg_conn *postgresHandle() const;

    // Prepares, binds and runs one statement, counted in statementCount(). The services
    // run all their SQL through here, so a test can prove a round-trip budget (SPEC C5).
    Result<QSqlQuery> run(const QString &what, const QString &sql, const QVariantList &values = {});
    // As run(), for a statement a connection runs again and again with the same text and
    // other values (the callout's reads). It is prepared once per connection and kept, so
    // PostgreSQL plans it once instead of on every run; planning a many-join read costs
    // more than running it. On SQLite it is run().
    Result<QSqlQuery> runReused(const QString &what, const QString &sql,
                                const QVariantList &values);
    quint64 statementCount() const { return m_statementCount; }

    // The transaction of a WriteTransaction, which is the way to use these. The connection
    // keeps its state because run() must act on a failure inside one (see there).
    Status beginTransaction();
    Status commitTransaction();
    void rollbackTransaction();
    // The last statement run and its values, for EXPLAIN in benchmarks and for logs.
    QString lastSql() const { return m_lastSql; }
    QVariantList lastValues() const { return m_lastValues; }

    // A failed query as one sentence for the user, with the driver's words kept short.
    static Failure queryFailure(const QString &what, const QSqlQuery &query);
    static Failure queryFailure(const QString &what, const QSqlError &error);

private:
    enum class Transaction
    {
        None,
        Open,
        RolledBack // by run(), after a statement in it failed
    };

    DatabaseConnection(std::shared_ptr<DatabaseLogin> login, const QString &connectionName);
    Status connect();
    Failure failed(const QString &what, const QSqlQuery &query);

    std::shared_ptr<DatabaseLogin> m_login;
    QString m_connectionName;
    quint64 m_statementCount = 0;
    QString m_lastSql;
    QVariantList m_lastValues;
    Transaction m_transaction = Transaction::None;
    QHash<QString, QString> m_preparedNames; // statement text → name of its PREPARE
};

} // namespace calloutdesk
