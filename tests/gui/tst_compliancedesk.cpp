// SPEC T5 in the desk: View → Compliance report opens the window, which reads the report
// through the desk's reading connection as the person signed in, on both engines: the
// same report the reader gives that person, a late callout as a breach with its read-back
// (SPEC T4) and who recorded it, a department user's departments only, and a breach
// opening its order in the overview.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/report/ComplianceReader.h"
#include "ui/ComplianceWindow.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"

#include <QAction>
#include <QPointer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int timeout = 30000;

} // namespace

class TestComplianceDesk : public EngineTestCase
{
    Q_OBJECT

private:
    // Opens the desk of `who`, then its compliance window, and waits for the report.
    QPointer<ComplianceWindow> openCompliance(MainWindow &window)
    {
        QPointer<ComplianceWindow> opened;
        connect(&window, &MainWindow::complianceWindowOpened, this,
                [&opened](ComplianceWindow *compliance) { opened = compliance; });
        auto *action = window.findChild<QAction *>(u"actionCompliance"_s);
        if (!action)
            return nullptr;
        action->trigger();
        if (!opened)
            return nullptr;
        QSignalSpy loaded(opened.data(), &ComplianceWindow::loaded);
        if (!opened->report() && !loaded.wait(timeout))
            return nullptr;
        // The window opens on the last twelve weeks; the fixture's results are of
        // 2026-11-20, whenever the test runs.
        opened->setQuery({QDate(2026, 11, 1), QDate::currentDate(), std::nullopt});
        loaded.clear();
        opened->load();
        if (!loaded.wait(timeout) || !loaded.first().first().toBool())
            return nullptr;
        return opened;
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        // Report 2 (Potassium 7.1, Biochemistry), resulted on 2026-11-20, called out now:
        // far past the target, read back by the doctor.
        CalloutRequest late = CalloutFixture::doneRequest({2});
        PhoneCall call(u"Dr. Jones"_s, QDateTime::currentDateTime().toString(Qt::ISODate),
                       RecipientKind::Referral);
        call.role = CallTakerRole::Doctor;
        call.readBack = true;
        call.readBackValue = u"7.1"_s;
        late.phoneCalls = {call};
        const auto saved
            = CalloutEngine(desk(u"support:3"_s).db()).submit(desk(u"support:3"_s).scope, late);
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.failure().message));
    }

    void theWindowShowsThePersonsReport()
    {
        auto window = openDeskAs(database(), u"support:3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        const QPointer<ComplianceWindow> compliance = openCompliance(*window);
        QVERIFY(compliance);
        const ComplianceReport &shown = *compliance->report();

        // The same report the reader gives Sam at the same moment.
        Desk &sam = desk(u"support:3"_s);
        const auto read
            = ComplianceReader(sam.db()).read(sam.scope, compliance->query(), shown.producedAt);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.failure().message));
        QCOMPARE(shown, read.value());
        QCOMPARE(shown.labName, u"Riverside Lab"_s);
        QCOMPARE(shown.departments.size(), 2);
        // Reports 1, 2, 3, 7 and 8 are critical in the range; 2 was called out.
        QCOMPARE(shown.labTotal.criticalReports, 5);
        QCOMPARE(shown.labTotal.notified, 1);
        QCOMPARE(shown.labTotal.notifiedWithinTarget, 0);

        const auto breach = std::find_if(shown.breaches.cbegin(), shown.breaches.cend(),
                                         [](const ComplianceBreach &b) { return b.reportId == 2; });
        QVERIFY(breach != shown.breaches.cend());
        QVERIFY(!breach->isOpen());
        QVERIFY(breach->readBack);
        QCOMPARE(breach->notifiedBy, u"Sam Support"_s);
        QCOMPARE(breach->orderNumber, u"RL-1"_s);
        QVERIFY(breach->minutesOver > 60 * 24 * 10);

        // Double-click the breach: the desk shows its order.
        auto *breaches = compliance->findChild<QTableWidget *>(u"complianceBreaches"_s);
        compliance->findChild<QTabWidget *>()->setCurrentWidget(breaches);
        const int row = int(breach - shown.breaches.cbegin());
        const QRect cell = breaches->visualItemRect(breaches->item(row, 0));
        QTest::mouseClick(breaches->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(breaches->viewport(), Qt::LeftButton, {}, cell.center());
        auto *overview = window->findChild<OrderOverviewPage *>();
        QTRY_COMPARE_WITH_TIMEOUT(overview->billId(), qint64(1), timeout);
    }

    void aDepartmentUserSeesTheirDepartments()
    {
        // Hana Haem works in Haematology only: the late Biochemistry callout is not hers.
        auto window = openDeskAs(database(), u"labuser:1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        const QPointer<ComplianceWindow> compliance = openCompliance(*window);
        QVERIFY(compliance);
        const ComplianceReport &shown = *compliance->report();
        QCOMPARE(shown.departments.size(), 1);
        QCOMPARE(shown.departments.first().department.name, u"Haematology"_s);
        QCOMPARE(shown.labTotal.notified, 0);
        for (const ComplianceBreach &breach : shown.breaches)
            QCOMPARE(breach.department, u"Haematology"_s);
    }
};

QTEST_MAIN(TestComplianceDesk)
#include "tst_compliancedesk.moc"
