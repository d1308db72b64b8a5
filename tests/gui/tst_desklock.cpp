// The unattended desk (SPEC A5) and the approval's signature (SPEC A4), through the real
// widgets offscreen on CalloutFixture's lab: the desk locks when idle and hides every
// patient, a modal callout dialog included; it unlocks only with the same person's
// password (proven by the real cluster, with a real login); another person signing in
// discards the first person's unsaved callout after a warning; Approve with a wrong
// password approves nothing.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "TestLogin.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseJob.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/NotificationWorker.h"
#include "services/db/DatabaseStartup.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/IdleWatch.h"
#include "ui/LockScreen.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/PasswordPrompt.h"
#include "ui/ReportSignoffView.h"
#include "ui/SignInForm.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSet>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;
using namespace std::chrono_literals;

namespace {

constexpr int timeout = 30000;

// What the fixture's patients can be recognised by: names and order numbers.
const QStringList patientMarks = {u"Jane Doe"_s, u"Baby Roe"_s, u"RL-1"_s, u"RL-2"_s};

// Every text a passer-by could read: the titles of visible windows and the text of every
// visible label, button, field, tab and item view.
QStringList readableText()
{
    QStringList texts;
    const auto widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible())
            continue;
        if (widget->isWindow())
            texts << widget->windowTitle();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        else if (auto *line = qobject_cast<QLineEdit *>(widget))
            texts << line->text();
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            texts << plain->toPlainText();
        else if (auto *tabs = qobject_cast<QTabWidget *>(widget))
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        else if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model())
            for (int row = 0; row < view->model()->rowCount(); ++row)
                for (int column = 0; column < view->model()->columnCount(); ++column)
                    texts << view->model()->index(row, column).data().toString();
    }
    return texts;
}

QString patientShown()
{
    const QStringList texts = readableText();
    for (const QString &text : texts)
        for (const QString &mark : patientMarks)
            if (text.contains(mark))
                return text;
    return {};
}

} // namespace

class TestDeskLock : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<TestLogin> m_alice;
    std::unique_ptr<TestLogin> m_bob;

    // The desk as the fixture's support login; on PostgreSQL through Alice's own login,
    // whose password the cluster really checks.
    std::unique_ptr<MainWindow> openDesk(const QString &who = u"support:3"_s)
    {
        // PostgreSQL: who is at the desk is the login (Alice is support:3, Bob doctor:2).
        const bool postgres = isPostgres();
        const DatabaseUrl url = postgres ? m_alice->url() : database().url();
        auto window = std::make_unique<MainWindow>(
            DatabaseStartup(url, false, postgres ? QString() : who), QString());
        window->setStartupFactory([postgres](const DatabaseUrl &signedIn) {
            return DatabaseStartup(signedIn, false, postgres ? QString() : u"doctor:2"_s);
        });
        window->resize(1200, 760);
        window->show();
        return window;
    }
    // Opens order RL-1 at report 2 and its callout dialog, and types into it.
    static QPointer<CalloutDialog> openCallout(MainWindow &window)
    {
        OrderOverviewPage *overview = openFromTab(window, CriticalStatus::CalloutPending, 2);
        if (!overview
            || !QTest::qWaitFor([&] { return overview->overview().has_value(); }, timeout))
            return nullptr;
        auto *button = window.findChild<CalloutButton *>(u"overviewCalloutButton"_s);
        QSignalSpy opened(button, &CalloutButton::dialogOpened);
        button->click();
        if (opened.count() != 1)
            return nullptr;
        QPointer<CalloutDialog> dialog = opened.at(0).at(0).value<CalloutDialog *>();
        if (!QTest::qWaitFor(
                [&] { return dialog && dialog->state() == CalloutDialog::State::Ready; }, timeout))
            return nullptr;
        dialog->findChild<QCheckBox *>(u"method_email"_s)->setChecked(true);
        dialog->findChild<QCheckBox *>(u"recipient_organization"_s)->setChecked(true);
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"commentEdit"_s),
                         u"Jane Doe's daughter will call back"_s);
        return dialog;
    }
    static LockScreen *lockScreen(MainWindow &window)
    {
        return window.findChild<LockScreen *>(u"lockScreen"_s);
    }
    void verifyEverythingHidden(MainWindow &window, CalloutDialog *dialog)
    {
        QVERIFY(window.isLocked());
        QVERIFY(lockScreen(window)->isVisible());
        QVERIFY(!window.findChild<QWidget *>(u"desk"_s)->isVisible());
        QVERIFY(!window.findChild<QWidget *>(u"worklistTabs"_s)->isVisible());
        QVERIFY(!window.findChild<QWidget *>(u"worklist_callout_pending"_s)->isVisible());
        QVERIFY(!window.findChild<QWidget *>(u"orderOverview"_s)->isVisible());
        if (dialog)
            QVERIFY(!dialog->isVisible());
        const QString shown = patientShown();
        QVERIFY2(shown.isEmpty(), qPrintable(shown));
        QVERIFY(!window.windowTitle().contains(u"RL-"_s));
    }
    int auditRows() { return scalar(db(), u"SELECT COUNT(*) FROM critical_callout"_s).toInt(); }
    // The sessions the server has open for Alice's login, as its superuser sees them.
    QSet<qint64> alicesSessions() { return sessionsOf(db(), m_alice->name()); }
    static QString readFailure(ConnectionPool &pool)
    {
        const Status read = pool.run(ConnectionPool::Lane::Reads, [](DatabaseConnection &connection) {
                                    const auto query = connection.run(u"t"_s, u"SELECT 1"_s);
                                    return query ? Status(Done{}) : Status(query.failure());
                                }).result();
        return read ? QString() : read.failure().message;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<CalloutDialog *>();
        qRegisterMetaType<ReportSignoffView *>();
        qRegisterMetaType<PasswordPrompt *>();
    }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
        if (isPostgres()) {
            m_alice = TestLogin::create(database().url(), u"alice"_s, u"alice-pass-1"_s,
                                        u"support:3"_s);
            m_bob = TestLogin::create(database().url(), u"bob"_s, u"bob-pass-2"_s, u"doctor:2"_s);
            QVERIFY(m_alice && m_bob);
        }
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        m_alice.reset();
        m_bob.reset();
        EngineTestCase::cleanup();
    }

    void theIdleDeskLocksItself()
    {
        // The lab's own idle time comes from the database (A5).
        QVERIFY(db().run(u"t"_s, u"UPDATE lab SET idle_lock_minutes = 7 WHERE id = 1"_s).ok());
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QCOMPARE(window->idleWatch()->timeout(), std::chrono::milliseconds(7min));
        window->setIdleLockMinutes(10);
        QCOMPARE(window->idleWatch()->timeout(), std::chrono::milliseconds(10min));
        auto *view = window->findChild<QTableView *>(u"worklist_callout_pending"_s);
        QTest::mouseMove(view->viewport(), QPoint(5, 5));
        window->idleWatch()->setTimeout(1s);
        // Input anywhere in the program keeps the desk open, for longer than the idle time:
        // in the window, and typing in another window of the program.
        QLineEdit elsewhere;
        elsewhere.show();
        for (int i = 0; i < 15; ++i) {
            if (i % 2)
                QTest::keyClick(&elsewhere, Qt::Key_A);
            else
                QTest::mouseMove(view->viewport(), QPoint(10 + i, 10 + i));
            QTest::qWait(100);
            QVERIFY(!window->isLocked());
        }
        QSignalSpy locked(window.get(), &MainWindow::lockChanged);
        QElapsedTimer quiet;
        quiet.start();
        QTRY_VERIFY_WITH_TIMEOUT(window->isLocked(), 10000);
        QVERIFY2(quiet.elapsed() >= 900, qPrintable(QString::number(quiet.elapsed())));
        QCOMPARE(locked.count(), 1);
        verifyEverythingHidden(*window, nullptr);
    }

    void theLockHidesEveryPatientAndTheSamePersonUnlocks()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QPointer<CalloutDialog> dialog = openCallout(*window);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible() && dialog->isModal());
        QVERIFY(!patientShown().isEmpty()); // the check below can see a patient

        window->lockNow();
        verifyEverythingHidden(*window, dialog);
        // A window that opens while locked (a late answer) is hidden as well.
        auto *late = new QMessageBox(QMessageBox::Information, u"Order RL-1"_s,
                                     u"Jane Doe: callout saved"_s, QMessageBox::Ok, window.get());
        late->setAttribute(Qt::WA_DeleteOnClose);
        late->show();
        QTRY_VERIFY(!late->isVisible());
        verifyEverythingHidden(*window, dialog);
        // Behind the lock the desk's actions do nothing (no export of the worklist).
        QList<QAction *> actions = window->findChildren<QAction *>(u"actionExportCsv"_s);
        QCOMPARE(actions.size(), 1);
        QVERIFY(!actions.first()->isEnabled());

        SignInForm *form = lockScreen(*window)->form();
        auto *unlock = lockScreen(*window)->findChild<QPushButton *>(u"lockUnlock"_s);
        if (isPostgres()) {
            QCOMPARE(form->login(), m_alice->name());
            typePassword(form, u"not-alices"_s);
            unlock->click();
            QTRY_COMPARE_WITH_TIMEOUT(form->problem(),
                                      u"The password for %1 is not right."_s.arg(m_alice->name()),
                                      timeout);
            QVERIFY(window->isLocked());
            verifyEverythingHidden(*window, dialog);
            typePassword(form, m_alice->password());
        }
        // SQLite is the single trusted desk: it unlocks without a password.
        unlock->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLocked(), timeout);
        QVERIFY(window->findChild<QWidget *>(u"worklistTabs"_s)->isVisible()
                || window->findChild<QWidget *>(u"orderOverview"_s)->isVisible());
        QVERIFY(actions.first()->isEnabled());
        // The person's work is where they left it.
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->findChild<QPlainTextEdit *>(u"commentEdit"_s)->toPlainText(),
                 u"Jane Doe's daughter will call back"_s);
        QVERIFY(late); // kept hidden for the person, shown again with the rest
        QVERIFY(late->isVisible());
    }

    void theDeskWorksOnItsHeldConnectionsAndForgetsThePasswordWhenLocked()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        const std::shared_ptr<ConnectionPool> pool = window->connectionPool();
        QVERIFY(pool);
        QVERIFY(window->database()->password().isEmpty());
        QCOMPARE(pool->hasSecret(), isPostgres());
        // A background worker runs on the desk's writing lane, not on a connection of its own.
        NotificationWorker worker(
            pool, [] { return std::make_unique<NotificationChannels>(); },
            [](DatabaseConnection &connection, const NotificationMessage &message) {
                return NotificationContentReader(connection).read(message);
            },
            {}, 50);
        QSignalSpy drained(&worker, &NotificationWorker::drained);
        worker.start();
        QVERIFY(drained.wait(timeout));

        // Many jobs: the order, its callout dialog, every tab and the order again, again.
        QPointer<CalloutDialog> dialog = openCallout(*window);
        QVERIFY(dialog);
        dialog->done(QDialog::Rejected);
        auto *overview = window->findChild<OrderOverviewPage *>(u"orderOverview"_s);
        QSignalSpy loaded(overview, &OrderOverviewPage::loaded);
        for (int i = 0; i < 8; ++i) {
            window->findChild<QAction *>(u"actionRefresh"_s)->trigger();
            overview->reload();
            QVERIFY(loaded.wait(timeout));
            QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
        }
        QTRY_VERIFY_WITH_TIMEOUT(drained.count() >= 1, timeout);
        QCOMPARE(pool->connectionsOpened(), quint64(2));
        if (!isPostgres())
            return;
        // Counted by the server: Alice's desk holds three sessions, its two lanes and the
        // live listener (SPEC T1), within its three.
        QTRY_VERIFY_WITH_TIMEOUT(window->isLive(), timeout);
        const QSet<qint64> held = alicesSessions();
        QCOMPARE(held.size(), 3);
        QVERIFY(held.size() <= ConnectionPool::maxConnections);

        window->lockNow();
        QVERIFY(!pool->hasSecret());
        QVERIFY(window->database()->password().isEmpty());
        // The server ends the held sessions: while locked, none can be opened again.
        for (const qint64 pid : held)
            QVERIFY(scalar(db(), u"SELECT pg_terminate_backend(%1)"_s.arg(pid)).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(alicesSessions().isEmpty(), timeout);
        QCOMPARE(readFailure(*pool), DatabaseLogin::lockedMessage());
        QVERIFY(alicesSessions().isEmpty());

        SignInForm *form = lockScreen(*window)->form();
        typePassword(form, m_alice->password());
        lockScreen(*window)->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLocked(), timeout);
        QVERIFY(pool->hasSecret());
        // Unlocked, the desk reconnects on its next jobs and listens again, as Alice, still
        // three sessions.
        window->findChild<QAction *>(u"actionRefresh"_s)->trigger();
        overview->reload();
        QVERIFY(loaded.wait(timeout));
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
        QVERIFY(overview->overview().has_value());
        QCOMPARE(readFailure(*pool), QString());
        QTRY_COMPARE_WITH_TIMEOUT(alicesSessions().size(), 3, timeout);
        QTRY_VERIFY_WITH_TIMEOUT(window->isLive(), timeout);
    }

    void anotherPersonSigningInDiscardsTheUnsavedCallout()
    {
        if (!isPostgres())
            QSKIP("SQLite is the single trusted desk: nobody else signs in there");
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QPointer<CalloutDialog> dialog = openCallout(*window);
        QVERIFY(dialog);
        const int rowsBefore = auditRows();
        window->lockNow();

        LockScreen *lock = lockScreen(*window);
        auto *switchButton = lock->findChild<QPushButton *>(u"lockSwitch"_s);
        QVERIFY(switchButton->isVisible());
        switchButton->click();
        QVERIFY(lock->isSwitching());
        SignInForm *form = lock->form();
        auto *login = form->findChild<QLineEdit *>(u"signInLogin"_s);
        QVERIFY(!login->isReadOnly());
        QTest::keyClicks(login, m_bob->name());
        typePassword(form, u"alice-pass-1"_s);
        lock->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            form->problem(), u"The password for %1 is not right."_s.arg(m_bob->name()), timeout);
        QVERIFY(window->isLocked());
        QVERIFY(dialog);

        // The right password: first the warning, and Cancel keeps Alice's work.
        typePassword(form, m_bob->password());
        lock->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QPointer<QMessageBox> warning;
        QTRY_VERIFY_WITH_TIMEOUT((warning = window->findChild<QMessageBox *>(u"discardWorkBox"_s))
                                     && warning->isVisible(),
                                 timeout);
        QVERIFY2(
            warning->text().contains(u"callout dialog"_s)
                && warning->text().contains(u"never saved under %1's name"_s.arg(m_bob->name())),
            qPrintable(warning->text()));
        QVERIFY(patientShown().isEmpty());
        warning->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!warning);
        QVERIFY(window->isLocked());
        QVERIFY(dialog);

        typePassword(form, m_bob->password());
        lock->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT((warning = window->findChild<QMessageBox *>(u"discardWorkBox"_s))
                                     && warning->isVisible(),
                                 timeout);
        warning->button(QMessageBox::Discard)->click();
        // Discarded without its own question, and never shown to Bob.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, timeout);
        QVERIFY(!window->isLocked());
        QCOMPARE(window->database()->userName(), m_bob->name());
        // Only the pool keeps Bob's password; the window's URL has none.
        QVERIFY(window->database()->password().isEmpty());
        QVERIFY(window->connectionPool()->hasSecret());
        QCOMPARE(window->connectionPool()->url().userName(), m_bob->name());
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        auto *connection = window->findChild<QLabel *>(u"connectionLabel"_s);
        QVERIFY2(connection->text().contains(m_bob->name() + u'@'), qPrintable(connection->text()));
        QVERIFY2(connection->text().contains(u"Dr. Assigned"_s), qPrintable(connection->text()));
        QCOMPARE(auditRows(), rowsBefore);
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM critical_callout WHERE comment LIKE "
                        "'%daughter will call back%'"_s)
                     .toInt(),
                 0);
    }

    void approveWithAWrongPasswordApprovesNothing()
    {
        if (!isPostgres())
            QSKIP("SQLite is the single trusted desk: Approve asks for no password there");
        QVERIFY(db().run(u"t"_s,
                         u"UPDATE notification_setting SET enabled = FALSE WHERE lab_id = 1 "
                         "AND setting_key = 'always_notify'"_s,
                         {})
                    .ok());
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET is_signed = TRUE WHERE id = 2"_s, {}).ok());
        auto window = openDesk(u"doctor:2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 2);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        QSignalSpy opened(window.get(), &MainWindow::signoffViewOpened);
        window->findChild<QPushButton *>(u"overviewApproveButton"_s)->click();
        QCOMPARE(opened.count(), 1);
        QPointer<ReportSignoffView> signoff = opened.at(0).at(0).value<ReportSignoffView *>();
        QTRY_COMPARE_WITH_TIMEOUT(signoff->state(), ReportSignoffView::State::Ready, timeout);
        QSignalSpy prompts(signoff.data(), &ReportSignoffView::passwordPromptOpened);
        signoff->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(prompts.count(), 1, timeout);
        QPointer<PasswordPrompt> prompt = prompts.at(0).at(0).value<PasswordPrompt *>();
        QVERIFY(prompt->isVisible());
        QCOMPARE(prompt->form()->login(), m_alice->name());

        const QByteArray before = databaseFingerprint(db());
        typePassword(prompt->form(), u"guessing"_s);
        prompt->findChild<QPushButton *>(u"signInOk"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(prompt->form()->problem(),
                                  u"The password for %1 is not right."_s.arg(m_alice->name()),
                                  timeout);
        QVERIFY(prompt->isVisible());
        QCOMPARE(databaseFingerprint(db()), before);
        QVERIFY(!scalar(db(), u"SELECT is_approved FROM report WHERE id = 2"_s).toBool());

        prompt->findChild<QPushButton *>(u"signInCancel"_s)->click();
        QTRY_VERIFY(!prompt);
        QCOMPARE(signoff->state(), ReportSignoffView::State::Ready);
        QVERIFY2(signoff->message().contains(u"Not approved"_s), qPrintable(signoff->message()));
        QCOMPARE(databaseFingerprint(db()), before);

        // The right password approves.
        signoff->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(prompts.count(), 2, timeout);
        prompt = prompts.at(1).at(0).value<PasswordPrompt *>();
        typePassword(prompt->form(), m_alice->password());
        prompt->findChild<QPushButton *>(u"signInOk"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!signoff, timeout);
        QVERIFY(scalar(db(), u"SELECT is_approved FROM report WHERE id = 2"_s).toBool());
    }
};

QTEST_MAIN(TestDeskLock)
#include "tst_desklock.moc"
