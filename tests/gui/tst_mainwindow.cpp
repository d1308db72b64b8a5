// The desktop window, driven offscreen on a real demo database.
#include "TestDatabase.h"
#include "models/WorklistModel.h"
#include "services/db/DatabaseStartup.h"
#include "services/db/DemoDataGenerator.h"
#include "ui/CalloutHistoryList.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensOnAFreshDemoDatabase()
    {
        // The embedded-demo path: an empty file that the window's startup fills.
        QTemporaryDir dir;
        const DatabaseUrl url = DatabaseUrl::sqliteFile(dir.filePath(u"demo/first-start.db"_s));
        MainWindow window(DatabaseStartup(url, true), QString());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.isVisible());

        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 60000);
        auto *banner = window.findChild<QLabel *>(u"startupBanner"_s);
        QVERIFY(banner);
        QVERIFY2(banner->text().contains(u"Riverside Clinical Laboratory"_s),
                 qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(u"Demo data was created"_s), qPrintable(banner->text()));

        auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
        QVERIFY(tabs);
        QVERIFY(tabs->isEnabled());
        QCOMPARE(tabs->count(), 3);
        // The demo signs in its support login; the tabs fill and count, off the UI thread.
        QTRY_VERIFY_WITH_TIMEOUT(tabs->tabText(0).startsWith(u"Pending "_s), 30000);
        QVERIFY(tabs->tabText(1).startsWith(u"Attempted "_s));
        QVERIFY(tabs->tabText(2).startsWith(u"Done "_s));
        auto *pending = window.findChild<QTableView *>(u"worklist_callout_pending"_s);
        QVERIFY(pending && pending->model());
        QTRY_VERIFY(pending->model()->rowCount() > 0);
        QCOMPARE(pending->model()->index(0, 4).data().toString(), u"Pending"_s);
        auto *done = window.findChild<QTableView *>(u"worklist_callout_done"_s);
        QTRY_VERIFY(done->model()->rowCount() > 0);
        QCOMPARE(done->model()->index(0, 4).data().toString(), u"Done"_s);
    }

    void opensOnAnExistingPostgresDatabaseWithoutAddingDemoData()
    {
        auto database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(database);
        {
            auto db = database->connectMigrated();
            QVERIFY(db);
            DemoDataGenerator::Options options;
            options.orders = 120;
            QVERIFY(DemoDataGenerator(*db).generate(options).ok());
        }
        MainWindow window(DatabaseStartup(database->url(), false), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        auto *banner = window.findChild<QLabel *>(u"startupBanner"_s);
        QVERIFY2(banner->text().contains(u"120 orders"_s), qPrintable(banner->text()));
        QVERIFY(!banner->text().contains(u"Demo data was created"_s));
        // The administrator's login is nobody at a desk: no patient is shown.
        QVERIFY2(banner->text().contains(u"is not linked to a person"_s), qPrintable(banner->text()));
        QVERIFY(!window.findChild<QTabWidget *>(u"worklistTabs"_s)->isEnabled());

        // Signed in as a lab user of Haematology (home department): only that department.
        // --as is not believed on PostgreSQL.
        MainWindow claimed(DatabaseStartup(database->url(), false, u"support:1"_s), QString());
        claimed.show();
        QTRY_COMPARE_WITH_TIMEOUT(claimed.state(), MainWindow::State::Ready, 30000);
        QVERIFY2(claimed.findChild<QLabel *>(u"startupBanner"_s)
                     ->text()
                     .contains(u"--as is only for SQLite"_s),
                 qPrintable(claimed.findChild<QLabel *>(u"startupBanner"_s)->text()));
        QVERIFY(!claimed.findChild<QTabWidget *>(u"worklistTabs"_s)->isEnabled());

        const auto hana = database->deskStartup(u"labuser:1"_s);
        QVERIFY2(hana.ok(), qPrintable(hana ? QString() : hana.failure().message));
        MainWindow signedIn(hana.value(), QString());
        signedIn.show();
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.state(), MainWindow::State::Ready, 30000);
        auto *tabs = signedIn.findChild<QTabWidget *>(u"worklistTabs"_s);
        QVERIFY(tabs->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(tabs->tabText(0).startsWith(u"Pending "_s), 30000);
        int shown = 0;
        for (const QTableView *view : signedIn.findChildren<QTableView *>()) {
            QTRY_VERIFY(view->model()
                        && !qobject_cast<WorklistModel *>(view->model())->isLoading());
            for (int row = 0; row < view->model()->rowCount(); ++row, ++shown)
                QCOMPARE(view->model()->index(row, 3).data().toString(), u"Haematology"_s);
        }
        QVERIFY(shown > 0);
    }

    void unreachableDatabaseIsSaidPlainly()
    {
        const auto url = DatabaseUrl::parse(u"postgresql://lab@127.0.0.1:1/callouts"_s);
        QVERIFY(url.ok());
        MainWindow window(DatabaseStartup(url.value(), false), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Failed, 30000);
        auto *banner = window.findChild<QLabel *>(u"startupBanner"_s);
        QVERIFY2(banner->text().contains(u"connection was refused"_s), qPrintable(banner->text()));
        QVERIFY(!window.findChild<QTabWidget *>(u"worklistTabs"_s)->isEnabled());
    }

    void indexSyncStateIsShown()
    {
        MainWindow window(std::nullopt, u"no database"_s);
        auto *label = window.findChild<QLabel *>(u"indexLabel"_s);
        QVERIFY(label);
        window.showIndexSyncState(3, 0, 0, QString());
        QCOMPARE(label->text(), u"Search index: up to date (3 sent)"_s);
        window.showIndexSyncState(0, 2, 0, QString());
        QCOMPARE(label->text(), u"Search index: 2 update(s) waiting to retry"_s);
        window.showIndexSyncState(0, 0, 1, QString());
        QVERIFY(label->text().contains(u"1 update(s) failed"_s));
        window.showIndexSyncState(0, 1, 0, u"The search index at http://x could not be used."_s);
        QCOMPARE(label->text(), u"Search index: waiting to retry"_s);
        QCOMPARE(label->toolTip(), u"The search index at http://x could not be used."_s);
        // SPEC E5: orders the index refuses stay in view, whatever the last round did.
        window.showIndexSyncState(
            5, 0, 0, QString(), u"2 orders not in the index: report 7: mapper_parsing_exception"_s);
        QCOMPARE(label->text(),
                 u"Search index: 2 orders not in the index: report 7: mapper_parsing_exception"_s);
        window.showIndexSyncState(1, 0, 0, QString());
        QCOMPARE(label->text(), u"Search index: up to date (1 sent)"_s);
    }

    void notificationStateIsShown()
    {
        MainWindow window(std::nullopt, u"no database"_s);
        auto *label = window.findChild<QLabel *>(u"notifyLabel"_s);
        QVERIFY(label);
        // What this desk sends, and that the rest waits rather than is lost (SPEC U11).
        window.showNotificationChannels({}, {});
        QCOMPARE(label->text(),
                 u"This desk sends no messages: they wait for a desk with mail "
                 "or gateway settings"_s);
        window.showNotificationChannels({u"email"_s, u"sms"_s}, {u"The fax gateway URL is wrong."_s});
        QCOMPARE(label->text(),
                 u"This desk sends Email and SMS; other messages wait for another "
                 "desk · configuration problem"_s);
        QCOMPARE(label->toolTip(), u"The fax gateway URL is wrong."_s);
        window.showNotificationState(2, 0, 0, QString());
        QCOMPARE(label->text(), u"Notifications: up to date (2 sent)"_s);
        window.showNotificationState(0, 1, 0, QString());
        QCOMPARE(label->text(), u"Notifications: 1 waiting to retry"_s);
        window.showNotificationState(0, 0, 1, QString());
        QCOMPARE(label->text(), u"Notifications: 1 failed, see the callout history"_s);
        // SPEC N4: a channel paused on this desk is said, in full in the tooltip.
        const QString paused = u"email paused: The mail server smtp://desk@mail.example:587 "
                               "refused the mail settings: 535 5.7.8 Authentication credentials "
                               "invalid"_s;
        window.showNotificationState(0, 0, 0, QString(), paused);
        QVERIFY2(
            label->text().startsWith(u"Notifications wait until the settings work: email paused"_s),
            qPrintable(label->text()));
        QVERIFY(label->toolTip().contains(u"535 5.7.8 Authentication credentials invalid"_s));
        window.showNotificationState(1, 0, 0, QString());
        QCOMPARE(label->text(), u"Notifications: up to date (1 sent)"_s);
    }

    void theHistorySaysHowEachMessageWent()
    {
        NotificationDelivery delivery;
        delivery.channel = u"email"_s;
        delivery.address = u"city@hospital.example"_s;
        delivery.state = u"pending"_s;
        QCOMPARE(CalloutHistoryList::deliveryLine(delivery),
                 u"email to city@hospital.example: waiting to be sent"_s);
        delivery.attempts = 2;
        delivery.lastError = u"Connection refused"_s;
        QCOMPARE(CalloutHistoryList::deliveryLine(delivery),
                 u"email to city@hospital.example: retrying after 2 failed attempt(s) — Connection refused"_s);
        delivery.state = u"failed"_s;
        delivery.lastError = u"550 5.1.1 User unknown"_s;
        QCOMPARE(CalloutHistoryList::deliveryLine(delivery),
                 u"email to city@hospital.example: FAILED — 550 5.1.1 User unknown"_s);
        delivery.state = u"sent"_s;
        delivery.sentOn = QDateTime::currentDateTimeUtc();
        QVERIFY(CalloutHistoryList::deliveryLine(delivery)
                    .startsWith(u"email to city@hospital.example: sent "_s));
    }

    void wrongConfigurationOpensTheWindowWithTheReason()
    {
        MainWindow window(std::nullopt, u"The database URL from the --db option is wrong: bad."_s);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.state(), MainWindow::State::Failed);
        QCOMPARE(window.findChild<QLabel *>(u"startupBanner"_s)->text(),
                 u"The database URL from the --db option is wrong: bad."_s);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
