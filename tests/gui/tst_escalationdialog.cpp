// SPEC T3, "escalation offered after the warning time": the callout dialog shows the
// lab's escalation contacts of the order's departments; before the lab's warning time
// they are not offered first, after it they are, and one click on a contact plus
// "Callout done" records the call to that contact. Both engines, offscreen.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "models/CalloutClock.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseJob.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CriticalReportTree.h"
#include "ui/EscalationOffer.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/PhoneCallList.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int loadTimeout = 20000;

} // namespace

class TestEscalationDialog : public EngineTestCase
{
    Q_OBJECT

private:
    Desk &sam() { return desk(u"support:3"_s); }
    std::unique_ptr<CalloutDialog> open(const CalloutClock &clock)
    {
        auto dialog = std::make_unique<CalloutDialog>(
            OrderCalloutService(ConnectionPool::create(sam().db().login())), sam().scope, 1);
        dialog->setCalloutClock(clock);
        dialog->show();
        return dialog;
    }
    static bool loaded(const CalloutDialog &dialog)
    {
        return dialog.state() == CalloutDialog::State::Ready && !dialog.isHistoryLoading();
    }
    // Where a widget is in the dialog's scrolling body, top to bottom.
    static int topOf(QWidget *widget, QWidget *dialog)
    {
        return widget->mapTo(dialog, QPoint(0, 0)).y();
    }
    // Bill 1's reports got their results `minutes` ago.
    void resultsAgo(int minutes) { resultsSecondsAgo(60 * minutes); }
    void resultsSecondsAgo(int seconds)
    {
        const QString when
            = QDateTime::currentDateTimeUtc().addSecs(-seconds).toString(Qt::ISODateWithMs);
        QVERIFY(db().run(u"test"_s, u"UPDATE report SET result_on = ? WHERE bill_id = 1"_s, {when})
                    .ok());
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        // Haematology (report 1) and Biochemistry (report 2) of lab 1; lab 2's never shows.
        QVERIFY(exec(db(),
                     u"INSERT INTO escalation_contact (id, lab_id, department_id, name, "
                     "role, phone, email, call_order) VALUES "
                     "(1, 1, 1, 'Ward 4 nurses', '', '', 'ward4@hospital.example', 2), "
                     "(2, 1, 1, 'Dr. Rao', 'On-call pathologist', '+1 555-0101', '', 1), "
                     "(3, 1, 2, 'Dr. Bio', '', '2222', '', 1), "
                     "(4, 2, 3, 'Dr. Other', '', '3333', '', 1)"_s));
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        EngineTestCase::cleanup();
    }

    void offeredFirstOnlyAfterTheWarningTime()
    {
        resultsAgo(5);
        auto dialog = open(CalloutClock(60, 30));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        auto *offer = dialog->findChild<EscalationOffer *>(u"escalationOffer"_s);
        QVERIFY(offer);
        auto *reports = dialog->findChild<CriticalReportTree *>(u"reportTree"_s);
        auto *calls = dialog->findChild<PhoneCallList *>(u"phoneCallList"_s);
        QVERIFY(reports && calls);

        // The order's departments' contacts, in department and calling order, and no other
        // lab's.
        QList<qint64> shown;
        for (const EscalationContact &contact : offer->contacts())
            shown << contact.id;
        QCOMPARE(shown, (QList<qint64>{3, 2, 1}));
        QVERIFY(offer->buttonFor(2) && offer->buttonFor(1) && offer->buttonFor(3));
        QVERIFY(!offer->buttonFor(4));

        // 5 minutes after the result, with a warning at 30: there, but below the calls.
        QVERIFY(!dialog->offersEscalationFirst());
        QVERIFY(!offer->isUrgent());
        QVERIFY(offer->isVisible());
        QVERIFY(topOf(offer, dialog.get()) > topOf(calls, dialog.get()));

        // A lab whose warning time is 4 minutes: past it, so first, above the reports, and
        // saying why.
        dialog->setCalloutClock(CalloutClock(10, 4));
        QVERIFY(dialog->offersEscalationFirst());
        QVERIFY(offer->isUrgent());
        QTRY_VERIFY(topOf(offer, dialog.get()) < topOf(reports, dialog.get()));
        auto *why = offer->findChild<QLabel *>(u"escalationWhy"_s);
        QVERIFY(why);
        QVERIFY2(why->text().contains(u"past the lab's warning time of 4 min"_s),
                 qPrintable(why->text()));
    }

    // Open when the warning time passes: the contacts move to the top by themselves.
    void movesFirstWhenTheWarningTimePassesWhileOpen()
    {
        // A warning time of one minute, reached 3 s from now.
        const QDateTime warningAt = QDateTime::currentDateTimeUtc().addSecs(3);
        resultsSecondsAgo(57);
        auto dialog = open(CalloutClock(10, 1));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        auto *offer = dialog->findChild<EscalationOffer *>(u"escalationOffer"_s);
        auto *reports = dialog->findChild<CriticalReportTree *>(u"reportTree"_s);
        QVERIFY(offer && reports);
        if (QDateTime::currentDateTimeUtc() < warningAt.addMSecs(-300)) {
            QVERIFY(!dialog->offersEscalationFirst());
            QVERIFY(topOf(offer, dialog.get()) > topOf(reports, dialog.get()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(dialog->offersEscalationFirst(), 10000);
        // Not before its time (the result time is kept to the millisecond).
        QVERIFY(QDateTime::currentDateTimeUtc() >= warningAt.addMSecs(-50));
        QTRY_VERIFY(topOf(offer, dialog.get()) < topOf(reports, dialog.get()));
    }

    // The desk gives its dialogs the lab's own clock (DatabaseStartup), not the default.
    void theDeskHandsTheLabsClockToTheDialog()
    {
        qRegisterMetaType<CalloutDialog *>(); // for DeskProbe's spy on the button
        resultsAgo(5);
        QVERIFY(exec(db(),
                     u"UPDATE lab SET callout_target_minutes = 10, "
                     "callout_warning_minutes = 4 WHERE id = 1"_s));
        auto window = openDeskAs(database(), u"support:3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), loadTimeout);
        QPointer<CalloutDialog> dialog = openFilledCalloutDialog(*window, loadTimeout);
        QVERIFY(dialog);
        // 5 minutes: past this lab's warning time of 4, not the default's 30.
        QVERIFY(dialog->offersEscalationFirst());
        dialog->close();
    }

    void longWaitingOrderEscalatesAndOneClickRecordsTheCall()
    {
        resultsAgo(45);
        auto dialog = open(CalloutClock(60, 30));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(dialog->offersEscalationFirst());
        auto *offer = dialog->findChild<EscalationOffer *>(u"escalationOffer"_s);
        QVERIFY(offer);
        QPushButton *rao = offer->buttonFor(2);
        QVERIFY(rao);
        QVERIFY2(rao->text().contains(u"Dr. Rao (On-call pathologist)"_s), qPrintable(rao->text()));

        const QDateTime before = QDateTime::currentDateTime().addSecs(-1);
        rao->click();
        auto *calls = dialog->findChild<PhoneCallList *>(u"phoneCallList"_s);
        QCOMPARE(calls->calls().size(), 1);
        QCOMPARE(calls->calls().first().name, u"Dr. Rao (On-call pathologist)"_s);
        QVERIFY(calls->calls().first().when() >= before.addSecs(-60));
        auto *other = dialog->findChild<QCheckBox *>(u"recipient_other"_s);
        QVERIFY(other && other->isChecked());

        // One click, then Save.
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM critical_callout WHERE bill_id = 1 "
                        "AND NOT is_draft"_s)
                     .toInt(),
                 2);
        const QString meta = scalar(db(),
                                    u"SELECT critical_callout_meta FROM critical_callout "
                                    "WHERE bill_id = 1 AND NOT is_draft ORDER BY id "
                                    "LIMIT 1"_s)
                                 .toString();
        QVERIFY2(meta.contains(u"Dr. Rao (On-call pathologist)"_s), qPrintable(meta));
        QVERIFY2(meta.contains(u"+1 555-0101"_s), qPrintable(meta));
        const QString text = scalar(db(), u"SELECT activity_text FROM activity_log"_s).toString();
        QVERIFY2(text.contains(u"Spoke with - Dr. Rao (On-call pathologist) at"_s),
                 qPrintable(text));
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM report WHERE bill_id = 1 AND "
                        "critical_values = 2"_s)
                     .toInt(),
                 2);
    }
};

QTEST_MAIN(TestEscalationDialog)
#include "tst_escalationdialog.moc"
