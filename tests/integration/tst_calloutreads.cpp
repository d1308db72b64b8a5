// SPEC R1–R5, V1–V2 and D3 on both engines, on the exact lab of CalloutFixture.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/callout/CriticalRecordsReader.h"
#include "services/callout/OrderCalloutService.h"
#include "services/callout/OrderOverviewReader.h"
#include "services/callout/SessionLoader.h"
#include "services/db/ConnectionPool.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

QList<qint64> reportIdsOf(const BillRecords &records)
{
    QList<qint64> ids;
    for (const CriticalReport &report : records.reports)
        ids << report.reportId;
    return ids;
}

} // namespace

class TestCalloutReads : public EngineTestCase
{
    Q_OBJECT

private:
    QList<qint64> visibleOnBill(const QString &spec, qint64 bill)
    {
        Desk &person = desk(spec);
        const auto records = CriticalRecordsReader(person.db()).read(person.scope, bill);
        return records ? reportIdsOf(records.value()) : QList<qint64>{-1};
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

    void recordsOfABill()
    {
        Desk &support = desk(u"support:3"_s);
        const auto records = CriticalRecordsReader(support.db()).read(support.scope, 1);
        QVERIFY2(records.ok(), qPrintable(records ? QString() : records.failure().message));
        const BillRecords &r = records.value();
        QCOMPARE(r.bill.labBillId, u"RL-1"_s);
        QCOMPARE(r.bill.patient.name, u"Jane Doe"_s);
        QVERIFY(r.bill.referral && r.bill.organization);
        // 3: text result, 4: dismissed, 5: no sample, 6: not a callout status.
        QCOMPARE(reportIdsOf(r), (QList<qint64>{1, 2}));
        const CriticalReport &cbc = r.reports.at(0);
        QCOMPARE(cbc.testName, u"Complete Blood Count"_s);
        QCOMPARE(cbc.departmentName, u"Haematology"_s);
        QCOMPARE(cbc.status, CriticalStatus::CalloutPending);
        QCOMPARE(cbc.criticalParameters.size(), 1); // WBC 8 is normal
        const CriticalParameter &hb = cbc.criticalParameters.first();
        QCOMPARE(hb.parameterName, u"Haemoglobin"_s);
        QCOMPARE(hb.value, u"5.0"_s);
        QCOMPARE(hb.numericValue, 5.0);
        QCOMPARE(hb.unit, u"g/dL"_s);
        // Jane is an adult woman: the female range applies, with its reference text.
        QCOMPARE(hb.referenceRange, u"12.0 - 15.5"_s);
        QCOMPARE(hb.criticalLow, std::optional<double>(7));
        QCOMPARE(hb.criticalHigh, std::optional<double>(20));
        QVERIFY(!r.draft.has_value());
    }

    void recordsCarryTheLabsSettings()
    {
        Desk &support = desk(u"support:3"_s);
        const auto records = CriticalRecordsReader(support.db()).read(support.scope, 1);
        QVERIFY(records.ok());
        const NotificationSettings &settings = records.value().settings;
        QVERIFY(settings.allows(CommunicationMethod::Email));
        QVERIFY(settings.allows(CommunicationMethod::Sms));
        QVERIFY(!settings.allows(CommunicationMethod::WhatsApp));
        QVERIFY(!settings.mandatoryComment());
        QVERIFY(settings.alwaysNotify());
    }

    void ageAndSexDecideTheBounds()
    {
        Desk &support = desk(u"support:3"_s);
        // Baby Roe is 10 days old: Hb 9.5 is below the newborn bound of 10, Hb 22 is
        // inside the newborn bound of 24 (an adult bound of 20 or 21 would flag it).
        const auto records = CriticalRecordsReader(support.db()).read(support.scope, 2);
        QVERIFY(records.ok());
        QCOMPARE(reportIdsOf(records.value()), (QList<qint64>{7}));
        QCOMPARE(records.value().reports.first().criticalParameters.first().criticalLow,
                 std::optional<double>(10));
    }

    void threeQueriesForTheParameters()
    {
        // R3: values, formats and ranges, whatever the number of reports; the ranges only
        // when a format has them. The reader adds one query for the bill, one for the
        // reports and one for the draft.
        Desk &support = desk(u"support:3"_s);
        QVERIFY(CalloutFixture::addLargeBill(db(), 50, 40, 1000).ok());
        QVERIFY(CalloutFixture::addLargeBill(db(), 51, 2, 2000).ok());
        // The first read on a connection also prepares its statements on PostgreSQL, once
        // each (DatabaseConnection::runReused): the order, its reports, values, formats and
        // ranges, and none after.
        quint64 before = support.db().statementCount();
        QVERIFY(CriticalRecordsReader(support.db()).read(support.scope, 1).ok());
        const quint64 firstCount = support.db().statementCount() - before;
        QCOMPARE(firstCount, quint64(3 + 3 + (isPostgres() ? 5 : 0)));
        before = support.db().statementCount();
        auto large = CriticalRecordsReader(support.db()).read(support.scope, 50);
        QVERIFY(large.ok());
        QCOMPARE(large.value().reports.size(), 40);
        const quint64 largeCount = support.db().statementCount() - before;
        before = support.db().statementCount();
        QVERIFY(CriticalRecordsReader(support.db()).read(support.scope, 51).ok());
        QCOMPARE(support.db().statementCount() - before, largeCount);
        QCOMPARE(largeCount, quint64(3 + 2)); // no age ranges among Potassium formats

        before = support.db().statementCount();
        QVERIFY(CriticalRecordsReader(support.db()).read(support.scope, 1).ok()); // Haemoglobin has ranges
        QCOMPARE(support.db().statementCount() - before, quint64(3 + 3));
    }

    void visibilityBySessionKind_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QList<qint64>>("bill1");
        QTest::addColumn<QList<qint64>>("bill2");
        // An order none of whose reports the session may see is refused as unknown.
        const QList<qint64> unknown{-1};
        QTest::newRow("doctor, docType 0, Haematology")
            << u"doctor:1"_s << QList<qint64>{1} << QList<qint64>{7};
        QTest::newRow("doctor, docType 2, assigned bill 1")
            << u"doctor:2"_s << QList<qint64>{1, 2} << unknown;
        QTest::newRow("doctor, docType 0, no department")
            << u"doctor:3"_s << unknown << unknown;
        QTest::newRow("lab user, type 0, home Haematology")
            << u"labuser:1"_s << QList<qint64>{1} << QList<qint64>{7};
        QTest::newRow("lab user, type 1, linked Biochemistry")
            << u"labuser:2"_s << QList<qint64>{2} << unknown;
        QTest::newRow("support") << u"support:3"_s << QList<qint64>{1, 2} << QList<qint64>{7};
    }

    void visibilityBySessionKind()
    {
        QFETCH(QString, spec);
        QFETCH(QList<qint64>, bill1);
        QFETCH(QList<qint64>, bill2);
        QCOMPARE(visibleOnBill(spec, 1), bill1);
        QCOMPARE(visibleOnBill(spec, 2), bill2);
    }

    void anotherLabsOrderIsUnknown()
    {
        Desk &olga = desk(u"labuser:4"_s);
        const auto records = CriticalRecordsReader(olga.db()).read(olga.scope, 1);
        QVERIFY(!records.ok());
        QCOMPARE(records.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(records.failure().message.contains(u"no order with id 1"_s),
                 qPrintable(records.failure().message));
    }

    void anOrderWithNoVisibleReportIsUnknown()
    {
        Desk &bo = desk(u"labuser:2"_s);
        Desk &hana = desk(u"labuser:1"_s);
        // Bill 2 holds Haematology reports only; Bo Linked sees Biochemistry. The dialog's
        // records and the order overview both refuse it as they refuse another lab's.
        const auto records = CriticalRecordsReader(bo.db()).read(bo.scope, 2);
        QVERIFY(!records.ok());
        QCOMPARE(records.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(records.failure().message.contains(u"no order with id 2"_s),
                 qPrintable(records.failure().message));
        const auto overview = OrderOverviewReader(bo.db()).read(bo.scope, 2);
        QVERIFY(!overview.ok());
        QVERIFY2(overview.failure().message.contains(u"no order with id 2"_s),
                 qPrintable(overview.failure().message));
        QVERIFY(CriticalRecordsReader(hana.db()).read(hana.scope, 2).ok());
    }

    void sessionSpecsAreChecked_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown doctor") << u"doctor:99"_s << u"no doctor with id 99"_s;
        QTest::newRow("unknown user") << u"labuser:99"_s << u"no lab user with id 99"_s;
        QTest::newRow("support is not a lab user session") << u"labuser:3"_s << u"support:3"_s;
        QTest::newRow("lab user is not support") << u"support:1"_s << u"not a support login"_s;
        QTest::newRow("kind") << u"nurse:1"_s << u"Unknown session kind"_s;
        QTest::newRow("id") << u"doctor:x"_s << u"KIND:ID"_s;
    }

    void sessionSpecsAreChecked()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        // The --as path itself (SQLite's desks, and a superuser's on PostgreSQL): no login.
        const auto scope = SessionLoader(db()).fromSpec(spec);
        QVERIFY(!scope.ok());
        QCOMPARE(scope.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(scope.failure().message.contains(mentions), qPrintable(scope.failure().message));
    }

    void draftIsRestored()
    {
        Desk &support = desk(u"support:3"_s);
        CalloutRequest attempt;
        attempt.billId = 1;
        attempt.reportIds = {2, 1};
        attempt.kind = CalloutRequest::Kind::Attempt;
        attempt.methods = {CommunicationMethod::Email};
        attempt.recipients = {RecipientKind::Organization, RecipientKind::Referral};
        attempt.comment = u"Ward did not answer"_s;
        const auto outcome = CalloutEngine(support.db()).submit(support.scope, attempt);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));

        const auto records = CriticalRecordsReader(support.db()).read(support.scope, 1);
        QVERIFY(records.ok());
        QVERIFY(records.value().draft.has_value());
        const DraftCallout &draft = *records.value().draft;
        QCOMPARE(draft.calloutFor, (QList<qint64>{2, 1})); // test ids, in selection order
        QCOMPARE(draft.recipients, (QStringList{u"Organization"_s, u"Referral"_s}));
        QCOMPARE(draft.communicationMethods, QStringList{u"Email"_s});
        QCOMPARE(draft.comment, u"Ward did not answer"_s);
        // Built from the first selected report: Potassium.
        QCOMPARE(draft.criticalValuesMeta.size(), 1);
        QCOMPARE(draft.criticalValuesMeta.first()[u"parameter_name"_s].toString(), u"Potassium"_s);
        QCOMPARE(draft.criticalValuesMeta.first()[u"value"_s].toDouble(), 7.1);
    }

    void historyOldestFirstWithinTheLab()
    {
        Desk &bo = desk(u"labuser:2"_s);
        Desk &hana = desk(u"labuser:1"_s);
        Desk &olga = desk(u"labuser:4"_s);
        Desk &support = desk(u"support:3"_s);
        CalloutRequest attempt;
        attempt.billId = 1;
        attempt.reportIds = {1};
        attempt.kind = CalloutRequest::Kind::Attempt;
        attempt.comment = u"first"_s;
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, attempt).ok());
        CalloutRequest done = attempt;
        done.kind = CalloutRequest::Kind::Done;
        done.methods = {CommunicationMethod::Email};
        done.recipients = {RecipientKind::Patient};
        done.comment = u"second"_s;
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, done).ok());

        const auto history = CalloutHistoryReader(support.db()).read(support.scope, {1, 2});
        QVERIFY(history.ok());
        QCOMPARE(history.value().size(), 2);
        QVERIFY(history.value().at(0).isAttempt());
        QVERIFY(!history.value().at(1).isAttempt());
        QCOMPARE(history.value().at(0).meta[u"comment"_s].toString(), u"first"_s);
        QCOMPARE(history.value().at(1).labUserName, u"Sam Support"_s);
        QVERIFY(history.value().at(0).activityDate <= history.value().at(1).activityDate);

        // A session sees the history of the reports it may see (V2) and no other.
        const auto haematology = CalloutHistoryReader(bo.db()).read(bo.scope, {1, 2});
        QVERIFY(haematology.ok());
        QVERIFY(haematology.value().isEmpty()); // logged under report 1, Haematology
        QCOMPARE(CalloutHistoryReader(hana.db()).read(hana.scope, {1, 2}).value().size(),
                 2);

        // Another lab's session sees none of it, even naming the same ids.
        const auto foreign = CalloutHistoryReader(olga.db()).read(olga.scope, {1, 2});
        QVERIFY(foreign.ok());
        QVERIFY(foreign.value().isEmpty());
    }

    void draftKeepsTheOtherContact()
    {
        Desk &support = desk(u"support:3"_s);
        CalloutRequest attempt;
        attempt.billId = 1;
        attempt.reportIds = {1};
        attempt.kind = CalloutRequest::Kind::Attempt;
        attempt.methods = {CommunicationMethod::Email};
        attempt.recipients = {RecipientKind::Other};
        attempt.other = {u"Nurse Kim"_s, u"kim@ward.example"_s, QString(), u"555"_s};
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, attempt).ok());
        const auto records = CriticalRecordsReader(support.db()).read(support.scope, 1);
        QVERIFY(records.ok() && records.value().draft);
        const ContactDetails &other = records.value().draft->other;
        QCOMPARE(other.name, u"Nurse Kim"_s);
        QCOMPARE(other.email, u"kim@ward.example"_s);
        QCOMPARE(other.contactNumber, u"555"_s);
    }

    void draftKeepsThePhoneCalls()
    {
        Desk &support = desk(u"support:3"_s);
        CalloutRequest attempt;
        attempt.billId = 1;
        attempt.reportIds = {1};
        attempt.kind = CalloutRequest::Kind::Attempt;
        // A call's time is recorded as ISO 8601 with the offset (DeskTime::exported).
        const QString first = DeskTime::exported(QDateTime::currentDateTime().addSecs(-3600));
        const QString second = DeskTime::exported(QDateTime::currentDateTime().addSecs(-600));
        attempt.phoneCalls
            = {{u"Dr. Jones"_s, first, RecipientKind::Referral}, {u"Ward 3 nurse"_s, second}};
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, attempt).ok());
        const auto records = CriticalRecordsReader(support.db()).read(support.scope, 1);
        QVERIFY(records.ok() && records.value().draft);
        // In the order they were made, and as they were written.
        QCOMPARE(records.value().draft->phoneCalls,
                 (QList<PhoneCall>{{u"Dr. Jones"_s, first, RecipientKind::Referral},
                                   {u"Ward 3 nurse"_s, second}}));

        // A draft that names no call restores none (the next attempt replaces the draft).
        attempt.phoneCalls = {};
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, attempt).ok());
        const auto none = CriticalRecordsReader(support.db()).read(support.scope, 1);
        QVERIFY(none.ok() && none.value().draft);
        QVERIFY(none.value().draft->phoneCalls.isEmpty());
    }

    void historyOfAnOrder()
    {
        Desk &hana = desk(u"labuser:1"_s);
        Desk &bo = desk(u"labuser:2"_s);
        Desk &olga = desk(u"labuser:4"_s);
        Desk &support = desk(u"support:3"_s);
        CalloutRequest done;
        done.billId = 1;
        done.reportIds = {2};
        done.methods = {CommunicationMethod::Email};
        done.recipients = {RecipientKind::Patient};
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, done).ok());
        done.billId = 2; // Baby Roe has no email address: SMS
        done.reportIds = {7};
        done.methods = {CommunicationMethod::Sms};
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, done).ok());

        const auto first = CalloutHistoryReader(support.db()).readForBill(support.scope, 1);
        QVERIFY(first.ok());
        QCOMPARE(first.value().size(), 1);
        QCOMPARE(first.value().first().meta[u"bill_id"_s].toInteger(), 1);
        QCOMPARE(CalloutHistoryReader(support.db()).readForBill(support.scope, 2).value().size(), 1);
        // V2 as in read(): logged under Potassium, which Hana (Haematology) does not see.
        QVERIFY(
            CalloutHistoryReader(hana.db()).readForBill(hana.scope, 1).value().isEmpty());
        QCOMPARE(CalloutHistoryReader(bo.db()).readForBill(bo.scope, 1).value().size(),
                 1);
        QVERIFY(
            CalloutHistoryReader(olga.db()).readForBill(olga.scope, 1).value().isEmpty());
        QVERIFY(CalloutHistoryReader(support.db()).readForBill(support.scope, 99).value().isEmpty());
    }

    void serviceLoadsRecordsAndHistoryInParallel()
    {
        // U2: the history does not wait for the records. Another session holds the activity
        // log locked, so the history read blocks; the records read must still finish.
        if (!isPostgres())
            QSKIP("SQLite has no table locks to hold one read back while the other runs");
        Desk &support = desk(u"support:3"_s);
        const auto url = database().personUrl(u"support:3"_s);
        QVERIFY(url.ok());
        const OrderCalloutService service(ConnectionPool::create(url.value()));
        QVERIFY(exec(db(), u"BEGIN"_s));
        QVERIFY(exec(db(), u"LOCK TABLE activity_log IN ACCESS EXCLUSIVE MODE"_s));
        QFuture<Result<QList<HistoryEntry>>> history = service.history(support.scope, 1);
        QFuture<Result<BillRecords>> records = service.records(support.scope, 1);
        QTRY_VERIFY_WITH_TIMEOUT(records.isFinished(), 20000);
        QVERIFY(records.result().ok());
        QCOMPARE(records.result().value().reports.size(), 2);
        QVERIFY(!history.isFinished());
        QVERIFY(exec(db(), u"ROLLBACK"_s));
        QTRY_VERIFY_WITH_TIMEOUT(history.isFinished(), 20000);
        QVERIFY(history.result().ok());
    }

    void serviceSubmitsThroughTheEngine()
    {
        Desk &support = desk(u"support:3"_s);
        const auto url = database().personUrl(u"support:3"_s);
        QVERIFY(url.ok());
        const OrderCalloutService service(ConnectionPool::create(url.value()));
        CalloutRequest done;
        done.billId = 1;
        done.reportIds = {2};
        done.methods = {CommunicationMethod::Email};
        done.recipients = {RecipientKind::Patient};
        done.expectedStatuses = {{2, CriticalStatus::CalloutPending}};
        QFutureWatcher<Result<CalloutOutcome>> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(service.submit(support.scope, done));
        QVERIFY(finished.wait(20000));
        QVERIFY2(watcher.result().ok(),
                 qPrintable(watcher.result() ? QString() : watcher.result().failure().message));
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 2"_s).toInt(), 2);
        // A refusal comes back as a value too, naming the part of the request it is about.
        done.reportIds = {};
        const auto refused = service.submit(support.scope, done).result();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().field, u"reports"_s);
    }

    void historyIdsMustBeWholeNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("letters") << u"1,x"_s;
        QTest::newRow("sql") << u"1) OR (1=1"_s;
        QTest::newRow("negative") << u"-3"_s;
        QTest::newRow("decimal") << u"2.5"_s;
        QTest::newRow("empty item") << u"1,,2"_s;
        QTest::newRow("zero") << u"0"_s;
    }

    void historyIdsMustBeWholeNumbers()
    {
        QFETCH(QString, text);
        const quint64 before = db().statementCount();
        const auto ids = CalloutHistoryReader::parseReportIds(text);
        QVERIFY(!ids.ok());
        QCOMPARE(ids.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(ids.failure().message.contains(u"whole numbers"_s),
                 qPrintable(ids.failure().message));
        QCOMPARE(db().statementCount(), before);
        QCOMPARE(CalloutHistoryReader::parseReportIds(u" 3, 1,3"_s).value(), (QList<qint64>{3, 1}));
    }

    void cleanup()
    {
        // A service call still running holds a connection to the database about to go.
        QThreadPool::globalInstance()->waitForDone();
        EngineTestCase::cleanup();
    }

    void auditRowsWithNames()
    {
        Desk &assigned = desk(u"doctor:2"_s);
        Desk &support = desk(u"support:3"_s);
        Desk &olga = desk(u"labuser:4"_s);
        Desk &bo = desk(u"labuser:2"_s);
        CalloutRequest done;
        done.billId = 1;
        done.reportIds = {1, 2};
        done.methods = {CommunicationMethod::Email};
        done.recipients = {RecipientKind::Organization};
        done.comment = u"Informed City Hospital"_s;
        QVERIFY(CalloutEngine(assigned.db()).submit(assigned.scope, done).ok());

        const auto rows = CalloutAuditReader(support.db()).read(support.scope, {1, 2});
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 2);
        for (const AuditRow &row : rows.value()) {
            QCOMPARE(row.orgName, u"City Hospital"_s);
            QCOMPARE(row.patientName, u"Jane Doe"_s);
            QCOMPARE(row.referralName, u"Dr. Jones"_s);
            QCOMPARE(row.performedByDoctorName, u"Dr. Assigned"_s);
            QVERIFY(row.performedByUserName.isEmpty());
            QCOMPARE(row.comment, u"Informed City Hospital"_s);
            QVERIFY(!row.isDraft);
        }
        QCOMPARE(rows.value().at(0).labReportId, 1);
        QVERIFY(CalloutAuditReader(olga.db()).read(olga.scope, {1, 2}).value().isEmpty());
        // Bo sees Biochemistry only: the Potassium row, not the blood count's.
        const auto linked = CalloutAuditReader(bo.db()).read(bo.scope, {1, 2});
        QCOMPARE(linked.value().size(), 1);
        QCOMPARE(linked.value().first().labReportId, 2);
    }
};

QTEST_GUILESS_MAIN(TestCalloutReads)
#include "tst_calloutreads.moc"
