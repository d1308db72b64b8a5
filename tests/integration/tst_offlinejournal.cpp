// SPEC O3 on both engines: callouts recorded in the offline journal of a person's cache,
// replayed to the server as that person (on PostgreSQL, the person's own login), once each,
// in the order made, and what the server refused waits in "Needs attention".
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "PgCommitCutProxy.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineJournal.h"
#include "services/offline/OfflineJournalReplayer.h"
#include "services/offline/OfflineJournalWorker.h"

#include <QSignalSpy>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

const QString person = u"support:3"_s;

QString failureOf(const Status &status)
{
    return status ? QString() : status.failure().message;
}

template <typename T> QString failureOf(const Result<T> &result)
{
    return result ? QString() : result.failure().message;
}

} // namespace

class TestOfflineJournal : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<DatabaseConnection> m_cache;

    OfflineCacheLocation location() { return {desk(person).db().url(), u"sam"_s}; }

    // The desk starts (again): its cache file is opened as the program opens it.
    bool openCache()
    {
        m_cache.reset();
        auto opened = OfflineCache::open(location());
        if (!opened) {
            qWarning("%s", qPrintable(opened.failure().message));
            return false;
        }
        m_cache = std::move(opened.value());
        return true;
    }
    OfflineJournal journal() { return OfflineJournal(*m_cache); }

    // A callout the person made at the desk while offline, `minutesAgo`, on the statuses
    // they saw then.
    CalloutRequest madeOffline(CalloutRequest request, const QString &requestId, int minutesAgo,
                               QHash<qint64, CriticalStatus> saw)
    {
        request.requestId = requestId;
        request.madeAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
        request.expectedStatuses = std::move(saw);
        return request;
    }
    qint64 record(const CalloutRequest &request)
    {
        const auto recorded = journal().record(desk(person).scope, request);
        if (!recorded)
            qWarning("%s", qPrintable(recorded.failure().message));
        return recorded ? recorded.value() : 0;
    }

    static OfflineJournalReplayer::Options options(const QString &worker = u"desk-1"_s)
    {
        OfflineJournalReplayer::Options options;
        options.worker = worker;
        // Short delays, so a test sees the retry without waiting the desk's half minute.
        options.retry.firstDelayMs = 10;
        options.retry.maxDelayMs = 20;
        return options;
    }
    OfflineJournalReplayer::Report replay(DatabaseConnection &server,
                                          const QString &worker = u"desk-1"_s)
    {
        return OfflineJournalReplayer(*m_cache, server, desk(person).scope, options(worker))
            .replay();
    }
    OfflineJournalReplayer::Report replay() { return replay(desk(person).db()); }

    int onServer(const QString &requestId)
    {
        return scalar(db(),
                      u"SELECT COUNT(*) FROM activity_log WHERE request_id = '%1'"_s.arg(requestId))
            .toInt();
    }
    OfflineJournal::Entry entry(qint64 id)
    {
        const auto all = journal().entries();
        if (all)
            for (const OfflineJournal::Entry &entry : all.value())
                if (entry.id == id)
                    return entry;
        return {};
    }
    QList<HistoryEntry> history(qint64 reportId)
    {
        Desk &support = desk(person);
        return CalloutHistoryReader(support.db()).read(support.scope, {reportId}).value();
    }
    static void waitPast(int milliseconds) { QThread::msleep(milliseconds); }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(failureOf(seeded)));
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_DATA_HOME", m_home->path().toLocal8Bit());
        QVERIFY(openCache());
    }

    void cleanup()
    {
        m_cache.reset();
        m_home.reset();
        EngineTestCase::cleanup();
    }

    void aCalloutMadeOfflineReachesTheServerOnceWithBothTimes()
    {
        const CalloutRequest made
            = madeOffline(CalloutFixture::doneRequest({2}), u"offline-potassium"_s, 10,
                          {{2, CriticalStatus::CalloutPending}});
        const qint64 id = record(made);
        QVERIFY(id > 0);
        // The server is away: nothing reaches it; the desk restarts while offline.
        QCOMPARE(onServer(made.requestId), 0);
        QVERIFY(openCache());
        QCOMPARE(entry(id).state, u"pending"_s);
        QCOMPARE(entry(id).request.requestId, made.requestId);
        QCOMPARE(entry(id).request.expectedStatuses, made.expectedStatuses);
        QCOMPARE(entry(id).madeBy, desk(person).scope.userName());
        QCOMPARE(entry(id).madeAt.toMSecsSinceEpoch(), made.madeAt.toMSecsSinceEpoch());

        const auto report = replay();
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(report.sent, 1);
        QCOMPARE(onServer(made.requestId), 1);
        const QList<HistoryEntry> shown = history(2);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().madeAt.toMSecsSinceEpoch(), made.madeAt.toMSecsSinceEpoch());
        QVERIFY(shown.first().madeAt.secsTo(shown.first().activityDate) >= 9 * 60);
        QCOMPARE(entry(id).state, u"applied"_s);
        QCOMPARE(entry(id).activityLogId, shown.first().id);

        // Again, and after another restart: nothing more reaches the server.
        const QByteArray before = databaseFingerprint(db());
        QCOMPARE(replay().claimed, 0);
        QVERIFY(openCache());
        QCOMPARE(replay().claimed, 0);
        QCOMPARE(databaseFingerprint(db()), before);
    }

    void aReplayCutBetweenTheServersCommitAndTheJournalsMarkWritesNothingMore()
    {
        const CalloutRequest made = madeOffline(
            CalloutFixture::doneRequest({1, 2}), u"offline-cut"_s, 5,
            {{1, CriticalStatus::CalloutPending}, {2, CriticalStatus::CalloutPending}});
        const qint64 id = record(made);
        QVERIFY(id > 0);
        // A replay claims the entry, the server commits it, and the desk dies before the
        // journal marks it applied.
        OutboxQueue queue = journal().queue();
        const auto claimed = queue.claim(u"crashed"_s, OfflineJournal::claimColumns(), 10, 1);
        QVERIFY(claimed.ok());
        QCOMPARE(claimed.value().size(), 1);
        const OfflineJournal::Entry kept = OfflineJournal::entryOf(claimed.value().first());
        QVERIFY(kept.unreadable.isEmpty());
        const auto committed
            = CalloutEngine(desk(person).db()).submit(desk(person).scope, kept.request);
        QVERIFY2(committed.ok(), qPrintable(failureOf(committed)));
        QVERIFY(openCache());
        QCOMPARE(entry(id).state, u"sending"_s);

        // While the dead replay's lease holds, nobody sends it again.
        QCOMPARE(replay().claimed, 0);
        waitPast(1100);
        const QByteArray before = databaseFingerprint(db());
        const auto report = replay();
        QCOMPARE(report.sent, 1);
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(onServer(made.requestId), 1);
        QCOMPARE(entry(id).state, u"applied"_s);
        QCOMPARE(entry(id).activityLogId, committed.value().activityLogId);
    }

    void entriesReplayInTheOrderMade()
    {
        // An attempt, then the done callout made after it on the statuses it left: sent
        // the other way round, the done callout would be refused as stale.
        const qint64 attempt
            = record(madeOffline(CalloutFixture::attemptRequest({1}), u"offline-first"_s, 30,
                                 {{1, CriticalStatus::CalloutPending}}));
        const qint64 done
            = record(madeOffline(CalloutFixture::doneRequest({1}), u"offline-second"_s, 20,
                                 {{1, CriticalStatus::CalloutAttempted}}));
        QVERIFY(attempt > 0 && done > 0);

        // A replay that died holding the first: the second waits for it, not sent alone.
        const auto claimed
            = journal().queue().claim(u"crashed"_s, OfflineJournal::claimColumns(), 1, 1);
        QVERIFY(claimed.ok());
        QCOMPARE(claimed.value().size(), 1);
        const auto waiting = replay();
        QCOMPARE(waiting.sent, 0);
        QCOMPARE(waiting.retried, 1);
        QCOMPARE(onServer(u"offline-second"_s), 0);
        QCOMPARE(entry(done).state, u"pending"_s);
        QVERIFY(entry(done).lastError.contains(u"Waits for a callout recorded before it"_s));

        waitPast(1100);
        const auto report = replay();
        QCOMPARE(report.sent, 2);
        QCOMPARE(report.failed, 0);
        const QList<HistoryEntry> shown = history(1);
        QCOMPARE(shown.size(), 2);
        QVERIFY(shown.at(0).isAttempt());
        QVERIFY(!shown.at(1).isAttempt());
        QVERIFY(shown.at(0).madeAt < shown.at(1).madeAt);
        QVERIFY(shown.at(0).id < shown.at(1).id);
    }

    void aServerThatCannotTakeItNowIsTriedAgainLater()
    {
        if (!isPostgres())
            QSKIP("the connection is cut on its way to the PostgreSQL server");
        const auto direct = database().personUrl(person);
        QVERIFY(direct.ok());
        PgCommitCutProxy proxy("127.0.0.1", quint16(direct.value().port()));
        QVERIFY(proxy.isListening());
        const auto url
            = DatabaseUrl::parse(u"postgresql://%1:%2@127.0.0.1:%3/%4?connect_timeout=5"_s
                                     .arg(direct.value().userName(), direct.value().password())
                                     .arg(proxy.port())
                                     .arg(direct.value().databaseName()));
        QVERIFY(url.ok());
        auto cut = openDesk(url.value(), person);
        QVERIFY2(cut.ok(), qPrintable(failureOf(cut)));

        const qint64 id = record(madeOffline(CalloutFixture::doneRequest({2}), u"offline-cut-off"_s,
                                             3, {{2, CriticalStatus::CalloutPending}}));
        QVERIFY(id > 0);
        proxy.arm(PgCommitCutProxy::Cut::BeforeCommit);
        const auto lost = replay(cut.value().db());
        QCOMPARE(proxy.cuts(), 1);
        QVERIFY(lost.problem);
        QCOMPARE(lost.problem->kind, Failure::Kind::Unavailable);
        QCOMPARE(lost.retried, 1);
        QCOMPARE(onServer(u"offline-cut-off"_s), 0);
        QCOMPARE(entry(id).state, u"pending"_s);
        QCOMPARE(entry(id).attempts, 1);
        QVERIFY(!entry(id).lastError.isEmpty());
        const auto counts = journal().queue().counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts.value().waitingToRetry, 1);

        // The desk's lane opens a broken connection again before its next job.
        waitPast(50);
        auto reopened = openDesk(url.value(), person);
        QVERIFY2(reopened.ok(), qPrintable(failureOf(reopened)));
        const auto report = replay(reopened.value().db());
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(report.sent, 1);
        QCOMPARE(onServer(u"offline-cut-off"_s), 1);
        QCOMPARE(entry(id).state, u"applied"_s);
    }

    void aCalloutWhoseReportsChangedNeedsAttentionThenIsRecordedAgain()
    {
        const CalloutRequest made
            = madeOffline(CalloutFixture::doneRequest({2}), u"offline-stale"_s, 15,
                          {{2, CriticalStatus::CalloutPending}});
        const qint64 id = record(made);
        QVERIFY(id > 0);
        // Meanwhile another desk called the potassium out.
        auto other = signIn(person);
        QVERIFY(other.ok());
        QVERIFY(CalloutEngine(other.value().db())
                    .submit(other.value().scope, CalloutFixture::doneRequest({2}))
                    .ok());

        const auto report = replay();
        QCOMPARE(report.failed, 1);
        QCOMPARE(report.sent, 0);
        QCOMPARE(onServer(made.requestId), 0);
        QCOMPARE(history(2).size(), 1);
        const auto attention = journal().needsAttention();
        QVERIFY(attention.ok());
        QCOMPARE(attention.value().size(), 1);
        QCOMPARE(attention.value().first().id, id);
        QVERIFY2(attention.value().first().lastError.contains(
                     u"Potassium (report 2) is now Done, not Pending"_s),
                 qPrintable(attention.value().first().lastError));
        // A replay again does not apply it behind the person's back.
        QCOMPARE(replay().claimed, 0);
        QCOMPARE(history(2).size(), 1);

        const auto again = journal().recordAgain(id, desk(person).scope);
        QVERIFY2(again.ok(), qPrintable(failureOf(again)));
        QVERIFY(journal().needsAttention().value().isEmpty());
        QCOMPARE(entry(id).state, u"resolved"_s);
        QCOMPARE(entry(id).resolution, u"recorded_again"_s);
        QCOMPARE(entry(id).resolvedInto, again.value());
        QVERIFY(!journal().recordAgain(id, desk(person).scope).ok());

        QVERIFY(openCache());
        QCOMPARE(replay().sent, 1);
        const QList<HistoryEntry> shown = history(2);
        QCOMPARE(shown.size(), 2);
        QCOMPARE(shown.last().madeAt.toMSecsSinceEpoch(), made.madeAt.toMSecsSinceEpoch());
        QCOMPARE(shown.last().labUserName, desk(person).scope.userName());
        QCOMPARE(entry(again.value()).activityLogId, shown.last().id);
        QCOMPARE(replay().claimed, 0);
        QCOMPARE(history(2).size(), 2);
    }

    void aDiscardedCalloutKeepsItsReason()
    {
        const qint64 id = record(madeOffline(CalloutFixture::doneRequest({2}), u"offline-gone"_s,
                                             15, {{2, CriticalStatus::CalloutPending}}));
        QVERIFY(id > 0);
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 0 WHERE id = 2"_s));
        QCOMPARE(replay().failed, 1);
        QCOMPARE(journal().needsAttention().value().size(), 1);

        // A reason is required; none given, nothing changes.
        const Status unexplained = journal().discard(id, u"  "_s, desk(person).scope);
        QVERIFY(!unexplained.ok());
        QCOMPARE(unexplained.failure().kind, Failure::Kind::InvalidInput);
        QCOMPARE(entry(id).state, u"failed"_s);

        QVERIFY2(
            journal()
                .discard(id, u"The doctor had already been told by the ward."_s, desk(person).scope)
                .ok(),
            "discard");
        QVERIFY(openCache());
        const OfflineJournal::Entry kept = entry(id);
        QCOMPARE(kept.state, u"resolved"_s);
        QCOMPARE(kept.resolution, u"discarded"_s);
        QCOMPARE(kept.resolutionReason, u"The doctor had already been told by the ward."_s);
        QCOMPARE(kept.resolvedBy, desk(person).scope.userName());
        QVERIFY(kept.resolvedOn.secsTo(QDateTime::currentDateTimeUtc()) < 600);
        QCOMPARE(kept.request.requestId, u"offline-gone"_s);
        QVERIFY(journal().needsAttention().value().isEmpty());
        // The queue's counts see no work left: a resolved entry is neither waiting, held by
        // a replay, nor failed.
        const auto counts = journal().queue().counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts.value().pending + counts.value().claimed + counts.value().failed, 0);
        QCOMPARE(replay().claimed, 0);
        QCOMPARE(onServer(u"offline-gone"_s), 0);
        // The cache itself refuses to lose it or change the decision.
        QVERIFY(!m_cache->run(u"t"_s, u"DELETE FROM offline_journal"_s).ok());
        QVERIFY(
            !m_cache->run(u"t"_s, u"UPDATE offline_journal SET resolution_reason = 'x'"_s).ok());
        QCOMPARE(entry(id).resolutionReason, u"The doctor had already been told by the ward."_s);
    }

    void theDesksWorkerReplaysOffTheUiThread()
    {
        const qint64 good = record(madeOffline(CalloutFixture::doneRequest({1}), u"offline-ok"_s, 8,
                                               {{1, CriticalStatus::CalloutPending}}));
        const qint64 stale = record(madeOffline(CalloutFixture::doneRequest({2}), u"offline-late"_s,
                                                7, {{2, CriticalStatus::CalloutAttempted}}));
        QVERIFY(good > 0 && stale > 0);
        OfflineJournalWorker worker(ConnectionPool::create(desk(person).db().login()), location(),
                                    desk(person).scope, options(), 60 * 1000);
        QSignalSpy drained(&worker, &OfflineJournalWorker::drained);
        worker.start();
        QVERIFY(drained.wait(20000));
        const QList<QVariant> round = drained.first();
        QCOMPARE(round.at(0).toInt(), 1); // sent
        QCOMPARE(round.at(2).toInt(), 1); // refused: needs attention
        QCOMPARE(round.at(3).toString(), QString());
        QVERIFY2(round.at(4).toString().contains(u"need attention: 1."_s),
                 qPrintable(round.at(4).toString()));
        QCOMPARE(onServer(u"offline-ok"_s), 1);
        QCOMPARE(onServer(u"offline-late"_s), 0);
        QCOMPARE(entry(good).state, u"applied"_s);
        QCOMPARE(entry(stale).state, u"failed"_s);
    }

    void whatCannotBeRecordedIsRefusedAtOnce()
    {
        CalloutRequest unnamed = CalloutFixture::doneRequest({2});
        const auto withoutId = journal().record(desk(person).scope, unnamed);
        QVERIFY(!withoutId.ok());
        QVERIFY2(withoutId.failure().message.contains(u"request id"_s),
                 qPrintable(withoutId.failure().message));

        CalloutRequest future
            = madeOffline(CalloutFixture::doneRequest({2}), u"offline-future"_s, -60, {});
        const auto fromTheFuture = journal().record(desk(person).scope, future);
        QVERIFY(!fromTheFuture.ok());
        QVERIFY2(fromTheFuture.failure().message.contains(u"in the future"_s),
                 qPrintable(fromTheFuture.failure().message));

        const qint64 id
            = record(madeOffline(CalloutFixture::doneRequest({2}), u"offline-once"_s, 1, {}));
        QVERIFY(id > 0);
        const auto twice = journal().record(
            desk(person).scope,
            madeOffline(CalloutFixture::doneRequest({2}), u"offline-once"_s, 1, {}));
        QVERIFY(!twice.ok());
        QCOMPARE(twice.failure().kind, Failure::Kind::Conflict);
        QCOMPARE(journal().entries().value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestOfflineJournal)
#include "tst_offlinejournal.moc"
