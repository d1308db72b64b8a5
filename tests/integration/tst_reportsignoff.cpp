// Sign and approve with the always_notify gate (SPEC U4) enforced by the service itself,
// on both engines, on the exact lab of CalloutFixture (always_notify is on there).
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/ReportSignoff.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestReportSignoff : public EngineTestCase
{
    Q_OBJECT

private:
    SessionScope session(const QString &spec) { return SessionLoader(db()).fromSpec(spec).value(); }
    bool flag(qint64 report, const QString &column)
    {
        return scalar(db(), u"SELECT %1 FROM report WHERE id = %2"_s.arg(column).arg(report)).toBool();
    }
    qint64 outboxRows()
    {
        return scalar(db(), u"SELECT COUNT(*) FROM index_outbox"_s).toLongLong();
    }
    // As the person signs in (SPEC A1): on PostgreSQL their own login, under row security.
    Status perform(const QString &who, qint64 report, ReportSignoff::Action action)
    {
        auto desk = signIn(who);
        if (!desk)
            return desk.failure();
        return ReportSignoff(desk.value().db()).perform(desk.value().scope, report, action);
    }
    void calloutDone(qint64 report)
    {
        CalloutRequest request;
        request.billId = 1;
        request.reportIds = {report};
        request.methods = {CommunicationMethod::Email};
        request.recipients = {RecipientKind::Organization};
        request.comment = u"Told the ward"_s;
        auto desk = signIn(u"support:3"_s);
        QVERIFY(desk.ok());
        QVERIFY(CalloutEngine(desk.value().db()).submit(desk.value().scope, request).ok());
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void alwaysNotifyHoldsTheSignatureUntilACalloutIsSaved()
    {
        const qint64 outbox = outboxRows();
        const Status refused = perform(u"support:3"_s, 2, ReportSignoff::Action::Sign);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(refused.failure().message.contains(u"save a done callout"_s),
                 qPrintable(refused.failure().message));
        QVERIFY(!flag(2, u"is_signed"_s));
        QCOMPARE(outboxRows(), outbox);

        calloutDone(2);
        const qint64 afterCallout = outboxRows();
        QVERIFY(perform(u"support:3"_s, 2, ReportSignoff::Action::Sign).ok());
        QVERIFY(flag(2, u"is_signed"_s));
        QCOMPARE(outboxRows(), afterCallout + 1);
        // Signing twice is refused, not repeated.
        QCOMPARE(perform(u"support:3"_s, 2, ReportSignoff::Action::Sign).failure().kind,
                 Failure::Kind::Conflict);
    }

    void withAlwaysNotifyOffTheActionGoesAhead()
    {
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_setting SET enabled = %1 WHERE lab_id = 1 "
                                 "AND setting_key = 'always_notify'"_s.arg(sqlFalse()),
                         {})
                    .ok());
        QVERIFY(perform(u"support:3"_s, 2, ReportSignoff::Action::Sign).ok());
        QVERIFY(perform(u"support:3"_s, 2, ReportSignoff::Action::Approve).ok());
        QVERIFY(flag(2, u"is_approved"_s));
    }

    void aNormalReportNeedsNoCallout()
    {
        QVERIFY(perform(u"support:3"_s, 6, ReportSignoff::Action::Sign).ok());
        QVERIFY(flag(6, u"is_signed"_s));
    }

    void anIncompleteReportNeitherNeedsACalloutNorCanBeSigned()
    {
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET completed = %1 WHERE id = 2"_s.arg(sqlFalse()),
                         {})
                    .ok());
        const Status refused = perform(u"support:3"_s, 2, ReportSignoff::Action::Sign);
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(refused.failure().message.contains(u"not all of its values"_s),
                 qPrintable(refused.failure().message));
        QVERIFY(!flag(2, u"is_signed"_s));
    }

    void approvalFollowsSignatureAndNeedsADoctorOrSupport()
    {
        QVERIFY(perform(u"support:3"_s, 6, ReportSignoff::Action::Approve).failure().message.contains(
            u"before it is signed"_s));
        QVERIFY(perform(u"support:3"_s, 6, ReportSignoff::Action::Sign).ok());
        const Status labUser = perform(u"labuser:2"_s, 6, ReportSignoff::Action::Approve);
        QCOMPARE(labUser.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY(!flag(6, u"is_approved"_s));
        QVERIFY(perform(u"doctor:2"_s, 6, ReportSignoff::Action::Approve).ok());
        QVERIFY(flag(6, u"is_approved"_s));
        // A4: each signature names who, what it means and when; the refused approval none.
        auto signatures = db().run(
            u"t"_s,
            u"SELECT meaning, COALESCE(lab_user_id, 0), COALESCE(doctor_id, 0), "
            "signed_at IS NOT NULL FROM report_signature WHERE report_id = 6 ORDER BY id"_s);
        QVERIFY(signatures.ok());
        QStringList rows;
        while (signatures.value().next()) {
            const QSqlQuery &row = signatures.value();
            rows << u"%1 %2 %3 %4"_s.arg(row.value(0).toString())
                        .arg(row.value(1).toLongLong())
                        .arg(row.value(2).toLongLong())
                        .arg(row.value(3).toBool() ? u"dated"_s : u"undated"_s);
        }
        QCOMPARE(rows, (QStringList{u"signed 3 0 dated"_s, u"approved 0 2 dated"_s}));
    }

    void reportsOutsideTheSessionAreUnknown()
    {
        // Another lab's report, and a Biochemistry report for a Haematology user.
        for (const auto &[who, report] :
             {std::pair{u"support:3"_s, qint64(9)}, std::pair{u"labuser:1"_s, qint64(6)},
              std::pair{u"support:3"_s, qint64(4)}}) {
            const Status refused = perform(who, report, ReportSignoff::Action::Sign);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
            QVERIFY2(refused.failure().message.contains(u"not a report of your lab"_s),
                     qPrintable(refused.failure().message));
        }
        QVERIFY(!flag(9, u"is_signed"_s));
        QVERIFY(!flag(6, u"is_signed"_s));
    }
};

QTEST_MAIN(TestReportSignoff)
#include "tst_reportsignoff.moc"
