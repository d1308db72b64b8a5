// SPEC O1: a person's offline cache is filled with what the server lets that person see
// of the lab's window, and follows the server's change feed, including changes committed
// out of the order their transactions started in.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/ConnectionPool.h"
#include "services/offline/CacheSyncState.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheFiller.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineCacheRefresher.h"
#include "services/offline/OfflineCacheSync.h"
#include "services/search/SqlWorklistSource.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

QList<qint64> ids(DatabaseConnection &connection, const QString &sql)
{
    QList<qint64> result;
    QSqlQuery query(connection.database());
    if (!query.exec(sql))
        qWarning("%s failed", qPrintable(sql));
    while (query.next())
        result << query.value(0).toLongLong();
    return result;
}

// The ids of every table the cache holds an order's rows in, as one connection sees them.
QMap<QString, QList<qint64>> orderRows(DatabaseConnection &connection)
{
    QMap<QString, QList<qint64>> rows;
    for (const QString &table : {u"bill"_s, u"patient"_s, u"report"_s, u"report_value"_s,
                                 u"critical_callout"_s, u"activity_log"_s}) {
        rows.insert(table, ids(connection, u"SELECT id FROM %1 ORDER BY id"_s.arg(table)));
    }
    rows.insert(u"activity_log_report"_s,
                ids(connection, u"SELECT activity_log_id * 1000 + lab_report_id "
                                "FROM activity_log_report ORDER BY 1"_s));
    return rows;
}

QList<qint64> reportIds(const WorklistPage &page)
{
    QList<qint64> result;
    for (const WorklistRow &row : page.rows)
        result << row.reportId;
    return result;
}

} // namespace

class TestOfflineCacheSync : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;

    std::unique_ptr<DatabaseConnection> openCache(Desk &person, const QString &login)
    {
        auto cache = OfflineCache::open(OfflineCacheLocation(person.db().url(), login));
        if (!cache) {
            qWarning("%s", qPrintable(cache.failure().message));
            return nullptr;
        }
        return std::move(cache.value());
    }

    // Hana's cache, filled.
    std::unique_ptr<DatabaseConnection> filledCache(Desk &person)
    {
        auto cache = openCache(person, u"hana"_s);
        if (!cache)
            return nullptr;
        if (const auto filled = OfflineCacheFiller(person.db(), *cache).fill(); !filled) {
            qWarning("%s", qPrintable(filled.failure().message));
            return nullptr;
        }
        return cache;
    }

    // The cache's worklist is the server's, tab by tab: the same first page, the same counts.
    static void sameWorklist(Desk &person, DatabaseConnection &cache)
    {
        for (const CriticalStatus tab : {CriticalStatus::CalloutPending,
                                         CriticalStatus::CalloutAttempted,
                                         CriticalStatus::CalloutDone}) {
            WorklistQuery query;
            query.tab = tab;
            const auto online = SqlWorklistSource(person.db()).fetchNow(person.scope, query);
            const auto offline = SqlWorklistSource(cache).fetchNow(person.scope, query);
            QVERIFY2(online.ok(), qPrintable(online ? QString() : online.failure().message));
            QVERIFY2(offline.ok(), qPrintable(offline ? QString() : offline.failure().message));
            QCOMPARE(reportIds(offline.value()), reportIds(online.value()));
            QCOMPARE(offline.value().counts(), online.value().counts());
            QCOMPARE(offline.value().total, online.value().total);
        }
    }

    Result<OfflineCacheRefresher::Summary> refresh(Desk &person, DatabaseConnection &cache)
    {
        return OfflineCacheRefresher(person.db(), cache).refresh();
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_DATA_HOME", m_home->path().toLocal8Bit());
        QVERIFY(CalloutFixture::seed(db()).ok());
        // A cache follows a PostgreSQL server; on SQLite only the refusal is tested.
        if (!isPostgres()
            && QByteArrayView(QTest::currentTestFunction()) != "aCacheFollowsOnlyAPostgreSqlServer")
            QSKIP("The cache is of a PostgreSQL server.");
    }

    void aCacheFollowsOnlyAPostgreSqlServer()
    {
        if (isPostgres())
            QSKIP("The refusal is of an SQLite database.");
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = openCache(hana, u"hana"_s);
        QVERIFY(cache);
        const QByteArray before = databaseFingerprint(*cache);
        const auto filled = OfflineCacheFiller(hana.db(), *cache).fill();
        QVERIFY(!filled.ok());
        QVERIFY2(filled.failure().message.contains(u"PostgreSQL"_s),
                 qPrintable(filled.failure().message));
        QCOMPARE(databaseFingerprint(*cache), before);
    }

    void aDepartmentsFillHoldsItsOrdersOfTheWindow()
    {
        // Order 4: Haematology, a normal result of 60 days ago (outside the window). Order 5:
        // Biochemistry only, recent (another department's).
        for (const QString &sql :
             {u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, bill_date) VALUES "
              "(4, 1, 'RL-4', 1, now() - interval '61 days'), (5, 1, 'RL-5', 1, now())"_s,
              u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values, "
              "sample_collected, completed, result_on, last_updated) VALUES "
              "(40, 1, 4, 1, 0, TRUE, TRUE, now() - interval '60 days', now() - interval '60 days'), "
              "(50, 1, 5, 2, 1, TRUE, TRUE, now(), now())"_s}) {
            QVERIFY(exec(db(), sql));
        }
        Desk &hana = desk(u"labuser:1"_s);
        QCOMPARE(ids(hana.db(), u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>({1, 2, 4}));
        auto cache = openCache(hana, u"hana"_s);
        QVERIFY(cache);

        const auto filled = OfflineCacheFiller(hana.db(), *cache).fill();
        QVERIFY2(filled.ok(), qPrintable(filled ? QString() : filled.failure().message));
        QCOMPARE(filled.value().orders, qsizetype(2));

        QCOMPARE(ids(*cache, u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>({1, 2}));
        QCOMPARE(ids(*cache, u"SELECT id FROM report ORDER BY id"_s),
                 QList<qint64>({1, 3, 4, 7, 8}));
        QCOMPARE(ids(*cache, u"SELECT id FROM patient ORDER BY id"_s), QList<qint64>({1, 2}));
        QCOMPARE(ids(*cache, u"SELECT id FROM lab"_s), QList<qint64>{1});
        QCOMPARE(ids(*cache, u"SELECT DISTINCT lab_id FROM lab_test"_s), QList<qint64>{1});
        QCOMPARE(ids(*cache, u"SELECT count(*) FROM report_value"_s), QList<qint64>{6});
        sameWorklist(hana, *cache);

        const auto state = CacheSyncState::read(*cache);
        QVERIFY(state.ok() && state.value());
        QCOMPARE(state.value()->windowDays, 30);
        QVERIFY(state.value()->dataAsOfTime().isValid());
        QVERIFY(qAbs(state.value()->dataAsOfTime().secsTo(QDateTime::currentDateTimeUtc())) < 120);
    }

    void aRefreshFollowsCalloutsNewReportsAndScope()
    {
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = filledCache(hana);
        QVERIFY(cache);
        QCOMPARE(orderRows(*cache), orderRows(hana.db()));

        // Another desk records a callout of Hana's report 1 and Bo's report 2.
        Desk &sam = desk(u"support:3"_s);
        const auto outcome = CalloutEngine(sam.db()).submit(sam.scope,
                                                            CalloutFixture::doneRequest({1, 2}));
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        auto refreshed = refresh(hana, *cache);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed ? QString() : refreshed.failure().message));
        QCOMPARE(refreshed.value().changedOrders, qsizetype(1));
        QVERIFY(!refreshed.value().filledAnew);
        QCOMPARE(ids(*cache, u"SELECT critical_values FROM report WHERE id = 1"_s),
                 QList<qint64>{2});
        QVERIFY(!ids(*cache, u"SELECT id FROM activity_log"_s).isEmpty());
        QCOMPARE(orderRows(*cache), orderRows(hana.db()));
        sameWorklist(hana, *cache);

        // A new critical report arrives on order 2.
        QVERIFY(exec(db(), u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values, "
                           "sample_collected, completed, result_on) VALUES "
                           "(10, 1, 2, 1, 1, TRUE, TRUE, now())"_s));
        QVERIFY(exec(db(), u"INSERT INTO report_value (report_id, report_format_id, value) "
                           "VALUES (10, 1, '4.1')"_s));
        // The catalogue is in no order's feed: it comes along with the next changed order.
        QVERIFY(exec(db(), u"UPDATE lab_test SET name = 'Full Blood Count' WHERE id = 1"_s));
        QVERIFY(refresh(hana, *cache).ok());
        QCOMPARE(scalar(*cache, u"SELECT name FROM lab_test WHERE id = 1"_s).toString(),
                 u"Full Blood Count"_s);
        QCOMPARE(ids(*cache, u"SELECT id FROM report WHERE bill_id = 2 ORDER BY id"_s),
                 QList<qint64>({7, 8, 10}));
        QCOMPARE(ids(*cache, u"SELECT count(*) FROM report_value WHERE report_id = 10"_s),
                 QList<qint64>{1});
        sameWorklist(hana, *cache);

        // Order 2's tests move to Biochemistry: it leaves Hana's scope, with its patient.
        QVERIFY(exec(db(), u"UPDATE report SET lab_test_id = 2 WHERE bill_id = 2"_s));
        refreshed = refresh(hana, *cache);
        QVERIFY(refreshed.ok());
        QCOMPARE(refreshed.value().keptOrders, qsizetype(0));
        QCOMPARE(ids(*cache, u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>{1});
        QCOMPARE(ids(*cache, u"SELECT id FROM patient ORDER BY id"_s), QList<qint64>{1});
        QCOMPARE(orderRows(*cache), orderRows(hana.db()));
        sameWorklist(hana, *cache);
    }

    // A callout changes five tables of its order in one statement; the feed says which orders
    // changed, so it notes the order once a transaction, and again in the next one.
    void aTransactionNotesEachOrderOnce()
    {
        const auto feedRows = [this](qint64 billId) {
            return scalar(db(), u"SELECT count(*) FROM cache_feed WHERE bill_id = %1"_s.arg(billId))
                .toLongLong();
        };
        const qint64 order1 = feedRows(1);
        const qint64 order2 = feedRows(2);
        Desk &sam = desk(u"support:3"_s);
        auto outcome
            = CalloutEngine(sam.db()).submit(sam.scope, CalloutFixture::doneRequest({1, 2}));
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        QCOMPARE(feedRows(1), order1 + 1);

        QVERIFY(exec(db(), u"BEGIN"_s));
        QVERIFY(exec(db(), u"UPDATE report SET comments = 'first' WHERE id = 3"_s));
        QVERIFY(exec(db(), u"UPDATE report SET comments = 'second' WHERE id IN (1, 3, 8)"_s));
        QVERIFY(exec(db(), u"UPDATE report_value SET value = value WHERE report_id = 8"_s));
        QVERIFY(exec(db(), u"COMMIT"_s));
        QCOMPARE(feedRows(1), order1 + 2);
        QCOMPARE(feedRows(2), order2 + 1);
    }

    void aChangeCommittedOutOfIdOrderIsNotMissed()
    {
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = filledCache(hana);
        QVERIFY(cache);

        // The earlier transaction writes first (lower transaction and feed ids) and commits
        // last.
        auto earlier = database().connect(u"earlier"_s);
        auto later = database().connect(u"later"_s);
        QVERIFY(exec(*earlier, u"BEGIN"_s));
        QVERIFY(exec(*earlier, u"UPDATE report SET comments = 'earlier' WHERE id = 3"_s));
        QVERIFY(exec(*later, u"UPDATE report SET comments = 'later' WHERE id = 8"_s));
        // What a reader that kept the highest feed id it had read would have passed over.
        QVERIFY(scalar(*earlier, u"SELECT max(id) FROM cache_feed WHERE bill_id = 1"_s).toLongLong()
                < scalar(*earlier, u"SELECT max(id) FROM cache_feed WHERE bill_id = 2"_s).toLongLong());

        auto refreshed = refresh(hana, *cache);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed ? QString() : refreshed.failure().message));
        QCOMPARE(refreshed.value().changedOrders, qsizetype(1));
        QCOMPARE(scalar(*cache, u"SELECT comments FROM report WHERE id = 8"_s).toString(),
                 u"later"_s);
        QCOMPARE(scalar(*cache, u"SELECT comments FROM report WHERE id = 3"_s).toString(),
                 QString());

        QVERIFY(exec(*earlier, u"COMMIT"_s));
        refreshed = refresh(hana, *cache);
        QVERIFY(refreshed.ok());
        QCOMPARE(refreshed.value().changedOrders, qsizetype(1)); // order 1 only: order 2 is not read again
        QCOMPARE(scalar(*cache, u"SELECT comments FROM report WHERE id = 3"_s).toString(),
                 u"earlier"_s);
        QCOMPARE(orderRows(*cache), orderRows(hana.db()));
    }

    void aFillInStepsMissesNoChangeMadeBetweenThem()
    {
        Desk &hana = desk(u"labuser:1"_s);
        const OfflineCacheLocation location(hana.db().url(), u"hana"_s);
        auto cache = openCache(hana, u"hana"_s);
        QVERIFY(cache);
        OfflineCacheFiller filler(hana.db(), *cache, 1);
        auto stepped = filler.step();
        QVERIFY2(stepped.ok(), qPrintable(stepped ? QString() : stepped.failure().message));
        QVERIFY(!stepped.value());
        QCOMPARE(ids(*cache, u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>{1});
        // Half filled is not filled: nothing reads it as a copy of the server yet.
        QVERIFY(!CacheSyncState::read(*cache).value().has_value());
        const auto early = OfflineCache::openFilled(location);
        QVERIFY(!early.ok());
        QVERIFY2(early.failure().message.contains(u"no offline copy"_s),
                 qPrintable(early.failure().message));

        // Between the steps: order 1 (copied) and order 2 (not yet) change.
        QVERIFY(exec(db(), u"UPDATE report SET comments = 'between' WHERE id IN (3, 8)"_s));
        stepped = filler.step();
        QVERIFY(stepped.ok());
        QVERIFY(stepped.value());
        QCOMPARE(filler.summary()->orders, qsizetype(2));
        QCOMPARE(scalar(*cache, u"SELECT comments FROM report WHERE id = 8"_s).toString(),
                 u"between"_s);
        QCOMPARE(scalar(*cache, u"SELECT comments FROM report WHERE id = 3"_s).toString(),
                 QString());
        QVERIFY(OfflineCache::openFilled(location).ok());

        // The first refresh reads the feed from the first step's watermark: order 1 again.
        const auto refreshed = refresh(hana, *cache);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed ? QString() : refreshed.failure().message));
        QVERIFY(!refreshed.value().filledAnew);
        QCOMPARE(scalar(*cache, u"SELECT comments FROM report WHERE id = 3"_s).toString(),
                 u"between"_s);
        QCOMPARE(orderRows(*cache), orderRows(hana.db()));
        sameWorklist(hana, *cache);
    }

    void theDesksFillLetsOtherWorkOnItsLaneRunBetweenSteps()
    {
        const auto url = database().personUrl(u"labuser:1"_s);
        QVERIFY(url.ok());
        const OfflineCacheLocation location(url.value(), u"hana"_s);
        auto pool = ConnectionPool::create(url.value());
        // One order per step: Hana's two orders take two jobs on the writing lane.
        OfflineCacheSync sync(pool, location, 60 * 60 * 1000, 1);
        QSignalSpy refreshed(&sync, &OfflineCacheSync::refreshed);
        QSignalSpy failed(&sync, &OfflineCacheSync::failed);
        sync.start();
        // A callout's job, posted while the fill runs: it must not wait for the whole fill.
        auto filledWhenItRan = std::make_shared<std::atomic<int>>(-1);
        pool->post(ConnectionPool::Lane::Writes,
                   [filledWhenItRan, location](const Result<DatabaseConnection *> &) {
                       auto cache = OfflineCache::open(location);
                       if (cache)
                           *filledWhenItRan
                               = CacheSyncState::read(*cache.value()).value().has_value() ? 1 : 0;
                   });
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(refreshed.at(0).at(1).toInt(), 2);
        QCOMPARE(filledWhenItRan->load(), 0);
        auto cache = OfflineCache::open(location);
        QVERIFY(cache.ok());
        QCOMPARE(ids(*cache.value(), u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>({1, 2}));
        QVERIFY(CacheSyncState::read(*cache.value()).value().has_value());
    }

    void aRefreshWithoutChangesWritesNothing()
    {
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = filledCache(hana);
        QVERIFY(cache);
        // An order of her lab that Hana does not see: in her lab's feed, not in her cache.
        QVERIFY(exec(db(), u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, bill_date) "
                           "VALUES (5, 1, 'RL-5', 1, now())"_s));
        QVERIFY(exec(db(), u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, "
                           "critical_values, sample_collected, completed, result_on) VALUES "
                           "(50, 1, 5, 2, 1, TRUE, TRUE, now())"_s));
        const auto followed = refresh(hana, *cache);
        QVERIFY(followed.ok());
        QCOMPARE(followed.value().keptOrders, qsizetype(0));
        QCOMPARE(ids(*cache, u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>({1, 2}));
        const QByteArray before = databaseFingerprint(*cache);
        QVERIFY(!before.isEmpty());

        for (int round = 0; round < 2; ++round) {
            const auto refreshed = refresh(hana, *cache);
            QVERIFY2(refreshed.ok(),
                     qPrintable(refreshed ? QString() : refreshed.failure().message));
            QVERIFY(!refreshed.value().wrote);
            QCOMPARE(refreshed.value().changedOrders, qsizetype(0));
            QCOMPARE(databaseFingerprint(*cache), before);
        }
    }

    void aCacheFurtherBehindThanTheFeedIsFilledAnew()
    {
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = filledCache(hana);
        QVERIFY(cache);
        // Fifteen days without a refresh: the server may have pruned what the cache missed.
        QVERIFY(exec(*cache, u"UPDATE cache_sync_state SET data_as_of = "
                             "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-15 days')"_s));
        QVERIFY(exec(*cache, u"DELETE FROM report WHERE id = 8"_s));
        const auto refreshed = refresh(hana, *cache);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed ? QString() : refreshed.failure().message));
        QVERIFY(refreshed.value().filledAnew);
        QCOMPARE(orderRows(*cache), orderRows(hana.db()));

        // The lab narrows its window: the next refresh fills the cache with the new one.
        QVERIFY(exec(db(), u"UPDATE lab SET offline_window_days = 7 WHERE id = 1"_s));
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 0, result_on = now() - interval "
                           "'10 days' WHERE bill_id = 2"_s));
        const auto narrowed = refresh(hana, *cache);
        QVERIFY(narrowed.ok());
        QVERIFY(narrowed.value().filledAnew);
        QCOMPARE(ids(*cache, u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>{1});
        QCOMPARE(CacheSyncState::read(*cache).value()->windowDays, 7);
    }

    void ordersThatTimeTookOutOfTheWindowLeave()
    {
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = filledCache(hana);
        QVERIFY(cache);
        // As the cache would hold order 2 forty days on, its callouts long done.
        QVERIFY(exec(*cache, u"UPDATE report SET critical_values = 2, "
                             "result_on = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-40 days'), "
                             "last_updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-40 days') "
                             "WHERE bill_id = 2"_s));
        const auto refreshed = refresh(hana, *cache);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed ? QString() : refreshed.failure().message));
        QCOMPARE(refreshed.value().agedOutOrders, qsizetype(1));
        QCOMPARE(ids(*cache, u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>{1});
        QCOMPARE(ids(*cache, u"SELECT id FROM patient ORDER BY id"_s), QList<qint64>{1});
        QCOMPARE(ids(*cache, u"SELECT count(*) FROM report WHERE bill_id = 2"_s), QList<qint64>{0});
    }

    void feedRowsPastTheRetentionArePruned()
    {
        QVERIFY(exec(db(), u"INSERT INTO cache_feed (lab_id, bill_id, changed_on) VALUES "
                           "(1, 1, now() - interval '15 days'), (2, 3, now() - interval '15 days')"_s));
        const qint64 before = scalar(db(), u"SELECT count(*) FROM cache_feed"_s).toLongLong();
        Desk &hana = desk(u"labuser:1"_s);
        auto cache = openCache(hana, u"hana"_s);
        QVERIFY(cache);
        OfflineCacheRefresher refresher(hana.db(), *cache);
        const auto pruned = refresher.pruneFeedIfDue();
        QVERIFY2(pruned.ok(), qPrintable(pruned ? QString() : pruned.failure().message));
        QCOMPARE(pruned.value(), 2);
        QCOMPARE(scalar(db(), u"SELECT count(*) FROM cache_feed"_s).toLongLong(), before - 2);
        QCOMPARE(refresher.pruneFeedIfDue().value(), 0); // not due again for an hour
    }

    void theDesksServiceFillsThenRefreshesOnItsLane()
    {
        const auto url = database().personUrl(u"labuser:1"_s);
        QVERIFY(url.ok());
        const OfflineCacheLocation location(url.value(), u"hana"_s);
        auto pool = ConnectionPool::create(url.value());
        OfflineCacheSync sync(pool, location, 60 * 60 * 1000);
        QSignalSpy refreshed(&sync, &OfflineCacheSync::refreshed);
        QSignalSpy failed(&sync, &OfflineCacheSync::failed);
        sync.start();
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(QDateTime::fromString(refreshed.at(0).at(0).toString(), Qt::ISODateWithMs).isValid());

        QVERIFY(exec(db(), u"UPDATE report SET comments = 'seen offline' WHERE id = 7"_s));
        sync.refreshNow();
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(refreshed.at(1).at(1).toInt(), 1);

        auto cache = OfflineCache::open(location);
        QVERIFY(cache.ok());
        QCOMPARE(ids(*cache.value(), u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>({1, 2}));
        QCOMPARE(scalar(*cache.value(), u"SELECT comments FROM report WHERE id = 7"_s).toString(),
                 u"seen offline"_s);
    }
};

QTEST_GUILESS_MAIN(TestOfflineCacheSync)
#include "tst_offlinecachesync.moc"
