#pragma once

#include "TestDatabase.h"
#include "models/SessionScope.h"

#include <QObject>

#include <map>
#include <memory>

namespace calloutdesk::test {

// Base of the test classes that run every test function once per database engine:
// each function gets a fresh database (migrated unless asked otherwise) of the engine
// named by the current global data row.
class EngineTestCase : public QObject
{
    Q_OBJECT

public:
    enum class Schema
    {
        Migrated,
        Empty
    };
    explicit EngineTestCase(Schema schema = Schema::Migrated);

    // A desk of a person, signed in as the programs sign in (SPEC A1): on PostgreSQL a
    // connection of the person's own login, so row security applies to what it reads and
    // writes; on SQLite a connection and the --as spec.
    struct Desk
    {
        std::unique_ptr<DatabaseConnection> connection;
        SessionScope scope;
        DatabaseConnection &db() { return *connection; }
    };

protected:
    Result<Desk> signIn(const QString &spec);
    // The desk of spec for the current test function: signed in on first use, kept (one
    // connection per spec) until cleanup(). Stops the test program if the person cannot sign
    // in, since every later check would be about the wrong login.
    Desk &desk(const QString &spec);
    // A desk at a URL of database().personUrl(spec), opened on the calling thread (a
    // connection belongs to the thread that opened it): for desks on threads of their own.
    static Result<Desk> openDesk(const DatabaseUrl &url, const QString &spec);
    DatabaseConnection &db() { return *m_db; }
    TestDatabase &database() { return *m_database; }
    bool isPostgres() const { return m_db->isPostgreSql(); }
    // Boolean literals in the current engine's SQL.
    QString sqlTrue() const;
    QString sqlFalse() const;

    // Qt Test finds these by name; a subclass that declares its own init() calls this one.
protected slots:
    void initTestCase_data();
    void init();
    void cleanup();

private:
    Schema m_schema;
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<DatabaseConnection> m_db;
    std::map<QString, Desk> m_desks;
};

} // namespace calloutdesk::test
