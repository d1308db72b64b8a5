// A desk's held connections (DESIGN: Access, connections; SPEC A1, A5, A6), on the real
// cluster as a person's own login and on SQLite: many jobs run on the pool's two
// connections, counted by the server itself; a locked pool keeps what is open but opens
// nothing until unlocked; a connection the server ended is opened again for the next job,
// and a job that lost its connection is not run again.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "services/callout/OrderCalloutService.h"
#include "services/callout/SessionLoader.h"
#include "services/db/ConnectionPool.h"
#include "services/search/WorklistLoader.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int timeout = 20000;
using Lane = ConnectionPool::Lane;

QString failureOf(const Status &status)
{
    return status ? QString() : status.failure().message;
}

} // namespace

class TestConnectionPool : public EngineTestCase
{
    Q_OBJECT

private:
    DatabaseUrl m_person;

    std::shared_ptr<ConnectionPool> openPool() { return ConnectionPool::create(m_person); }

    // The server's process serving the lane's connection (0 on SQLite, which has none).
    static Result<qint64> backendOf(ConnectionPool &pool, Lane lane)
    {
        return pool
            .run(lane,
                 [](DatabaseConnection &connection) -> Result<qint64> {
                     auto query = connection.run(
                         u"Asking for the backend"_s,
                         connection.isPostgreSql() ? u"SELECT pg_backend_pid()"_s : u"SELECT 0"_s);
                     if (!query)
                         return query.failure();
                     query.value().next();
                     return query.value().value(0).toLongLong();
                 })
            .result();
    }
    // Who the pool's login is, asked on its own connection (no other session of the login).
    static Result<SessionScope> scopeOf(ConnectionPool &pool)
    {
        return pool.run(Lane::Reads, [sqlite = pool.url().isSqlite()](
                                                     DatabaseConnection &connection) {
                                   return SessionLoader(connection).resolve(
                                       sqlite ? u"support:3"_s : QString());
                               }).result();
    }
    static Status touch(ConnectionPool &pool, Lane lane)
    {
        const auto pid = backendOf(pool, lane);
        return pid ? Status(Done{}) : Status(pid.failure());
    }
    // The sessions the server has open for the person's login, as its superuser sees them.
    QSet<qint64> serverSessions() { return sessionsOf(db(), m_person.userName()); }
    void endSession(qint64 pid)
    {
        QVERIFY(scalar(db(), u"SELECT pg_terminate_backend(%1)"_s.arg(pid)).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!serverSessions().contains(pid), timeout);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        const auto person = database().personUrl(u"support:3"_s);
        QVERIFY2(person.ok(), qPrintable(person ? QString() : person.failure().message));
        m_person = person.value();
    }

    void manyJobsRunOnTheTwoHeldConnections()
    {
        auto pool = openPool();
        const auto signedIn = scopeOf(*pool);
        QVERIFY(signedIn.ok());
        const SessionScope scope = signedIn.value();
        const WorklistLoader worklist(pool);
        const OrderCalloutService callouts(pool);
        QList<QFuture<Result<WorklistPage>>> pages;
        QList<QFuture<Result<BillRecords>>> records;
        QList<QFuture<Result<QList<HistoryEntry>>>> histories;
        WorklistQuery query;
        for (int i = 0; i < 20; ++i) {
            query.tab = i % 2 ? CriticalStatus::CalloutPending : CriticalStatus::CalloutDone;
            pages << worklist.load(scope, query);
            records << callouts.records(scope, 1);
            histories << callouts.history(scope, 1);
        }
        const auto saved = callouts.submit(scope, CalloutFixture::doneRequest({2})).result();
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.failure().message));
        for (auto &page : pages)
            QVERIFY(page.result().ok());
        for (auto &read : records)
            QVERIFY(read.result().ok());
        for (auto &read : histories)
            QVERIFY(read.result().ok());

        // Every job on one of two connections, opened once each.
        QCOMPARE(pool->connectionsOpened(), quint64(2));
        const auto reads = backendOf(*pool, Lane::Reads);
        const auto writes = backendOf(*pool, Lane::Writes);
        QVERIFY(reads.ok() && writes.ok());
        QCOMPARE(pool->connectionsOpened(), quint64(2));
        if (!isPostgres())
            return;
        QVERIFY(reads.value() != writes.value());
        // The server's own count: the login has exactly these two sessions, within the
        // desk's budget of three.
        const QSet<qint64> sessions = serverSessions();
        QCOMPARE(sessions, (QSet<qint64>{reads.value(), writes.value()}));
        QVERIFY(sessions.size() <= ConnectionPool::maxConnections);
    }

    void offlineTheReadingLaneServesTheStandInAndOnlineTheServer()
    {
        if (!isPostgres())
            QSKIP("Offline is about a server out of reach; an SQLite desk is never offline.");
        auto pool = openPool();
        const auto serverReads = backendOf(*pool, Lane::Reads);
        QVERIFY(serverReads.ok() && serverReads.value() > 0);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const DatabaseUrl cacheFile = DatabaseUrl::sqliteFile(folder.filePath(u"cache.sqlite"_s));
        auto opened = std::make_shared<std::atomic<int>>(0);
        pool->readOffline({u"cache"_s, [cacheFile, opened] {
                               ++*opened;
                               return DatabaseConnection::open(cacheFile, u"stand-in"_s);
                           }});
        QVERIFY(pool->readsOffline());
        // The reading lane's jobs get the file (no backend), opened once and kept; the
        // writing lane stays on the server; no connection is added to the server's.
        for (int i = 0; i < 3; ++i) {
            const auto reads = backendOf(*pool, Lane::Reads);
            QVERIFY2(reads.ok(), qPrintable(reads ? QString() : reads.failure().message));
            QCOMPARE(reads.value(), qint64(0));
        }
        QCOMPARE(opened->load(), 1);
        const auto writes = backendOf(*pool, Lane::Writes);
        QVERIFY(writes.ok() && writes.value() > 0);
        QCOMPARE(serverSessions(), (QSet<qint64>{serverReads.value(), writes.value()}));

        // A stand-in that cannot be opened: the job is told why; nobody is told the server
        // went away.
        std::atomic<int> troubles{0};
        pool->setTroubleReporter([&troubles](const QString &) { ++troubles; });
        pool->readOffline({u"none"_s, [] {
                               return Result<std::unique_ptr<DatabaseConnection>>(
                                   Failure::unavailable(u"no copy here"_s));
                           }});
        const auto refused = backendOf(*pool, Lane::Reads);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().message, u"no copy here"_s);
        QCOMPARE(troubles.load(), 0);
        pool->setTroubleReporter({});

        // Back online: the held server connection again, not a new one.
        pool->readOnline();
        QVERIFY(!pool->readsOffline());
        const auto again = backendOf(*pool, Lane::Reads);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), serverReads.value());
        QCOMPARE(pool->connectionsOpened(), quint64(2));
    }

    void aLockedPoolOpensNoConnectionUntilUnlocked()
    {
        auto pool = openPool();
        QVERIFY(pool->url().password().isEmpty());
        QCOMPARE(pool->hasSecret(), isPostgres());
        QCOMPARE(failureOf(touch(*pool, Lane::Reads)), QString());

        pool->lock();
        QVERIFY(!pool->hasSecret());
        QVERIFY(!pool->login()->forOpening().ok() || !isPostgres());
        // What is open stays usable behind the lock.
        QCOMPARE(failureOf(touch(*pool, Lane::Reads)), QString());
        if (!isPostgres()) {
            // SQLite has no password: nothing to wipe, and opening needs none.
            QCOMPARE(failureOf(touch(*pool, Lane::Writes)), QString());
            return;
        }
        // Nothing new opens: not the lane never used, not a lost one again.
        QCOMPARE(failureOf(touch(*pool, Lane::Writes)), DatabaseLogin::lockedMessage());
        const QSet<qint64> sessions = serverSessions();
        QCOMPARE(sessions.size(), 1);
        endSession(*sessions.begin());
        QCOMPARE(failureOf(touch(*pool, Lane::Reads)), DatabaseLogin::lockedMessage());
        QVERIFY(serverSessions().isEmpty());
        QCOMPARE(pool->connectionsOpened(), quint64(1));

        // Another login's password does not unlock this one.
        const auto other = database().personUrl(u"doctor:2"_s);
        QVERIFY(other.ok());
        pool->unlock(other.value());
        QVERIFY(!pool->hasSecret());
        QCOMPARE(failureOf(touch(*pool, Lane::Writes)), DatabaseLogin::lockedMessage());

        pool->unlock(m_person);
        QVERIFY(pool->hasSecret());
        QCOMPARE(failureOf(touch(*pool, Lane::Reads)), QString());
        QCOMPARE(failureOf(touch(*pool, Lane::Writes)), QString());
        QCOMPARE(serverSessions().size(), 2);
    }

    void aConnectionTheServerEndedIsOpenedAgainForTheNextJob()
    {
        if (!isPostgres())
            QSKIP("an SQLite file has no server to end the connection");
        auto pool = openPool();
        const auto signedIn = scopeOf(*pool);
        QVERIFY(signedIn.ok());
        const SessionScope scope = signedIn.value();
        const auto before = backendOf(*pool, Lane::Writes);
        QVERIFY(before.ok());
        endSession(before.value());
        // The next job runs, on a new session, without a failure of its own; a write too.
        const auto saved
            = OrderCalloutService(pool)
                  .submit(scope, CalloutFixture::doneRequest({2}))
                  .result();
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.failure().message));
        const auto after = backendOf(*pool, Lane::Writes);
        QVERIFY(after.ok());
        QVERIFY(after.value() != before.value());
        // The two lanes, and the writing one once again.
        QCOMPARE(pool->connectionsOpened(), quint64(3));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout WHERE bill_id = 1"_s).toInt(),
                 1);
    }

    void aJobThatLostItsConnectionIsNotRunAgain()
    {
        if (!isPostgres())
            QSKIP("an SQLite file has no server to end the connection");
        auto pool = openPool();
        std::atomic<int> runs = 0;
        // The job's own session ends under it: it fails, once, and is not repeated.
        const Status lost = pool->run(Lane::Writes, [&runs](DatabaseConnection &connection) {
                                    ++runs;
                                    // The server ends the session at its next statement.
                                    connection.run(u"Ending the session"_s,
                                                   u"SELECT pg_terminate_backend(pg_backend_pid())"_s);
                                    const auto next = connection.run(u"Going on"_s, u"SELECT 1"_s);
                                    return next ? Status(Done{}) : Status(next.failure());
                                }).result();
        QVERIFY(!lost.ok());
        QCOMPARE(runs.load(), 1);
        QCOMPARE(failureOf(touch(*pool, Lane::Writes)), QString());
        QCOMPARE(runs.load(), 1);
        QCOMPARE(pool->connectionsOpened(), quint64(2));
    }
};

QTEST_GUILESS_MAIN(TestConnectionPool)
#include "tst_connectionpool.moc"
