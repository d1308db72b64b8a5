// SPEC C1–C7 and L1–L2 on both engines, on the exact lab of CalloutFixture.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/export/ExportColumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestCalloutEngine : public EngineTestCase
{
    Q_OBJECT

private:
    int status(qint64 report)
    {
        return scalar(db(), u"SELECT critical_values FROM report WHERE id = %1"_s.arg(report))
            .toInt();
    }
    int count(const QString &where)
    {
        return scalar(db(), u"SELECT COUNT(*) FROM "_s + where).toInt();
    }
    Result<CalloutOutcome> submit(const CalloutRequest &request)
    {
        Desk &support = desk(u"support:3"_s);
        return CalloutEngine(support.db()).submit(support.scope, request);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(seeded ? QString() : seeded.failure().message));
    }

    void attemptThenDoneTransitions()
    {
        // C2: an attempt moves the selection to 4.
        auto attempt = submit(CalloutFixture::attemptRequest({1}));
        QVERIFY2(attempt.ok(), qPrintable(attempt ? QString() : attempt.failure().message));
        QCOMPARE(status(1), 4);
        QCOMPARE(status(2), 1);

        // Done on report 2: it moves to 2, and report 1, attempted but not selected, is
        // Pending again. Everything else of the order stays as it was.
        auto done = submit(CalloutFixture::doneRequest({2}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.failure().message));
        QCOMPARE(status(2), 2);
        QCOMPARE(status(1), 1);
        for (qint64 untouched : {3, 4, 5})
            QCOMPARE(status(untouched), 1);
        QCOMPARE(status(6), 0);
        QCOMPARE(done.value().transitions.size(), 2);
        QVERIFY(done.value().replacedDraft);
    }

    void doneWritesOneRowPerReport()
    {
        const auto outcome = submit(CalloutFixture::doneRequest({1, 2}));
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value().auditRowIds.size(), 2);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND NOT is_draft AND status = 2"_s), 2);
        QCOMPARE(count(u"critical_callout WHERE lab_report_id = 1"_s), 1);
        QCOMPARE(count(u"critical_callout WHERE lab_report_id = 2"_s), 1);
        QCOMPARE(count(u"critical_callout WHERE is_draft"_s), 0);
        const QJsonArray values
            = QJsonDocument::fromJson(
                  scalar(
                      db(),
                      u"SELECT critical_values_meta FROM critical_callout WHERE lab_report_id = 2"_s)
                      .toString()
                      .toUtf8())
                  .array();
        QCOMPARE(values.size(), 1);
        QCOMPARE(values.first()[u"parameter_name"_s].toString(), u"Potassium"_s);
        QCOMPARE(
            scalar(db(),
                   u"SELECT performed_by_user_id FROM critical_callout WHERE lab_report_id = 1"_s)
                .toInt(),
            3);
    }

    void attemptWritesOneBillLevelRow()
    {
        const auto outcome = submit(CalloutFixture::attemptRequest({2, 1}));
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value().auditRowIds.size(), 1);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1"_s), 1);
        QCOMPARE(
            count(
                u"critical_callout WHERE bill_id = 1 AND is_draft AND lab_report_id IS NULL AND status = 4"_s),
            1);
        const QJsonObject meta
            = QJsonDocument::fromJson(
                  scalar(db(),
                         u"SELECT critical_callout_meta FROM critical_callout WHERE bill_id = 1"_s)
                      .toString()
                      .toUtf8())
                  .object();
        QCOMPARE(meta[u"callout_for"_s].toArray(), (QJsonArray{2, 1}));
        QCOMPARE(meta[u"communication_methods"_s].toArray(), QJsonArray{u"Email"_s});
    }

    void draftIsReplacedOnEverySubmit()
    {
        QVERIFY(submit(CalloutFixture::attemptRequest({1})).ok());
        const qint64 first
            = scalar(db(), u"SELECT id FROM critical_callout WHERE is_draft"_s).toLongLong();
        const auto second = submit(CalloutFixture::attemptRequest({1, 2}));
        QVERIFY(second.ok());
        QVERIFY(second.value().replacedDraft);
        QCOMPARE(count(u"critical_callout WHERE is_draft"_s), 1);
        QVERIFY(scalar(db(), u"SELECT id FROM critical_callout WHERE is_draft"_s).toLongLong()
                != first);
        QVERIFY(submit(CalloutFixture::doneRequest({1, 2})).ok());
        // C4: a completed callout never coexists with a draft.
        QCOMPARE(count(u"critical_callout WHERE is_draft"_s), 0);
        QCOMPARE(count(u"critical_callout WHERE NOT is_draft"_s), 2);
    }

    void activityTextAndJsonExactly()
    {
        CalloutRequest request = CalloutFixture::doneRequest({1, 2});
        request.methods = {CommunicationMethod::Email, CommunicationMethod::Fax};
        request.recipients = {RecipientKind::Referral, RecipientKind::Other};
        request.other = {u"Nurse Patel"_s, u"patel@ward.example"_s, u"777"_s, u"8888888888"_s};
        const auto outcome = submit(request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));

        QSqlQuery row(db().database());
        QVERIFY(row.exec(
            u"SELECT activity_text, dumped_json, lab_report_id, bill_id, lab_user_name, "
            "lab_user_id, log_category_id, session_token FROM activity_log WHERE id = %1"_s.arg(
                outcome.value().activityLogId)));
        QVERIFY(row.next());
        QCOMPARE(
            row.value(0).toString(),
            u"Callout done by - Sam Support, Callout for - Complete Blood Count, Potassium, "
            "Method - Email, Fax, Recipients - Referral, Other, Comment - Informed the doctor"_s);
        QCOMPARE(row.value(2).toInt(), 1); // the first report of the selection
        QCOMPARE(row.value(3).toInt(), 1);
        QCOMPARE(row.value(4).toString(), u"Sam Support"_s);
        QCOMPARE(row.value(5).toInt(), 3);
        QCOMPARE(row.value(6).toInt(), 648);
        QVERIFY(!row.value(7).toString().isEmpty());

        const QJsonObject json = QJsonDocument::fromJson(row.value(1).toString().toUtf8()).object();
        const QJsonObject expected{
            {u"bill_id"_s, 1},
            {u"lab_report_ids"_s, QJsonArray{1, 2}},
            {u"callout_for"_s, QJsonArray{u"Complete Blood Count"_s, u"Potassium"_s}},
            {u"method"_s, u"Email, Fax"_s},
            {u"callout_done_by"_s, u"Sam Support"_s},
            {u"recipients"_s, u"Referral, Other"_s},
            {u"comment"_s, u"Informed the doctor"_s},
            {u"organization"_s,
             QJsonObject{{u"name"_s, u"City Hospital"_s},
                         {u"email"_s, u"city@hospital.example"_s},
                         {u"fax"_s, u""_s}}},
            {u"referral"_s,
             QJsonObject{{u"name"_s, u"Dr. Jones"_s},
                         {u"email"_s, u"jones@clinic.example"_s},
                         {u"fax"_s, u"123456"_s}}},
            {u"patient"_s,
             QJsonObject{{u"name"_s, u"Jane Doe"_s},
                         {u"email"_s, u"jane@example.com"_s},
                         {u"contact"_s, u"9999999999"_s}}},
            {u"other"_s,
             QJsonObject{{u"name"_s, u"Nurse Patel"_s},
                         {u"email"_s, u"patel@ward.example"_s},
                         {u"fax"_s, u"777"_s},
                         {u"contact"_s, u"8888888888"_s}}},
            // Beyond L2: whom calls reached and when (U10); none here.
            {u"calls"_s, QJsonArray{}},
        };
        QCOMPARE(json.keys(), expected.keys()); // no is_draft: a done callout
        for (const QString &key : expected.keys())
            QVERIFY2(json.value(key) == expected.value(key), qPrintable(key));

        // Two methods × two recipients, each with an address: four messages queued.
        QCOMPARE(outcome.value().notificationsQueued, 4);
        QCOMPARE(
            count(u"notification_outbox WHERE activity_log_id = %1 AND state = 'pending'"_s.arg(
                outcome.value().activityLogId)),
            4);
        QCOMPARE(
            count(
                u"notification_outbox WHERE channel = 'fax' AND recipient_kind = 'referral' AND address = '123456'"_s),
            1);
        QCOMPARE(
            count(u"index_outbox WHERE scope = 'bill' AND bill_id = 1 AND state = 'pending'"_s), 1);
    }

    void attemptTextAndJson()
    {
        CalloutRequest request = CalloutFixture::attemptRequest({2});
        request.methods = {};
        request.recipients = {};
        const QDateTime called = QDateTime::currentDateTime().addSecs(-900);
        request.phoneCalls = {{u"Dr. Jones"_s, DeskTime::exported(called)}};
        const auto outcome = submit(request);
        QVERIFY(outcome.ok());
        QCOMPARE(scalar(db(), u"SELECT activity_text FROM activity_log"_s).toString(),
                 u"Callout Attempted by - Sam Support, Callout for - Potassium, Method - Phone "
                 "call, Recipients - -, Spoke with - Dr. Jones at %1, Comment - No answer"_s.arg(
                     DeskTime::exported(called)));
        const QJsonObject json
            = QJsonDocument::fromJson(
                  scalar(db(), u"SELECT dumped_json FROM activity_log"_s).toString().toUtf8())
                  .object();
        QCOMPARE(json[u"is_draft"_s], QJsonValue(true));
        QCOMPARE(outcome.value().notificationsQueued, 0); // N1: only a done callout sends
        QCOMPARE(count(u"notification_outbox"_s), 0);
    }

    void attemptWithNothingButTheSelection()
    {
        // What a desk sends for "tried, nobody answered": no method, no recipient, no comment.
        CalloutRequest request;
        request.billId = 1;
        request.reportIds = {1};
        request.kind = CalloutRequest::Kind::Attempt;
        const auto outcome = submit(request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        QCOMPARE(scalar(db(), u"SELECT comment FROM critical_callout WHERE is_draft"_s).toString(),
                 QString());
        QVERIFY(scalar(db(), u"SELECT activity_text FROM activity_log"_s)
                    .toString()
                    .endsWith(u"Comment - -"_s));
    }

    void failureRollsEverythingBack()
    {
        QVERIFY(submit(CalloutFixture::attemptRequest({1})).ok());
        const QByteArray before = databaseFingerprint(db());
        // Break the last write of the transaction: nothing before it may survive.
        QVERIFY(exec(db(), u"ALTER TABLE index_outbox RENAME TO index_outbox_gone"_s));
        const QByteArray brokenBefore = databaseFingerprint(db());
        const auto outcome = submit(CalloutFixture::doneRequest({1, 2}));
        QVERIFY(!outcome.ok());
        QCOMPARE(databaseFingerprint(db()), brokenBefore);
        QVERIFY(exec(db(), u"ALTER TABLE index_outbox_gone RENAME TO index_outbox"_s));
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(status(1), 4);
        QCOMPARE(count(u"critical_callout WHERE is_draft"_s), 1);
    }

    void statementCountDoesNotGrowWithTheOrder()
    {
        QList<quint64> counts;
        qint64 bill = 100;
        for (const int size : {1, 10, 100, 1}) {
            QVERIFY(CalloutFixture::addLargeBill(db(), bill, size, bill * 1000).ok());
            CalloutRequest request = CalloutFixture::doneRequest({});
            request.billId = bill;
            for (int i = 0; i < size; ++i)
                request.reportIds << bill * 1000 + i;
            Desk &support = desk(u"support:3"_s);
            const quint64 before = support.db().statementCount();
            const auto outcome = CalloutEngine(support.db()).submit(support.scope, request);
            QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
            QCOMPARE(outcome.value().auditRowIds.size(), size);
            counts << support.db().statementCount() - before;
            ++bill;
        }
        QCOMPARE(counts.at(1), counts.at(3));
        QCOMPARE(counts.at(2), counts.at(3));
        qInfo("statements per done callout: %llu", counts.at(3));
        // PostgreSQL: BEGIN, the order, its reports, values, formats, one write, COMMIT; the
        // first callout on a connection also prepares the five reused ones, once each.
        if (isPostgres()) {
            QCOMPARE(counts.at(3), quint64(7));
            QCOMPARE(counts.at(0), quint64(7 + 5));
        } else {
            QCOMPARE(counts.at(0), counts.at(3));
        }
    }

    void staleStateIsRefused()
    {
        QVERIFY(submit(CalloutFixture::attemptRequest({1})).ok()); // report 1 is now Attempted
        const QByteArray before = databaseFingerprint(db());
        CalloutRequest request = CalloutFixture::doneRequest({1, 2});
        request.expectedStatuses
            = {{1, CriticalStatus::CalloutPending}, {2, CriticalStatus::CalloutPending}};
        const auto outcome = submit(request);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.failure().kind, Failure::Kind::Conflict);
        QVERIFY2(outcome.failure().message.contains(
                     u"Complete Blood Count (report 1) is now Attempted, not Pending"_s),
                 qPrintable(outcome.failure().message));
        QCOMPARE(databaseFingerprint(db()), before);

        request.expectedStatuses
            = {{1, CriticalStatus::CalloutAttempted}, {2, CriticalStatus::CalloutPending}};
        QVERIFY(submit(request).ok());
    }

    void aCalloutMadeOfflineKeepsWhenItWasMadeAndWhenItWasReceived()
    {
        // SPEC O3: the record keeps both times; an online callout has no "made at".
        QVERIFY(submit(CalloutFixture::attemptRequest({1})).ok());
        const QDateTime madeAt = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600).addMSecs(-250);
        CalloutRequest request = CalloutFixture::doneRequest({1, 2});
        request.madeAt = madeAt;
        const auto outcome = submit(request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));

        Desk &support = desk(u"support:3"_s);
        const auto history = CalloutHistoryReader(support.db()).read(support.scope, {2});
        QVERIFY(history.ok());
        QCOMPARE(history.value().size(), 1);
        const HistoryEntry &entry = history.value().first();
        QCOMPARE(entry.madeAt.toMSecsSinceEpoch(), madeAt.toMSecsSinceEpoch());
        QVERIFY(entry.activityDate.secsTo(QDateTime::currentDateTimeUtc()) < 600);
        QVERIFY(entry.madeAt.secsTo(entry.activityDate) >= 3 * 3600);

        const auto audit = CalloutAuditReader(support.db()).read(support.scope, {1, 2});
        QVERIFY(audit.ok());
        int madeOffline = 0;
        for (const AuditRow &row : audit.value()) {
            if (row.madeAt.isValid()) {
                ++madeOffline;
                QCOMPARE(row.madeAt.toMSecsSinceEpoch(), madeAt.toMSecsSinceEpoch());
            }
        }
        QCOMPARE(madeOffline, 2);
        // The attempt before it was made online.
        const auto attempt = CalloutHistoryReader(support.db()).read(support.scope, {1});
        QVERIFY(attempt.ok());
        QCOMPARE(attempt.value().size(), 2);
        QVERIFY(!attempt.value().first().madeAt.isValid());

        // The export has a column of its own for it, after the time the server has.
        const QStringList titles = ExportColumns::titles();
        QCOMPARE(titles.last(), u"Made offline at"_s);
        const QList<ExportCell> cells = ExportColumns::cells({}, audit.value().last());
        QCOMPARE(cells.size(), titles.size());
        QCOMPARE(cells.last().time.toMSecsSinceEpoch(), madeAt.toMSecsSinceEpoch());
        QCOMPARE(cells.at(titles.indexOf(u"Latest callout at"_s)).time,
                 audit.value().last().createdOn);
    }

    void theDatabaseRefusesACalloutMadeAfterItWasReceived()
    {
        QVERIFY(submit(CalloutFixture::doneRequest({2})).ok());
        const auto at = [this](const QString &shift) {
            return isPostgres() ? u"now() + interval '%1'"_s.arg(shift)
                                : u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '%1')"_s.arg(shift);
        };
        const QString updateLog = u"UPDATE activity_log SET made_at = %1"_s;
        const QString insertAudit
            = u"INSERT INTO critical_callout (lab_id, bill_id, lab_report_id, is_draft, status, "
              "performed_by_user_id, made_at) VALUES (1, 1, 2, %1, 2, 3, %2)"_s;
        // An hour before it was received is a callout made offline; an hour after is not.
        QVERIFY(db().run(u"t"_s, updateLog.arg(at(u"-1 hours"_s)), {}).ok());
        QVERIFY(!db().run(u"t"_s, updateLog.arg(at(u"+1 hours"_s)), {}).ok());
        QVERIFY(db().run(u"t"_s, insertAudit.arg(sqlFalse(), at(u"-1 hours"_s)), {}).ok());
        QVERIFY(!db().run(u"t"_s, insertAudit.arg(sqlFalse(), at(u"+1 hours"_s)), {}).ok());
    }

    void aReportThatLeftTheCalloutMakesTheRequestStale()
    {
        // A report of another lab stays unknown, whatever the caller expected of it (V1).
        CalloutRequest foreign = CalloutFixture::doneRequest({2});
        foreign.expectedStatuses = {{9, CriticalStatus::CalloutPending}};
        const auto refused = submit(foreign);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(refused.failure().message.contains(u"no callout report 9"_s),
                 qPrintable(refused.failure().message));

        // Another desk sets report 1 normal and dismisses report 2 after this one opened.
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET critical_values = 0 WHERE id = 1"_s, {}).ok());
        QVERIFY(
            db().run(u"t"_s, u"UPDATE report SET dismissed = %1 WHERE id = 2"_s.arg(sqlTrue()), {})
                .ok());
        const QByteArray before = databaseFingerprint(db());
        CalloutRequest request = CalloutFixture::doneRequest({2});
        request.expectedStatuses
            = {{1, CriticalStatus::CalloutPending}, {2, CriticalStatus::CalloutPending}};
        const auto outcome = submit(request);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.failure().kind, Failure::Kind::Conflict);
        QVERIFY2(outcome.failure().message.contains(
                     u"Complete Blood Count (report 1) no longer awaits a callout; "
                     "Potassium (report 2) no longer awaits a callout"_s),
                 qPrintable(outcome.failure().message));
        QCOMPARE(databaseFingerprint(db()), before);
    }

    void concurrentCalloutsAreSerialised()
    {
        // Two desks, two connections, the same order, at the same moment. Desk A marks
        // report 1 done; desk B saves an attempt on reports 1 and 2. Whatever the order, the
        // result must be one of the two serial outcomes, never a mix.
        const auto url = database().personUrl(u"support:3"_s);
        QVERIFY2(url.ok(), qPrintable(url ? QString() : url.failure().message));
        auto run = [url = url.value()](CalloutRequest request, Result<CalloutOutcome> *result) {
            auto support = openDesk(url, u"support:3"_s);
            if (!support) {
                *result = support.failure();
                return;
            }
            *result = CalloutEngine(support.value().db()).submit(support.value().scope, request);
        };
        for (int round = 0; round < 3; ++round) {
            // Reports first: no report stays Attempted without its draft (C11).
            QVERIFY(exec(db(), u"UPDATE report SET critical_values = 1 WHERE id IN (1, 2)"_s));
            QVERIFY(exec(db(), u"DELETE FROM critical_callout WHERE is_draft"_s));
            Result<CalloutOutcome> a = Failure::internal(u"not run"_s);
            Result<CalloutOutcome> b = Failure::internal(u"not run"_s);
            std::unique_ptr<QThread> deskA(
                QThread::create(run, CalloutFixture::doneRequest({1}), &a));
            std::unique_ptr<QThread> deskB(
                QThread::create(run, CalloutFixture::attemptRequest({1, 2}), &b));
            deskA->start();
            deskB->start();
            QVERIFY(deskA->wait(60000));
            QVERIFY(deskB->wait(60000));
            QVERIFY2(a.ok(), qPrintable(a ? QString() : a.failure().message));
            QVERIFY2(b.ok(), qPrintable(b ? QString() : b.failure().message));

            const QList<int> finalState{status(1), status(2)};
            const int drafts = count(u"critical_callout WHERE is_draft"_s);
            // A then B: B's attempt leaves 1 and 2 Attempted with a draft.
            // B then A: A's done moves 1 to Done, resets 2 (Attempted, not selected) to
            // Pending and deletes B's draft.
            const bool aThenB = finalState == QList<int>{4, 4} && drafts == 1;
            const bool bThenA = finalState == QList<int>{2, 1} && drafts == 0;
            QVERIFY2(aThenB || bThenA,
                     qPrintable(u"mixed state %1,%2 with %3 drafts"_s.arg(finalState[0])
                                    .arg(finalState[1])
                                    .arg(drafts)));
        }
    }

    void concurrentStaleCalloutIsRefused()
    {
        // The same race, but each desk says what it saw: exactly one wins, the other is told
        // the order changed.
        const auto url = database().personUrl(u"support:3"_s);
        QVERIFY2(url.ok(), qPrintable(url ? QString() : url.failure().message));
        auto run = [url = url.value()](CalloutRequest request, Result<CalloutOutcome> *result) {
            auto support = openDesk(url, u"support:3"_s);
            if (!support) {
                *result = support.failure();
                return;
            }
            *result = CalloutEngine(support.value().db()).submit(support.value().scope, request);
        };
        CalloutRequest done = CalloutFixture::doneRequest({1, 2});
        done.expectedStatuses
            = {{1, CriticalStatus::CalloutPending}, {2, CriticalStatus::CalloutPending}};
        CalloutRequest attempt = CalloutFixture::attemptRequest({1, 2});
        attempt.expectedStatuses = done.expectedStatuses;
        Result<CalloutOutcome> a = Failure::internal(u"not run"_s);
        Result<CalloutOutcome> b = Failure::internal(u"not run"_s);
        std::unique_ptr<QThread> deskA(QThread::create(run, done, &a));
        std::unique_ptr<QThread> deskB(QThread::create(run, attempt, &b));
        deskA->start();
        deskB->start();
        QVERIFY(deskA->wait(60000));
        QVERIFY(deskB->wait(60000));
        QCOMPARE(int(a.ok()) + int(b.ok()), 1);
        const Result<CalloutOutcome> &loser = a.ok() ? b : a;
        QCOMPARE(loser.failure().kind, Failure::Kind::Conflict);
        QCOMPARE(count(u"activity_log"_s), 1);
    }

    void badInputIsRefusedAndNothingWritten_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<std::function<void(CalloutRequest &)>>("change");
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("mentions");
        using Change = std::function<void(CalloutRequest &)>;
        const QString none;
        QTest::newRow("unknown bill")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.billId = 99; }) << none
            << u"no order with id 99"_s;
        // SPEC O3: a callout recorded offline is made before the server receives it.
        QTest::newRow("made in the future") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.madeAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        }) << none << u"which is in the future"_s;
        QTest::newRow("made too long ago") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.madeAt = QDateTime::currentDateTimeUtc().addDays(-400);
        }) << none << u"more than 90 days ago"_s;
        QTest::newRow("bill of another lab") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.billId = 3;
            r.reportIds = {9};
        }) << none << u"no order with id 3"_s;
        QTest::newRow("report of another bill") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.reportIds = {1, 7};
        }) << none << u"with id 7"_s;
        QTest::newRow("report of another lab")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.reportIds = {9}; }) << none
            << u"with id 9"_s;
        QTest::newRow("report not visible") << u"labuser:1"_s << Change([](CalloutRequest &r) {
            r.reportIds = {1, 2};
        }) << none << u"with id 2"_s;
        QTest::newRow("report not critical")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.reportIds = {3}; }) << none
            << u"with id 3"_s;
        QTest::newRow("report dismissed")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.reportIds = {4}; }) << none
            << u"with id 4"_s;
        QTest::newRow("empty selection")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.reportIds = {}; }) << none
            << u"Select at least one report"_s;
        QTest::newRow("duplicate report") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.reportIds = {1, 1};
        }) << none << u"selected twice"_s;
        QTest::newRow("no method")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.methods = {}; }) << none
            << u"how the result was communicated"_s;
        QTest::newRow("no recipient")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.recipients = {}; }) << none
            << u"at least one recipient"_s;
        QTest::newRow("method off") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.methods = {CommunicationMethod::WhatsApp};
        }) << none << u"WhatsApp is not enabled"_s;
        QTest::newRow("mandatory comment") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.comment = u"   "_s;
        }) << u"UPDATE notification_setting SET enabled = TRUE WHERE setting_key = 'mandatory_comment'"_s
                                           << u"requires a comment"_s;
        QTest::newRow("recipient without fax") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.methods = {CommunicationMethod::Fax};
        }) << none << u"the organisation (City Hospital) has no fax number"_s;
        QTest::newRow("no referral on order") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.billId = 2;
            r.reportIds = {7};
            r.recipients = {RecipientKind::Referral};
        }) << none << u"has no referring doctor"_s;
        QTest::newRow("other without name") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.recipients = {RecipientKind::Other};
            r.other.email = u"x@y.example"_s;
        }) << none << u"name of the other contact"_s;
        QTest::newRow("other without email") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.recipients = {RecipientKind::Other};
            r.other.name = u"Nurse"_s;
        }) << none << u"has no email address"_s;
        QTest::newRow("oversized comment")
            << u"support:3"_s << Change([](CalloutRequest &r) { r.comment = QString(2001, u'x'); })
            << none << u"at most 2000"_s;
        QTest::newRow("phone call without time") << u"support:3"_s << Change([](CalloutRequest &r) {
            r.phoneCalls = {{u"Dr. Jones"_s, u""_s}};
        }) << none << u"whom you called and when"_s;
        QTest::newRow("phone call at no real time")
            << u"support:3"_s << Change([](CalloutRequest &r) {
                   r.phoneCalls = {{u"Dr. Jones"_s, u"25:99 tomorrow"_s}};
               })
            << none << u"is not a date and time"_s;
        QTest::newRow("phone call in the future")
            << u"support:3"_s << Change([](CalloutRequest &r) {
                   r.phoneCalls
                       = {{u"Dr. Jones"_s,
                           DeskTime::exported(QDateTime::currentDateTime().addSecs(3600))}};
               })
            << none << u"in the future"_s;
        QTest::newRow("done with an attempt's outcome")
            << u"support:3"_s << Change([](CalloutRequest &r) {
                   r.attempt = CalloutAttempt{AttemptOutcome::Busy, {u"Dr. Jones"_s, QString()}};
               })
            << none << u"Only an attempt has an outcome"_s;
        QTest::newRow("attempt tried a party the order lacks")
            << u"support:3"_s << Change([](CalloutRequest &r) {
                   r.billId = 2;
                   r.reportIds = {7};
                   r.kind = CalloutRequest::Kind::Attempt;
                   r.recipients = {};
                   r.attempt = CalloutAttempt{AttemptOutcome::NoAnswer,
                                              {QString(), QString(), RecipientKind::Referral}};
               })
            << none << u"has no referring doctor to try"_s;
        QTest::newRow("expectation of another report")
            << u"support:3"_s << Change([](CalloutRequest &r) {
                   r.expectedStatuses = {{6, CriticalStatus::Normal}};
               })
            << none << u"no callout report 6"_s;
    }

    void refusalsNameTheirField_data()
    {
        using Change = std::function<void(CalloutRequest &)>;
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("field");
        QTest::newRow("no report")
            << Change([](CalloutRequest &r) { r.reportIds = {}; }) << u"reports"_s;
        QTest::newRow("report of another order")
            << Change([](CalloutRequest &r) { r.reportIds = {7}; }) << u"reports"_s;
        QTest::newRow("no method")
            << Change([](CalloutRequest &r) { r.methods = {}; }) << u"methods"_s;
        QTest::newRow("method off")
            << Change([](CalloutRequest &r) { r.methods = {CommunicationMethod::WhatsApp}; })
            << u"methods"_s;
        QTest::newRow("no recipient")
            << Change([](CalloutRequest &r) { r.recipients = {}; }) << u"recipients"_s;
        QTest::newRow("recipient without fax")
            << Change([](CalloutRequest &r) { r.methods = {CommunicationMethod::Fax}; })
            << u"recipients"_s;
        QTest::newRow("other without name")
            << Change([](CalloutRequest &r) { r.recipients = {RecipientKind::Other}; })
            << u"other"_s;
        QTest::newRow("other without email") << Change([](CalloutRequest &r) {
            r.recipients = {RecipientKind::Other};
            r.other.name = u"Nurse"_s;
        }) << u"other"_s;
        QTest::newRow("oversized comment")
            << Change([](CalloutRequest &r) { r.comment = QString(2001, u'x'); }) << u"comment"_s;
        QTest::newRow("unknown order")
            << Change([](CalloutRequest &r) { r.billId = 99; }) << QString();
    }

    void refusalsNameTheirField()
    {
        // C7 in the dialog: a refusal is shown next to the part of the request it is about.
        QFETCH(std::function<void(CalloutRequest &)>, change);
        QFETCH(QString, field);
        CalloutRequest request = CalloutFixture::doneRequest({1});
        change(request);
        const auto outcome = submit(request);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.failure().kind, Failure::Kind::InvalidInput);
        QCOMPARE(outcome.failure().field, field);

        QVERIFY(exec(db(),
                     u"UPDATE notification_setting SET enabled = %1 "
                     "WHERE setting_key = 'mandatory_comment'"_s.arg(sqlTrue())));
        request = CalloutFixture::doneRequest({1});
        request.comment = QString();
        QCOMPARE(submit(request).failure().field, u"comment"_s);
    }

    void badInputIsRefusedAndNothingWritten()
    {
        QFETCH(QString, spec);
        QFETCH(std::function<void(CalloutRequest &)>, change);
        QFETCH(QString, setup);
        QFETCH(QString, mentions);
        if (!setup.isEmpty())
            QVERIFY(exec(db(), setup));
        CalloutRequest request = CalloutFixture::doneRequest({1});
        change(request);
        Desk &person = desk(spec); // before the fingerprint: the first sign-in makes the login
        const QByteArray before = databaseFingerprint(db());
        QVERIFY(!before.isEmpty());
        const auto outcome = CalloutEngine(person.db()).submit(person.scope, request);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(outcome.failure().message.contains(mentions),
                 qPrintable(outcome.failure().message));
        QVERIFY(!outcome.failure().message.contains(u'\n'));
        QCOMPARE(databaseFingerprint(db()), before);
    }
};

QTEST_GUILESS_MAIN(TestCalloutEngine)
#include "tst_calloutengine.moc"
