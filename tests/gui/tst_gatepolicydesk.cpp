// Gate policy on the desk (SPEC U13, U4): a doctor approves a signed critical report that
// has only an attempt ("tried, no answer"). With the lab's gate_requires_done on, Approve
// opens the callout dialog and another attempt still does not approve it; with it off,
// the attempt is enough and Approve goes straight ahead. Offscreen, both engines.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "models/AttemptOutcome.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "ui/CalloutDialog.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/PartyNameBox.h"
#include "ui/ReportSignoffView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {
constexpr int timeout = 30000;
}

class TestGatePolicyDesk : public EngineTestCase
{
    Q_OBJECT

private:
    int scalarInt(const QString &sql) { return scalar(db(), sql).toInt(); }
    void setGate(bool requiresDone)
    {
        QVERIFY(exec(db(),
                     u"UPDATE lab SET gate_requires_done = %1 WHERE id = 1"_s.arg(
                         requiresDone ? sqlTrue() : sqlFalse())));
    }
    // Report 2 (K 7.1 of RL-1) signed while the lab did not call out every result, then
    // an attempt that reached nobody.
    void signedWithAnAttempt()
    {
        const auto alwaysNotify = [this](bool on) {
            return exec(db(),
                        u"UPDATE notification_setting SET enabled = %1 WHERE lab_id = 1 "
                        "AND setting_key = 'always_notify'"_s.arg(on ? sqlTrue() : sqlFalse()));
        };
        QVERIFY(alwaysNotify(false));
        QVERIFY(exec(
            db(),
            u"UPDATE report SET is_signed = %1, completed = %1 WHERE id = 2"_s.arg(sqlTrue())));
        QVERIFY(alwaysNotify(true));
        Desk &support = desk(u"support:3"_s);
        const auto attempt = CalloutEngine(support.db())
                                 .submit(support.scope, CalloutFixture::attemptRequest({2}));
        QVERIFY2(attempt.ok(), qPrintable(attempt ? QString() : attempt.failure().message));
    }
    // The doctor assigned to RL-1 opens report 2 from Attempted and presses Approve.
    QPointer<ReportSignoffView> openApproval(std::unique_ptr<MainWindow> &window)
    {
        window = openDeskAs(database(), u"doctor:2"_s);
        if (!QTest::qWaitFor([&] { return deskReady(*window); }, timeout))
            return nullptr;
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutAttempted, 2);
        if (!overview
            || !QTest::qWaitFor([&] { return overview->overview().has_value(); }, timeout))
            return nullptr;
        QSignalSpy opened(window.get(), &MainWindow::signoffViewOpened);
        window->findChild<QPushButton *>(u"overviewApproveButton"_s)->click();
        if (opened.count() != 1)
            return nullptr;
        QPointer<ReportSignoffView> view = opened.at(0).at(0).value<ReportSignoffView *>();
        confirmPasswords(view);
        return view;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<CalloutDialog *>();
        qRegisterMetaType<ReportSignoffView *>();
    }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        EngineTestCase::cleanup();
    }

    void anAttemptDoesNotLetApproveThroughWhenTheGateRequiresDone()
    {
        signedWithAnAttempt();
        std::unique_ptr<MainWindow> window;
        QPointer<ReportSignoffView> view = openApproval(window);
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        QVERIFY2(view->message().contains(u"done callout"_s), qPrintable(view->message()));

        QSignalSpy gateDialogs(view.data(), &ReportSignoffView::calloutDialogOpened);
        view->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(gateDialogs.count(), 1, timeout);
        QPointer<CalloutDialog> dialog = gateDialogs.at(0).at(0).value<CalloutDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->state() == CalloutDialog::State::Ready
                                     && !dialog->isHistoryLoading(),
                                 timeout);
        // Another attempt ("no answer again") is saved, and still nobody was reached.
        dialog->findChild<QCheckBox *>(u"method_email"_s)->setChecked(true);
        dialog->findChild<QCheckBox *>(u"recipient_organization"_s)->setChecked(true);
        QTest::keyClicks(dialog->findChild<PartyNameBox *>(u"attemptTarget"_s)->lineEdit(),
                         u"Dr Kowalski"_s);
        auto *outcomes = dialog->findChild<QComboBox *>(u"attemptOutcome"_s);
        outcomes->setCurrentIndex(outcomes->findData(int(AttemptOutcome::NoAnswer)));
        auto *comment = dialog->findChild<QPlainTextEdit *>(u"commentEdit"_s);
        comment->clear();
        QTest::keyClicks(comment, u"Tried Dr Kowalski again, no answer"_s);
        dialog->findChild<QPushButton *>(u"saveAttemptButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), timeout);
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        QVERIFY2(view->message().startsWith(u"Not approved: an attempt was saved"_s),
                 qPrintable(view->message()));
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 2 AND is_approved"_s), 0);
        QCOMPARE(scalarInt(u"SELECT critical_values FROM report WHERE id = 2"_s), 4);
    }

    void anAttemptLetsApproveThroughWhenTheGateIsOff()
    {
        setGate(false);
        signedWithAnAttempt();
        std::unique_ptr<MainWindow> window;
        QPointer<ReportSignoffView> view = openApproval(window);
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        QVERIFY2(view->message().isEmpty(), qPrintable(view->message()));
        QSignalSpy gateDialogs(view.data(), &ReportSignoffView::calloutDialogOpened);
        view->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!view, timeout); // closes itself once approved
        QCOMPARE(gateDialogs.count(), 0);
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 2 AND is_approved"_s), 1);
    }
};

QTEST_MAIN(TestGatePolicyDesk)
#include "tst_gatepolicydesk.moc"
