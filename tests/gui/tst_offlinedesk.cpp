// The desk when its server goes away (SPEC O2, O4, O5, A5), through the real widgets
// offscreen, on PostgreSQL behind a relay the test takes away and brings back: the banner
// comes within 5 seconds and goes when the server is back; Sign and Approve are disabled
// offline with the reason; the idle lock opens offline only with the password kept on
// this desk; the sign-in dialog signs a person in offline and the desk opens by itself
// once the server answers.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TcpRelay.h"
#include "TestDatabase.h"
#include "models/DeskTime.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineCredential.h"
#include "services/offline/ServerReachability.h"
#include "ui/LockScreen.h"
#include "ui/MainWindow.h"
#include "ui/OfflineBanner.h"
#include "ui/OrderOverviewPage.h"
#include "ui/ReportSignoffView.h"
#include "ui/SignInDialog.h"
#include "ui/SignInForm.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;
using namespace std::chrono_literals;

namespace {

constexpr int timeout = 30000;

ServerReachability *quickReachability(const DatabaseUrl &server)
{
    return new ServerReachability(server, {500ms, 500ms, 1});
}

} // namespace

class TestOfflineDesk : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<TcpRelay> m_relay;

    // The person's URL with the relay in place of the cluster.
    Result<DatabaseUrl> throughRelay(const QString &spec)
    {
        const auto direct = database().personUrl(spec);
        if (!direct)
            return direct.failure();
        return m_relay->relayed(direct.value());
    }
    std::unique_ptr<MainWindow> openDesk(const DatabaseUrl &url)
    {
        auto window = std::make_unique<MainWindow>(DatabaseStartup(url, false), QString());
        window->setReachability(quickReachability(url));
        window->resize(1200, 760);
        window->show();
        return window;
    }
    // Selects a report of the open order, as a click on its row does.
    static bool selectReport(OrderOverviewPage *overview, qint64 reportId)
    {
        auto *reports = overview->findChild<QTreeWidget *>(u"overviewReports"_s);
        for (int i = 0; i < reports->topLevelItemCount(); ++i) {
            reports->setCurrentItem(reports->topLevelItem(i));
            if (overview->selectedReport() && overview->selectedReport()->reportId == reportId)
                return true;
        }
        return false;
    }
    static OfflineBanner *banner(MainWindow &window)
    {
        return window.findChild<OfflineBanner *>(u"offlineBanner"_s);
    }
    static bool bannerShown(MainWindow &window)
    {
        return banner(window)->isVisible();
    }
    // Waits for the banner and says how long it took.
    static qint64 untilOffline(MainWindow &window)
    {
        QElapsedTimer timer;
        timer.start();
        if (!QTest::qWaitFor([&] { return bannerShown(window); }, 10000))
            return -1;
        return timer.elapsed();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<ReportSignoffView *>();
    }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        if (!isPostgres())
            QSKIP("Offline is about a server out of reach; SQLite is a file on this desk.");
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
        const auto admin = TestDatabase::postgresAdminUrl();
        QVERIFY(admin.ok());
        m_relay = std::make_unique<TcpRelay>(admin.value().host(), quint16(admin.value().port()));
        QVERIFY(m_relay->start());
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        m_relay.reset();
        EngineTestCase::cleanup();
    }

    void theBannerAndTheSignoffFollowTheServer()
    {
        // Report 2 signed, so the support login may approve it; report 1 waits to be signed.
        // (Signed while the lab did not call out every result, as the database requires.)
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_setting SET enabled = false WHERE lab_id "
                                 "= 1 AND setting_key = 'always_notify'"_s)
                    .ok());
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET is_signed = true WHERE id = 2"_s).ok());
        const auto url = throughRelay(u"support:3"_s);
        QVERIFY(url.ok());
        auto window = openDesk(url.value());
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QVERIFY(!bannerShown(*window));
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 1);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        auto *sign = window->findChild<QPushButton *>(u"overviewSignButton"_s);
        auto *approve = window->findChild<QPushButton *>(u"overviewApproveButton"_s);
        auto *reason = window->findChild<QLabel *>(u"overviewSignoffOffline"_s);
        QVERIFY(sign->isEnabled());
        QVERIFY(!reason->isVisible());
        QVERIFY(selectReport(overview, 2));
        QVERIFY(approve->isVisible() && approve->isEnabled());
        QVERIFY(selectReport(overview, 1));
        QSignalSpy opened(window.get(), &MainWindow::signoffViewOpened);
        sign->click();
        QCOMPARE(opened.count(), 1);
        QPointer<ReportSignoffView> view = opened.at(0).at(0).value<ReportSignoffView *>();
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        auto *action = view->findChild<QPushButton *>(u"signoffAction"_s);
        QVERIFY(action->isEnabled());

        m_relay->stop();
        const qint64 took = untilOffline(*window);
        QVERIFY2(took >= 0 && took < 5000, qPrintable(QString::number(took)));
        QVERIFY(window->isOffline());
        const QString since = DeskTime::shown(QDateTime::currentDateTime()).left(10);
        QVERIFY2(banner(*window)->text().startsWith(u"Offline since "_s + since),
                 qPrintable(banner(*window)->text()));
        // Nobody has said how old the data is: no "data as of".
        QVERIFY(!banner(*window)->text().contains(u"data as of"_s));
        const QString expected = u"Signing needs the server; the desk is offline since "_s;
        QVERIFY(!sign->isEnabled());
        QVERIFY2(sign->toolTip().startsWith(expected), qPrintable(sign->toolTip()));
        QVERIFY(reason->isVisible());
        QVERIFY(reason->text().startsWith(expected));
        // The open view too: no Save & Sign, and it says why.
        QVERIFY(!action->isEnabled());
        QVERIFY2(view->message().startsWith(expected), qPrintable(view->message()));
        action->click();
        QCOMPARE(view->state(), ReportSignoffView::State::Ready);
        view->reject();
        QTRY_VERIFY(!view);

        // The signed report: Approve is offered to support, and disabled offline.
        QVERIFY(selectReport(overview, 2));
        QVERIFY(approve->isVisible());
        QVERIFY(!approve->isEnabled());
        QVERIFY(approve->toolTip().startsWith(expected));

        // Once told how old its data is, the banner says so.
        const QDateTime asOf = QDateTime::currentDateTime().addSecs(-60);
        window->setDataAsOf([asOf] { return std::optional<QDateTime>(asOf); });
        QVERIFY2(banner(*window)->text().endsWith(u" — data as of "_s + DeskTime::shown(asOf)),
                 qPrintable(banner(*window)->text()));

        QSignalSpy worklistRead(worklistModel(*window, CriticalStatus::CalloutPending),
                                &WorklistModel::countsChanged);
        QSignalSpy overviewRead(overview, &OrderOverviewPage::loaded);
        QVERIFY(m_relay->start());
        QTRY_VERIFY_WITH_TIMEOUT(!bannerShown(*window), 5000);
        QVERIFY(!window->isOffline());
        // Back online, the desk reads the worklist and the open order again by itself.
        QTRY_VERIFY_WITH_TIMEOUT(worklistRead.count() > 0, timeout);
        QTRY_VERIFY_WITH_TIMEOUT(overviewRead.count() > 0, timeout);
        QTRY_VERIFY_WITH_TIMEOUT(overview->selectedReport().has_value(), timeout);
        QVERIFY(selectReport(overview, 2));
        QVERIFY(approve->isEnabled());
        QVERIFY(!reason->isVisible());
        QVERIFY(selectReport(overview, 1));
        QVERIFY(sign->isEnabled());
    }

    void theLockOpensOfflineOnlyWithTheKeptPassword()
    {
        const auto url = throughRelay(u"support:3"_s);
        QVERIFY(url.ok());
        auto window = std::make_unique<MainWindow>(DatabaseStartup(url.value(), false), QString());
        window->setKeepsOfflineCredential(true);
        QSignalSpy kept(window.get(), &MainWindow::offlineCredentialKept);
        window->setReachability(quickReachability(url.value()));
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QTRY_COMPARE_WITH_TIMEOUT(kept.count(), 1, timeout);
        QCOMPARE(kept.at(0).at(0).toString(), QString());
        const OfflineCacheLocation location(url.value(), url.value().userName());
        QVERIFY(QFile::exists(location.filePath()));

        window->lockNow();
        m_relay->stop();
        QTRY_VERIFY_WITH_TIMEOUT(window->isOffline(), 5000);
        auto *lock = window->findChild<LockScreen *>(u"lockScreen"_s);
        SignInForm *form = lock->form();
        typePassword(form, u"not-the-password"_s);
        lock->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->problem().isEmpty(), timeout);
        QVERIFY2(form->problem().contains(u"is not right"_s), qPrintable(form->problem()));
        // First why the server did not answer, then why the offline check refused.
        QVERIFY2(form->problem().startsWith(u"Cannot reach the PostgreSQL server"_s),
                 qPrintable(form->problem()));
        QVERIFY(window->isLocked());

        typePassword(form, QString::fromLatin1(TestDatabase::personPassword));
        lock->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLocked(), timeout);
        QVERIFY(window->isOffline());
        QVERIFY(bannerShown(*window));
    }

    void theSignInDialogSignsInOfflineAndTheDeskOpensWhenTheServerIsBack()
    {
        const auto url = throughRelay(u"support:3"_s);
        QVERIFY(url.ok());
        const QString login = url.value().userName();
        const DatabaseUrl server = url.value().withCredentials(QString(), QString());
        // Signed in here once while online; another person never did.
        QVERIFY(OfflineCredential(OfflineCacheLocation(server, login))
                    .keep(SecretText(QString::fromLatin1(TestDatabase::personPassword)),
                          SessionScope::support(1, 3, u"Sam Support"_s))
                    .ok());
        m_relay->stop();

        SignInDialog stranger(server);
        stranger.show();
        stranger.form()->findChild<QLineEdit *>(u"signInLogin"_s)->setText(u"someone_else"_s);
        typePassword(stranger.form(), QString::fromLatin1(TestDatabase::personPassword));
        stranger.findChild<QPushButton *>(u"signInOk"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!stranger.form()->problem().isEmpty(), timeout);
        QVERIFY2(stranger.form()->problem().contains(u"has not signed in with a password on this "
                                                     "desk"_s),
                 qPrintable(stranger.form()->problem()));
        QVERIFY(stranger.result() != QDialog::Accepted);

        SignInDialog dialog(server);
        dialog.show();
        dialog.form()->findChild<QLineEdit *>(u"signInLogin"_s)->setText(login);
        typePassword(dialog.form(), u"wrong"_s);
        dialog.findChild<QPushButton *>(u"signInOk"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.form()->problem().isEmpty(), timeout);
        QVERIFY(dialog.form()->problem().contains(u"is not right"_s));
        typePassword(dialog.form(), QString::fromLatin1(TestDatabase::personPassword));
        dialog.findChild<QPushButton *>(u"signInOk"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), timeout);
        QVERIFY(dialog.offlinePerson().has_value());
        QCOMPARE(dialog.offlinePerson()->userId(), qint64(3));
        QCOMPARE(dialog.offlinePerson()->kind(), SessionKind::Support);

        MainWindow window(std::nullopt, QString());
        window.setReachability(quickReachability(server));
        window.openOffline(DatabaseStartup(*dialog.signedIn(), false), *dialog.offlinePerson());
        window.show();
        QVERIFY(bannerShown(window));
        QVERIFY(window.isOffline());
        // The banner holds while the server is away (several probes).
        QTest::qWait(1500);
        QVERIFY(bannerShown(window));

        QVERIFY(m_relay->start());
        QTRY_VERIFY_WITH_TIMEOUT(!bannerShown(window), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(window), timeout);
        QVERIFY(worklistModel(window, CriticalStatus::CalloutPending)->rowCount() > 0);
    }
};

QTEST_MAIN(TestOfflineDesk)
#include "tst_offlinedesk.moc"
