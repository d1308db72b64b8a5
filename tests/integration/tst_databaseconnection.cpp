#include "TestDatabase.h"

#include <QFile>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestDatabaseConnection : public QObject
{
    Q_OBJECT

private:
    static DatabaseUrl postgres(const QString &text)
    {
        const auto url = DatabaseUrl::parse(text);
        Q_ASSERT(url.ok());
        return url.value();
    }
    static void verifyOneSentence(const QString &message)
    {
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        QVERIFY2(!message.contains(u"QPSQL"_s), qPrintable(message));
        QVERIFY2(message.size() < 300, qPrintable(message));
    }

private slots:
    void refusedConnection()
    {
        // A port that was just free: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        const auto opened = DatabaseConnection::open(
            postgres(u"postgresql://lab@127.0.0.1:%1/callouts"_s.arg(port)), u"t"_s);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.failure().kind, Failure::Kind::Unavailable);
        QVERIFY2(opened.failure().message.contains(u"connection was refused"_s),
                 qPrintable(opened.failure().message));
        QVERIFY(opened.failure().message.contains(u"127.0.0.1:%1"_s.arg(port)));
        verifyOneSentence(opened.failure().message);
    }

    void missingDatabaseAndUser()
    {
        const auto admin = TestDatabase::postgresAdminUrl();
        QVERIFY2(admin.ok(), qPrintable(admin ? QString() : admin.failure().message));

        const auto noDatabase
            = DatabaseConnection::open(admin.value().withDatabaseName(u"no_such_db"_s), u"t"_s);
        QVERIFY(!noDatabase.ok());
        QVERIFY2(noDatabase.failure().message.contains(u"has no database named \"no_such_db\""_s),
                 qPrintable(noDatabase.failure().message));
        verifyOneSentence(noDatabase.failure().message);

        const QString withUser
            = admin.value().displayString().replace(u"postgres@"_s, u"nobody@"_s);
        const auto noUser = DatabaseConnection::open(postgres(withUser), u"t"_s);
        QVERIFY(!noUser.ok());
        // The server asks every login but its superuser for a password, and does not say
        // whether the user exists: the message says the user was refused.
        QVERIFY2(noUser.failure().message.contains(u"refused the user \"nobody\""_s),
                 qPrintable(noUser.failure().message));
        verifyOneSentence(noUser.failure().message);
    }

    void sqliteFolderMissing()
    {
        const auto opened = DatabaseConnection::open(
            DatabaseUrl::sqliteFile(u"/nonexistent-calloutdesk-folder/desk.db"_s), u"t"_s);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.failure().message.contains(u"does not exist"_s),
                 qPrintable(opened.failure().message));
    }

    void sqliteFileThatIsNotADatabase()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"notes.db"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const auto opened
            = DatabaseConnection::open(DatabaseUrl::sqliteFile(file.fileName()), u"t"_s);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.failure().message.contains(u"not a usable SQLite database"_s),
                 qPrintable(opened.failure().message));
        verifyOneSentence(opened.failure().message);
    }

    void sqliteEnforcesForeignKeys()
    {
        QTemporaryDir dir;
        auto opened
            = DatabaseConnection::open(DatabaseUrl::sqliteFile(dir.filePath(u"a.db"_s)), u"t"_s);
        QVERIFY(opened.ok());
        QCOMPARE(scalar(*opened.value(), u"PRAGMA foreign_keys"_s).toInt(), 1);
    }

    void constraintFailuresAreConflicts_data() { TestDatabase::addEngineRows(); }
    void constraintFailuresAreConflicts()
    {
        QFETCH(QString, engine);
        auto database = TestDatabase::create(engine);
        QVERIFY(database);
        auto db = database->connectMigrated();
        QVERIFY(db);
        QSqlQuery query(db->database());
        QVERIFY(!query.exec(u"INSERT INTO lab (name) VALUES ('  ')"_s));
        const Failure failure = DatabaseConnection::queryFailure(u"Saving the lab"_s, query);
        QCOMPARE(failure.kind, Failure::Kind::Conflict);
        QVERIFY2(failure.message.startsWith(u"Saving the lab was refused by the database"_s),
                 qPrintable(failure.message));
        verifyOneSentence(failure.message);

        QVERIFY(!query.exec(u"SELECT no_such_column FROM lab"_s));
        QCOMPARE(DatabaseConnection::queryFailure(u"Reading"_s, query).kind,
                 Failure::Kind::Internal);
    }

    // On PostgreSQL run() writes the values into the statement as literals (one round
    // trip instead of three): every value must arrive exactly as bound, and a ? inside a
    // quoted literal of the statement is not a placeholder.
    void valuesArriveExactly_data() { TestDatabase::addEngineRows(); }
    void valuesArriveExactly()
    {
        QFETCH(QString, engine);
        auto database = TestDatabase::create(engine);
        QVERIFY(database);
        auto db = database->connectMigrated();
        QVERIFY(db);
        const QStringList texts{u"O'Brien"_s,
                                u"'); DROP TABLE lab; --"_s,
                                u"back\\slash \\' and \\\\"_s,
                                u"what? who?"_s,
                                u"Tomás Ünal 李"_s,
                                u"$1 $$ dollar"_s,
                                u"line\nbreak\ttab"_s};
        for (const QString &text : texts) {
            auto echoed = db->run(u"Echo"_s, u"SELECT CAST(? AS text), '?', CAST(? AS text)"_s,
                                  {text, u"second"_s});
            QVERIFY2(echoed.ok(), qPrintable(echoed ? text : echoed.failure().message));
            QVERIFY(echoed.value().next());
            QCOMPARE(echoed.value().value(0).toString(), text);
            QCOMPARE(echoed.value().value(1).toString(), u"?"_s);
            QCOMPARE(echoed.value().value(2).toString(), u"second"_s);
        }
        auto typed = db->run(u"Echo"_s, u"SELECT ?, ?, ? IS NULL, ? IS NULL, ?"_s,
                             {qint64(9007199254740993), true, QVariant(), QString(), 2.5});
        QVERIFY2(typed.ok(), qPrintable(typed ? QString() : typed.failure().message));
        QVERIFY(typed.value().next());
        QCOMPARE(typed.value().value(0).toLongLong(), qint64(9007199254740993));
        QCOMPARE(typed.value().value(1).toBool(), true);
        QCOMPARE(typed.value().value(2).toBool(), true);
        QCOMPARE(typed.value().value(3).toBool(), true);
        QCOMPARE(typed.value().value(4).toDouble(), 2.5);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM lab"_s).toInt(), 0);
    }

    // runReused() prepares a statement once per connection on PostgreSQL and then only
    // executes it: the values still arrive exactly, each text has its own statement, and
    // one prepared in a transaction that was rolled back is still there afterwards.
    void reusedStatementsArePreparedOnce_data() { TestDatabase::addEngineRows(); }
    void reusedStatementsArePreparedOnce()
    {
        QFETCH(QString, engine);
        auto database = TestDatabase::create(engine);
        QVERIFY(database);
        auto db = database->connectMigrated();
        QVERIFY(db);
        const QString echo = u"SELECT CAST(? AS text), '?', CAST(? AS bigint) + 1"_s;
        const QString count = u"SELECT COUNT(*) FROM lab WHERE name = ?"_s;
        const quint64 prepare = db->isPostgreSql() ? 1 : 0;

        QVERIFY(db->beginTransaction().ok());
        quint64 before = db->statementCount();
        auto first = db->runReused(u"Echo"_s, echo, {u"O'Brien"_s, 41});
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.failure().message));
        QCOMPARE(db->statementCount() - before, 1 + prepare);
        QVERIFY(first.value().next());
        QCOMPARE(first.value().value(0).toString(), u"O'Brien"_s);
        QCOMPARE(first.value().value(2).toLongLong(), qint64(42));
        QVERIFY(!db->run(u"Failing"_s, u"SELECT no_such_column FROM lab"_s).ok());
        db->rollbackTransaction();

        const QStringList texts{u"'); DROP TABLE lab; --"_s, u"back\\slash \\' and $1"_s,
                                u"Tomás Ünal 李"_s, u"line\nbreak"_s};
        for (const QString &text : texts) {
            before = db->statementCount();
            auto echoed = db->runReused(u"Echo"_s, echo, {text, qint64(9007199254740992)});
            QVERIFY2(echoed.ok(), qPrintable(echoed ? text : echoed.failure().message));
            QCOMPARE(db->statementCount() - before, quint64(1));
            QVERIFY(echoed.value().next());
            QCOMPARE(echoed.value().value(0).toString(), text);
            QCOMPARE(echoed.value().value(1).toString(), u"?"_s);
            QCOMPARE(echoed.value().value(2).toLongLong(), qint64(9007199254740993));
        }

        before = db->statementCount();
        auto counted = db->runReused(u"Count"_s, count, {u"nobody"_s});
        QVERIFY2(counted.ok(), qPrintable(counted ? QString() : counted.failure().message));
        QCOMPARE(db->statementCount() - before, 1 + prepare);
        QVERIFY(counted.value().next());
        QCOMPARE(counted.value().value(0).toInt(), 0);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM lab"_s).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseConnection)
#include "tst_databaseconnection.moc"
