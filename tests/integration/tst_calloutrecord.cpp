// SPEC C8, C9, C11, C12: the callout record is right for every report, every user and
// every retry — on both engines, on the exact lab of CalloutFixture.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "PgCommitCutProxy.h"
#include "models/OrderOverview.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/callout/OrderOverviewReader.h"
#include "services/callout/ReportSignoff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

QString message(const Failure &failure)
{
    return failure.message;
}

} // namespace

class TestCalloutRecord : public EngineTestCase
{
    Q_OBJECT

private:
    Result<CalloutOutcome> submit(const QString &who, const CalloutRequest &request)
    {
        Desk &person = desk(who);
        return CalloutEngine(person.db()).submit(person.scope, request);
    }
    int status(qint64 report)
    {
        return scalar(db(), u"SELECT critical_values FROM report WHERE id = %1"_s.arg(report))
            .toInt();
    }
    int count(const QString &where)
    {
        return scalar(db(), u"SELECT COUNT(*) FROM "_s + where).toInt();
    }
    QList<qint64> historyIds(const QString &who, QList<qint64> reports)
    {
        Desk &person = desk(who);
        auto history = CalloutHistoryReader(person.db()).read(person.scope, reports);
        if (!history)
            return {-1};
        QList<qint64> ids;
        for (const HistoryEntry &entry : history.value())
            ids << entry.id;
        return ids;
    }
    int overviewCalloutCount(const QString &who, qint64 report)
    {
        Desk &person = desk(who);
        auto overview = OrderOverviewReader(person.db()).read(person.scope, 1);
        if (!overview)
            return -1;
        for (const OrderOverview::Report &row : overview.value().reports)
            if (row.reportId == report)
                return row.calloutHistoryCount;
        return -2;
    }
    // A statement that the database must refuse, leaving nothing behind.
    void expectRefused(const QString &sql)
    {
        const QByteArray before = databaseFingerprint(db());
        QString error;
        QVERIFY2(!exec(db(), sql, &error), qPrintable(u"accepted: "_s + sql));
        QVERIFY2(error.contains(u"does not name it"_s), qPrintable(error));
        QCOMPARE(databaseFingerprint(db()), before);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(seeded ? QString() : message(seeded.failure())));
    }

    // C8: history, gate, audit find a callout from any report it names.
    void calloutBelongsToEveryReportItNames()
    {
        Desk &support = desk(u"support:3"_s);
        const auto done = submit(u"support:3"_s, CalloutFixture::doneRequest({1, 2}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : message(done.failure())));
        const qint64 entry = done.value().activityLogId;

        QCOMPARE(historyIds(u"support:3"_s, {1}), QList<qint64>{entry});
        QCOMPARE(historyIds(u"support:3"_s, {2}), QList<qint64>{entry});
        // Asked for both, the one callout is listed once.
        QCOMPARE(historyIds(u"support:3"_s, {1, 2}), QList<qint64>{entry});
        QCOMPARE(count(u"activity_log_report WHERE activity_log_id = %1"_s.arg(entry)), 2);

        QCOMPARE(overviewCalloutCount(u"support:3"_s, 2), 1);
        auto audit = CalloutAuditReader(support.db()).read(support.scope, {2});
        QVERIFY(audit.ok());
        QCOMPARE(audit.value().size(), 1);
        QCOMPARE(audit.value().first().labReportId, 2);

        // The always_notify gate (lab 1 has it on) counts the callout for report 2 too.
        const Status signed_
            = ReportSignoff(support.db()).perform(support.scope, 2, ReportSignoff::Action::Sign);
        QVERIFY2(signed_.ok(), qPrintable(signed_ ? QString() : message(signed_.failure())));
        QCOMPARE(scalar(db(), u"SELECT is_signed FROM report WHERE id = 2"_s).toBool(), true);
    }

    void attemptBelongsToEveryReportItNames()
    {
        Desk &support = desk(u"support:3"_s);
        const auto attempt = submit(u"support:3"_s, CalloutFixture::attemptRequest({1, 2}));
        QVERIFY(attempt.ok());
        QCOMPARE(historyIds(u"support:3"_s, {2}), QList<qint64>{attempt.value().activityLogId});
        QCOMPARE(overviewCalloutCount(u"support:3"_s, 2), 1);
        auto audit = CalloutAuditReader(support.db()).read(support.scope, {2});
        QVERIFY(audit.ok());
        QCOMPARE(audit.value().size(), 1);
        QVERIFY(audit.value().first().isDraft);
    }

    // C8 with V2: Bo Linked sees only Biochemistry (report 2); the callout's first report
    // is Haematology's report 1.
    void departmentUserSeesTheCalloutsOfTheirReports()
    {
        const auto done = submit(u"support:3"_s, CalloutFixture::doneRequest({1, 2}));
        QVERIFY(done.ok());
        QCOMPARE(historyIds(u"labuser:2"_s, {2}), QList<qint64>{done.value().activityLogId});
        QCOMPARE(overviewCalloutCount(u"labuser:2"_s, 2), 1);
        // Report 1 stays out of their reach.
        QCOMPARE(historyIds(u"labuser:2"_s, {1}), QList<qint64>{});
        QCOMPARE(overviewCalloutCount(u"labuser:2"_s, 1), -2);
    }

    // C11: the reset of unselected Attempted reports covers the whole order.
    void resetCoversTheWholeOrder()
    {
        QVERIFY(submit(u"support:3"_s, CalloutFixture::attemptRequest({1, 2})).ok());
        QCOMPARE(status(1), 4);
        QCOMPARE(status(2), 4);
        // Bo Linked sees report 2 only; their done callout replaces the order's draft,
        // which also named report 1.
        const auto done = submit(u"labuser:2"_s, CalloutFixture::doneRequest({2}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : message(done.failure())));
        QCOMPARE(status(2), 2);
        QCOMPARE(status(1), 1);
        QCOMPARE(count(u"critical_callout WHERE is_draft"_s), 0);
        // What they were told changed is only what they may see.
        QCOMPARE(done.value().transitions.size(), 1);
        QCOMPARE(done.value().transitions.first().reportId, 2);
    }

    void attemptByDepartmentUserResetsTheOthers()
    {
        QVERIFY(submit(u"support:3"_s, CalloutFixture::attemptRequest({1})).ok());
        QVERIFY(submit(u"labuser:2"_s, CalloutFixture::attemptRequest({2})).ok());
        QCOMPARE(status(1), 1);
        QCOMPARE(status(2), 4);
        const QJsonObject meta
            = QJsonDocument::fromJson(scalar(db(),
                                             u"SELECT critical_callout_meta FROM "
                                             "critical_callout WHERE is_draft"_s)
                                          .toString()
                                          .toUtf8())
                  .object();
        QCOMPARE(meta.value(u"lab_report_ids"_s).toArray(), QJsonArray{2});
    }

    void databaseRefusesAttemptedWithoutDraft()
    {
        // No draft at all.
        expectRefused(u"UPDATE report SET critical_values = 4 WHERE id = 1"_s);
        expectRefused(
            u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values, "
            "sample_collected) VALUES (50, 1, 1, 2, 4, TRUE)"_s.replace(u"TRUE"_s, sqlTrue()));
        // A draft that names report 1 only.
        QVERIFY(submit(u"support:3"_s, CalloutFixture::attemptRequest({1})).ok());
        expectRefused(u"UPDATE report SET critical_values = 4 WHERE id = 2"_s);
        expectRefused(u"DELETE FROM critical_callout WHERE is_draft"_s);
        expectRefused(u"UPDATE critical_callout SET critical_callout_meta = '{}' WHERE is_draft"_s);
        // The draft's own reports may stay Attempted, and leave it.
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 1 WHERE id = 1"_s));
        QVERIFY(exec(db(), u"DELETE FROM critical_callout WHERE is_draft"_s));
    }

    // C12: a doctor's callout names the doctor, never lab user 1 of the same number.
    void actorIsRecordedByKind()
    {
        Desk &support = desk(u"support:3"_s);
        const auto byDoctor = submit(u"doctor:1"_s, CalloutFixture::doneRequest({1}));
        QVERIFY2(byDoctor.ok(), qPrintable(byDoctor ? QString() : message(byDoctor.failure())));
        const qint64 entry = byDoctor.value().activityLogId;
        QVERIFY(scalar(db(), u"SELECT lab_user_id FROM activity_log WHERE id = %1"_s.arg(entry))
                    .isNull());
        QCOMPARE(
            scalar(db(),
                   u"SELECT performed_by_doctor_id FROM activity_log WHERE id = %1"_s.arg(entry))
                .toInt(),
            1);
        QCOMPARE(scalar(db(), u"SELECT lab_user_name FROM activity_log WHERE id = %1"_s.arg(entry))
                     .toString(),
                 u"Dr. Haem"_s);
        auto audit = CalloutAuditReader(support.db()).read(support.scope, {1});
        QVERIFY(audit.ok());
        QCOMPARE(audit.value().size(), 1);
        QCOMPARE(audit.value().first().performedByDoctorName, u"Dr. Haem"_s);
        QCOMPARE(audit.value().first().performedByUserName, QString());

        const auto byUser = submit(u"labuser:2"_s, CalloutFixture::doneRequest({2}));
        QVERIFY(byUser.ok());
        QCOMPARE(scalar(db(),
                        u"SELECT lab_user_id FROM activity_log WHERE id = %1"_s.arg(
                            byUser.value().activityLogId))
                     .toInt(),
                 2);
        QVERIFY(scalar(db(),
                       u"SELECT performed_by_doctor_id FROM activity_log WHERE id = %1"_s.arg(
                           byUser.value().activityLogId))
                    .isNull());
        // The database refuses a row naming both kinds.
        QString error;
        QVERIFY(!exec(db(), u"UPDATE activity_log SET lab_user_id = 1 WHERE id = %1"_s.arg(entry),
                      &error));
    }

    // C9: the same request id again answers with the first outcome and writes nothing.
    void sameRequestIdRecordsOnce_data()
    {
        QTest::addColumn<bool>("attempt");
        QTest::newRow("done") << false;
        QTest::newRow("attempt") << true;
    }
    void sameRequestIdRecordsOnce()
    {
        QFETCH(bool, attempt);
        CalloutRequest request = attempt ? CalloutFixture::attemptRequest({1, 2})
                                         : CalloutFixture::doneRequest({1, 2});
        request.requestId = u"desk-7:press-1"_s;
        const auto first = submit(u"support:3"_s, request);
        QVERIFY2(first.ok(), qPrintable(first ? QString() : message(first.failure())));
        QVERIFY(!first.value().alreadyRecorded);
        QCOMPARE(first.value().requestId, request.requestId);

        const QByteArray before = databaseFingerprint(db());
        const auto again = submit(u"support:3"_s, request);
        QVERIFY2(again.ok(), qPrintable(again ? QString() : message(again.failure())));
        QVERIFY(again.value().alreadyRecorded);
        QCOMPARE(again.value().activityLogId, first.value().activityLogId);
        QCOMPARE(again.value().auditRowIds, first.value().auditRowIds);
        QCOMPARE(again.value().notificationsQueued, first.value().notificationsQueued);
        QCOMPARE(again.value().transitions.size(), first.value().transitions.size());
        for (qsizetype i = 0; i < first.value().transitions.size(); ++i) {
            QCOMPARE(again.value().transitions.at(i).reportId,
                     first.value().transitions.at(i).reportId);
            QCOMPARE(again.value().transitions.at(i).to, first.value().transitions.at(i).to);
        }
        QCOMPARE(databaseFingerprint(db()), before);
    }

    void requestIdIsUniqueInTheDatabase()
    {
        CalloutRequest request = CalloutFixture::doneRequest({1});
        request.requestId = u"r-1"_s;
        QVERIFY(submit(u"support:3"_s, request).ok());
        QString error;
        QVERIFY(!exec(db(),
                      u"INSERT INTO activity_log (lab_id, log_category_id, lab_user_name, "
                      "activity_text, request_id) VALUES (1, 648, 'x', 'x', 'r-1')"_s,
                      &error));
        // Another lab may use the same id for its own callout.
        QVERIFY(exec(db(),
                     u"INSERT INTO activity_log (lab_id, log_category_id, lab_user_name, "
                     "activity_text, request_id) VALUES (2, 648, 'x', 'x', 'r-1')"_s));
    }

    void malformedRequestIdRefused()
    {
        CalloutRequest request = CalloutFixture::doneRequest({1});
        request.requestId = u"two words"_s;
        desk(u"support:3"_s); // signed in before the fingerprint: the first sign-in makes the login
        const QByteArray before = databaseFingerprint(db());
        const auto refused = submit(u"support:3"_s, request);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(refused.failure().message.contains(u"request id"_s),
                 qPrintable(refused.failure().message));
        QCOMPARE(databaseFingerprint(db()), before);
    }

    // C9: Done again on reports already Done, with a fresh id but not said to be a further
    // communication, is a repeat: no second record, no second message.
    void repeatedDoneIsNotRecordedTwice()
    {
        CalloutRequest request = CalloutFixture::doneRequest({1, 2});
        request.requestId = u"run-1"_s;
        QVERIFY(submit(u"support:3"_s, request).ok());
        QCOMPARE(count(u"notification_outbox"_s), 1);

        request.requestId = u"run-2"_s;
        const QByteArray before = databaseFingerprint(db());
        const auto repeated = submit(u"support:3"_s, request);
        QVERIFY(!repeated.ok());
        QCOMPARE(repeated.failure().kind, Failure::Kind::Conflict);
        QVERIFY2(repeated.failure().message.contains(u"already Done"_s),
                 qPrintable(repeated.failure().message));
        QCOMPARE(databaseFingerprint(db()), before);

        request.requestId = u"run-3"_s;
        request.furtherCommunication = true;
        const auto further = submit(u"support:3"_s, request);
        QVERIFY2(further.ok(), qPrintable(further ? QString() : message(further.failure())));
        QCOMPARE(count(u"activity_log"_s), 2);
        QCOMPARE(count(u"notification_outbox"_s), 2);
    }

    // C9: the connection drops after COMMIT was sent. The engine reconnects and asks.
    void lostCommitIsAnsweredTruthfully_data()
    {
        QTest::addColumn<bool>("committed");
        QTest::newRow("saved") << true;
        QTest::newRow("not saved") << false;
    }
    void lostCommitIsAnsweredTruthfully()
    {
        QFETCH(bool, committed);
        if (!isPostgres())
            QSKIP("SQLite is a file in this process: there is no connection to lose");
        // Sam Support's own login, through the proxy.
        const auto direct = database().personUrl(u"support:3"_s);
        QVERIFY2(direct.ok(), qPrintable(direct ? QString() : message(direct.failure())));
        PgCommitCutProxy proxy("127.0.0.1", quint16(direct.value().port()));
        QVERIFY(proxy.isListening());
        const auto url = DatabaseUrl::parse(
            u"postgresql://%1:%2@127.0.0.1:%3/%4?connect_timeout=5"_s
                .arg(direct.value().userName(), direct.value().password())
                .arg(proxy.port())
                .arg(direct.value().databaseName()));
        QVERIFY(url.ok());
        auto opened = openDesk(url.value(), u"support:3"_s);
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : message(opened.failure())));
        DatabaseConnection &proxied = opened.value().db();
        const SessionScope scope = opened.value().scope;

        CalloutRequest request = CalloutFixture::doneRequest({1, 2});
        request.requestId = u"lost-commit"_s;
        proxy.arm(committed ? PgCommitCutProxy::Cut::AfterCommit
                            : PgCommitCutProxy::Cut::BeforeCommit);
        const auto outcome = CalloutEngine(proxied).submit(scope, request);
        QCOMPARE(proxy.cuts(), 1);
        if (committed) {
            QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : message(outcome.failure())));
            QVERIFY(outcome.value().confirmedAfterLostConnection);
            QVERIFY(!outcome.value().alreadyRecorded);
            QCOMPARE(outcome.value().auditRowIds.size(), 2);
            QCOMPARE(count(u"activity_log WHERE request_id = 'lost-commit'"_s), 1);
            QCOMPARE(status(1), 2);
        } else {
            QVERIFY(!outcome.ok());
            QCOMPARE(outcome.failure().kind, Failure::Kind::Unavailable);
            QVERIFY2(outcome.failure().message.contains(u"not saved"_s),
                     qPrintable(outcome.failure().message));
            QCOMPARE(count(u"activity_log"_s), 0);
            QCOMPARE(status(1), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCalloutRecord)
#include "tst_calloutrecord.moc"
