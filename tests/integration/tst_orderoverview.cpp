// What the order overview and the worklist's department filter read (SPEC U1, U4, V1,
// V2, D3), on both engines, on the exact lab of CalloutFixture.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/DepartmentReader.h"
#include "services/callout/OrderOverviewReader.h"
#include "services/db/DatabaseConnection.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestOrderOverview : public EngineTestCase
{
    Q_OBJECT

private:
    static QList<qint64> reportIds(const OrderOverview &overview)
    {
        QList<qint64> ids;
        for (const OrderOverview::Report &report : overview.reports)
            ids << report.reportId;
        std::sort(ids.begin(), ids.end());
        return ids;
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void theOrderWithEveryValueAndItsCriticalOnesMarked()
    {
        Desk &support = desk(u"support:3"_s);
        const auto overview = OrderOverviewReader(support.db()).read(support.scope, 1);
        QVERIFY2(overview.ok(), qPrintable(overview ? QString() : overview.failure().message));
        QCOMPARE(overview.value().bill.labBillId, u"RL-1"_s);
        QVERIFY(overview.value().settings.alwaysNotify());
        // Report 4 is dismissed; report 5 (sample not collected) is shown and says so.
        QCOMPARE(reportIds(overview.value()), (QList<qint64>{1, 2, 3, 5, 6}));
        QVERIFY(!overview.value().report(5)->sampleCollected);

        const OrderOverview::Report *cbc = overview.value().report(1);
        QCOMPARE(cbc->values.size(), 2);
        QCOMPARE(cbc->values.at(0).parameterName, u"Haemoglobin"_s);
        QVERIFY(cbc->values.at(0).critical);
        // The range that applies to this patient (a woman), not the format's default.
        QCOMPARE(cbc->values.at(0).referenceRange, u"12.0 - 15.5"_s);
        QCOMPARE(cbc->values.at(1).parameterName, u"WBC Count"_s);
        QVERIFY(!cbc->values.at(1).critical);
        QVERIFY(!overview.value().report(6)->values.at(0).critical); // K 4.0 is normal
        QVERIFY(!overview.value().report(3)->values.at(0).critical); // text never is
        QCOMPARE(cbc->calloutHistoryCount, 0);
    }

    void historyIsCountedPerReport()
    {
        Desk &support = desk(u"support:3"_s);
        CalloutRequest request;
        request.billId = 1;
        request.reportIds = {2};
        request.methods = {CommunicationMethod::Email};
        request.recipients = {RecipientKind::Organization};
        QVERIFY(CalloutEngine(support.db()).submit(support.scope, request).ok());
        const auto overview = OrderOverviewReader(support.db()).read(support.scope, 1);
        QVERIFY(overview.ok());
        QCOMPARE(overview.value().report(2)->calloutHistoryCount, 1);
        QCOMPARE(overview.value().report(1)->calloutHistoryCount, 0);
        QCOMPARE(overview.value().report(2)->status, CriticalStatus::CalloutDone);
    }

    void visibilityNarrowsTheReportsAndHidesOtherLabs()
    {
        Desk &hana = desk(u"labuser:1"_s);
        Desk &support = desk(u"support:3"_s);
        const auto haematology = OrderOverviewReader(hana.db()).read(hana.scope, 1);
        QVERIFY(haematology.ok());
        QCOMPARE(reportIds(haematology.value()), (QList<qint64>{1, 3}));
        const auto otherLab = OrderOverviewReader(support.db()).read(support.scope, 3);
        QVERIFY(!otherLab.ok());
        QCOMPARE(otherLab.failure().kind, Failure::Kind::InvalidInput);
    }

    void departmentsOfTheSession()
    {
        Desk &support = desk(u"support:3"_s);
        Desk &hana = desk(u"labuser:1"_s);
        const auto all = DepartmentReader(support.db()).read(support.scope);
        QVERIFY(all.ok());
        QStringList names;
        for (const Department &department : all.value())
            names << department.name;
        QCOMPARE(names, (QStringList{u"Biochemistry"_s, u"Haematology"_s}));
        const auto own = DepartmentReader(hana.db()).read(hana.scope);
        QVERIFY(own.ok());
        QCOMPARE(own.value().size(), 1);
        QCOMPARE(own.value().at(0).name, u"Haematology"_s);
    }
};

QTEST_MAIN(TestOrderOverview)
#include "tst_orderoverview.moc"
