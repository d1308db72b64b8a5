// The live desk (SPEC T1), through the real widgets offscreen and a real PostgreSQL
// cluster: a callout committed on another desk's connection shows on this desk's worklist
// without a reload of the tab; a report that becomes critical alerts the desk, at most once
// per order a minute, and not when the person switched alerts off; an open order overview
// and callout dialog say their order changed (C6); after the server ends the listening
// session the desk listens again and reads the worklist once. SQLite desks do not listen.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CriticalResultAlerts.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"

#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int timeout = 30000;
// SPEC T1: a change shows within a second; the test allows for a loaded CI machine.
constexpr int liveTimeout = 5000;

} // namespace

class TestLiveDesk : public EngineTestCase
{
    Q_OBJECT

private:
    // Opens the desk as Sam Support and waits until it shows the worklist and listens.
    std::unique_ptr<MainWindow> openLiveDesk()
    {
        auto window = openDeskAs(database(), u"support:3"_s);
        if (!QTest::qWaitFor([&] { return deskReady(*window) && window->isLive(); }, timeout))
            return nullptr;
        return window;
    }
    // A report of order RL-2 that becomes critical, written as the laboratory system
    // writes results: the report, then its value.
    void addCriticalReport(qint64 reportId)
    {
        QVERIFY(exec(db(),
                     u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, "
                     "critical_values, dismissed, sample_collected, completed, result_on) "
                     "VALUES (%1, 1, 2, 2, 1, FALSE, TRUE, TRUE, "
                     "'2026-11-20T11:00:00.000Z')"_s.arg(reportId)));
        QVERIFY(exec(db(),
                     u"INSERT INTO report_value (report_id, report_format_id, value) "
                     "VALUES (%1, 3, '7.4')"_s.arg(reportId)));
    }

private slots:
    void initTestCase() { qRegisterMetaType<CalloutDialog *>(); }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
    }

    void anSqliteDeskDoesNotListen()
    {
        if (isPostgres())
            QSKIP("PostgreSQL desks listen; the other tests show it");
        auto window = openDeskAs(database(), u"support:3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QVERIFY(!window->isLive());
        QVERIFY(window->findChild<QLabel *>(u"liveLabel"_s)->text().isEmpty());
    }

    void aCalloutOnAnotherDeskShowsWithoutReadingTheTabAgain()
    {
        if (!isPostgres())
            QSKIP("SPEC T1 listens to PostgreSQL; an SQLite database is one desk's");
        auto window = openLiveDesk();
        QVERIFY(window);
        WorklistModel *pending = worklistModel(*window, CriticalStatus::CalloutPending);
        WorklistModel *done = worklistModel(*window, CriticalStatus::CalloutDone);
        QVERIFY(rowOf(pending, 2) >= 0);
        QCOMPARE(rowOf(done, 2), -1);
        const int pendingRows = pending->rowCount();
        QSignalSpy pendingReset(pending, &QAbstractItemModel::modelReset);
        QSignalSpy doneReset(done, &QAbstractItemModel::modelReset);
        QSignalSpy counts(pending, &WorklistModel::countsChanged);
        QSignalSpy applied(window.get(), &MainWindow::liveChangesApplied);

        // Another desk: Sam's second connection, as a second desk of the same person has.
        QVERIFY(CalloutEngine(desk(u"support:3"_s).db())
                    .submit(desk(u"support:3"_s).scope, CalloutFixture::doneRequest({2}))
                    .ok());

        QTRY_VERIFY_WITH_TIMEOUT(rowOf(done, 2) >= 0, liveTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(pending, 2), -1, liveTimeout);
        QCOMPARE(pending->rowCount(), pendingRows - 1);
        // Only the changed order was read: no tab was emptied and read whole.
        QCOMPARE(pendingReset.count(), 0);
        QCOMPARE(doneReset.count(), 0);
        QVERIFY(applied.count() >= 1);
        QCOMPARE(applied.at(0).at(0).value<QList<qint64>>(), QList<qint64>{1});
        // The badges: one fewer pending, one more done.
        QTRY_VERIFY_WITH_TIMEOUT(!counts.isEmpty(), liveTimeout);
        const QList<QVariant> last = counts.constLast();
        QCOMPARE(last.at(0).toLongLong(), qint64(pendingRows - 1));
        QCOMPARE(last.at(2).toLongLong(), 1);
        auto *tabs = window->findChild<QTabWidget *>(u"worklistTabs"_s);
        QCOMPARE(tabs->tabText(2), u"Done 1"_s);
    }

    void aNewCriticalResultAlertsOncePerOrderAMinute()
    {
        if (!isPostgres())
            QSKIP("SPEC T1 listens to PostgreSQL");
        auto window = openLiveDesk();
        QVERIFY(window);
        WorklistModel *pending = worklistModel(*window, CriticalStatus::CalloutPending);
        QSignalSpy alerted(window->criticalResultAlerts(), &CriticalResultAlerts::alerted);

        addCriticalReport(20);
        QTRY_COMPARE_WITH_TIMEOUT(alerted.count(), 1, liveTimeout);
        QCOMPARE(alerted.at(0).at(0).value<QList<qint64>>(), QList<qint64>{2});
        // The order and the test, never the patient's name.
        const QString message = alerted.at(0).at(1).toString();
        QVERIFY2(message.contains(u"RL-2"_s) && message.contains(u"Potassium"_s),
                 qPrintable(message));
        QVERIFY2(!message.contains(u"Roe"_s), qPrintable(message));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(pending, 20) >= 0, liveTimeout);

        // A second critical report of the same order within the minute shows, but does not
        // ring again.
        QSignalSpy applied(window.get(), &MainWindow::liveChangesApplied);
        addCriticalReport(21);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(pending, 21) >= 0, liveTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() >= 1, liveTimeout);
        QTest::qWait(500); // the alert's own read comes after the worklist's
        QCOMPARE(alerted.count(), 1);
    }

    void alertsSwitchedOffStayQuiet()
    {
        if (!isPostgres())
            QSKIP("SPEC T1 listens to PostgreSQL");
        auto window = openLiveDesk();
        QVERIFY(window);
        auto *action = window->findChild<QAction *>(u"actionCriticalAlerts"_s);
        QVERIFY(action && action->isChecked());
        action->trigger();
        QVERIFY(!window->criticalResultAlerts()->isEnabled());
        QSignalSpy alerted(window->criticalResultAlerts(), &CriticalResultAlerts::alerted);
        addCriticalReport(22);
        WorklistModel *pending = worklistModel(*window, CriticalStatus::CalloutPending);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(pending, 22) >= 0, liveTimeout);
        QTest::qWait(500);
        QCOMPARE(alerted.count(), 0);
        // The switch is the person's: their next desk starts with it off.
        window.reset();
        auto again = openLiveDesk();
        QVERIFY(again);
        QVERIFY(!again->criticalResultAlerts()->isEnabled());
        QVERIFY(!again->findChild<QAction *>(u"actionCriticalAlerts"_s)->isChecked());
    }

    void anOpenOverviewAndDialogSayTheirOrderChanged()
    {
        if (!isPostgres())
            QSKIP("SPEC T1 listens to PostgreSQL");
        auto window = openLiveDesk();
        QVERIFY(window);
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 2);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        auto *button = window->findChild<CalloutButton *>(u"overviewCalloutButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), timeout);
        QSignalSpy opened(button, &CalloutButton::dialogOpened);
        button->click();
        QCOMPARE(opened.count(), 1);
        QPointer<CalloutDialog> dialog = opened.at(0).at(0).value<CalloutDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->state() == CalloutDialog::State::Ready, timeout);
        auto *state = overview->findChild<QLabel *>(u"overviewState"_s);
        QVERIFY(!state->isVisible());

        // The other desk calls out report 1 of the same order.
        QVERIFY(CalloutEngine(desk(u"support:3"_s).db())
                    .submit(desk(u"support:3"_s).scope, CalloutFixture::doneRequest({1}))
                    .ok());

        QTRY_VERIFY_WITH_TIMEOUT(state->isVisible() && state->text().contains(u"changed"_s),
                                 liveTimeout);
        auto *banner = dialog->findChild<QLabel *>(u"problemBannerText"_s);
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), liveTimeout);
        QVERIFY2(banner->text().contains(u"changed elsewhere"_s), qPrintable(banner->text()));
        QVERIFY(dialog->findChild<QPushButton *>(u"reloadButton"_s)->isVisible());
        dialog->reject();
    }

    void listensAgainAfterTheServerEndsTheSession()
    {
        if (!isPostgres())
            QSKIP("SPEC T1 listens to PostgreSQL");
        auto window = openLiveDesk();
        QVERIFY(window);
        QSignalSpy listening(window.get(), &MainWindow::liveListening);
        WorklistModel *pending = worklistModel(*window, CriticalStatus::CalloutPending);
        QSignalSpy reset(pending, &QAbstractItemModel::modelReset);
        // The server ends the listening session (a restart, an administrator).
        const QVariant ended = scalar(
            db(),
            u"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND query LIKE 'LISTEN %calloutdesk_lab_1%'"_s);
        QCOMPARE(ended.toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!listening.isEmpty(), timeout);
        QCOMPARE(listening.at(0).at(0).toBool(), true);
        QVERIFY(window->isLive());
        // What changed meanwhile is unknown: the worklist is read once, whole.
        QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 1, timeout);
        // And it is live again.
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
        addCriticalReport(23);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(pending, 23) >= 0, liveTimeout);
    }
};

QTEST_MAIN(TestLiveDesk)
#include "tst_livedesk.moc"
