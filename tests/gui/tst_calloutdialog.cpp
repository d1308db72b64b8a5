// SPEC U2/U3: the callout dialog and the callout button, driven through their real
// widgets on the exact lab of CalloutFixture, on both engines. The dialog reads and writes
// through OrderCalloutService on the thread pool, so every wait is for a condition.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseJob.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CalloutHistoryList.h"
#include "ui/CriticalReportTree.h"
#include "ui/PhoneCallList.h"
#include "ui/ProblemBanner.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTime>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int loadTimeout = 20000;

template <typename T> T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

} // namespace

class TestCalloutDialog : public EngineTestCase
{
    Q_OBJECT

private:
    // Sam Support, signed in as the desk signs in: the dialog's service connects with the
    // same login (row security on PostgreSQL) and acts with the same scope.
    Desk &sam() { return desk(u"support:3"_s); }
    SessionScope support() { return sam().scope; }
    OrderCalloutService service() { return OrderCalloutService(ConnectionPool::create(sam().db().login())); }
    int count(const QString &where)
    {
        return scalar(db(), u"SELECT COUNT(*) FROM "_s + where).toInt();
    }
    int status(qint64 report)
    {
        return scalar(db(), u"SELECT critical_values FROM report WHERE id = %1"_s.arg(report))
            .toInt();
    }

    // Opens the dialog of an order and waits until records and history are shown.
    std::unique_ptr<CalloutDialog> open(qint64 billId = 1, QList<qint64> preselected = {})
    {
        auto dialog = std::make_unique<CalloutDialog>(service(), support(), billId, preselected);
        dialog->show();
        return dialog;
    }
    static bool loaded(const CalloutDialog &dialog)
    {
        return dialog.state() == CalloutDialog::State::Ready && !dialog.isHistoryLoading();
    }

    static CriticalReportTree *tree(QWidget *dialog)
    {
        return child<CriticalReportTree>(dialog, u"reportTree"_s);
    }
    static CalloutHistoryList *history(QWidget *dialog)
    {
        return child<CalloutHistoryList>(dialog, u"historyList"_s);
    }
    static QCheckBox *box(QWidget *dialog, const QString &name)
    {
        return child<QCheckBox>(dialog, name);
    }
    static QPlainTextEdit *comment(QWidget *dialog)
    {
        return child<QPlainTextEdit>(dialog, u"commentEdit"_s);
    }
    static QPushButton *pushButton(QWidget *dialog, const QString &name)
    {
        return child<QPushButton>(dialog, name);
    }
    static ProblemBanner *banner(QWidget *dialog)
    {
        return child<ProblemBanner>(dialog, u"problemBanner"_s);
    }
    static QLabel *problem(QWidget *dialog, const QString &name)
    {
        return child<QLabel>(dialog, name);
    }

    static PhoneCallList *phoneCalls(QWidget *dialog)
    {
        return child<PhoneCallList>(dialog, u"phoneCallList"_s);
    }
    static QListWidget *callList(QWidget *dialog)
    {
        return child<QListWidget>(dialog, u"phoneCallsList"_s);
    }
    // Types a call as a user does: the name, then the time over the prefilled one. Not
    // added yet.
    static void typeCall(QWidget *dialog, const QString &name, const QString &at)
    {
        QLineEdit *who = child<QLineEdit>(dialog, u"phoneCallName"_s);
        QLineEdit *when = child<QLineEdit>(dialog, u"phoneCallTime"_s);
        QTest::keyClicks(who, name);
        when->clear();
        QTest::keyClicks(when, at);
    }
    // critical_callout_meta.already_notified.call of every audit row of order 1, oldest
    // row first.
    QList<QJsonArray> recordedCalls()
    {
        QList<QJsonArray> calls;
        auto rows = db().run(u"Reading the audit rows"_s,
                             u"SELECT critical_callout_meta FROM critical_callout "
                             "WHERE bill_id = 1 ORDER BY id"_s);
        if (!rows)
            return {};
        while (rows.value().next()) {
            const QJsonObject meta
                = QJsonDocument::fromJson(rows.value().value(0).toString().toUtf8()).object();
            calls << meta.value(u"already_notified"_s).toObject().value(u"call"_s).toArray();
        }
        return calls;
    }
    static QJsonArray callsJson(const QList<PhoneCall> &calls)
    {
        QJsonArray json;
        for (const PhoneCall &call : calls)
            json.append(QJsonObject{{u"name"_s, call.name}, {u"at"_s, call.at}});
        return json;
    }

    // Ticks or unticks a report the way a keyboard user does: select its row, press Space.
    static void toggleReport(CalloutDialog *dialog, qint64 reportId)
    {
        CriticalReportTree *reports = tree(dialog);
        QTreeWidgetItem *row = reports->itemForReport(reportId);
        QVERIFY2(row, qPrintable(u"no row for report %1"_s.arg(reportId)));
        reports->setCurrentItem(row);
        QTest::keyClick(reports, Qt::Key_Space);
    }

    // Report 2 (Potassium), email to the organisation: a callout the fixture's lab accepts.
    void fillValidCallout(CalloutDialog *dialog, const QString &text)
    {
        toggleReport(dialog, 2);
        box(dialog, u"method_email"_s)->click();
        box(dialog, u"recipient_organization"_s)->click();
        QTest::keyClicks(comment(dialog), text);
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

    void cleanup()
    {
        // A load or submit still running holds a connection to the database about to go.
        DatabaseJob::pool()->waitForDone();
        EngineTestCase::cleanup();
    }

    void recordsAndHistoryAppear()
    {
        CalloutRequest attempt;
        attempt.billId = 1;
        attempt.reportIds = {1};
        attempt.kind = CalloutRequest::Kind::Attempt;
        attempt.comment = u"No answer on the ward"_s;
        QVERIFY(CalloutEngine(sam().db()).submit(support(), attempt).ok());

        auto dialog = open();
        QCOMPARE(dialog->state(), CalloutDialog::State::Loading);
        QVERIFY(!pushButton(dialog.get(), u"calloutDoneButton"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);

        QVERIFY(child<QLabel>(dialog.get(), u"orderLabel"_s)->text().contains(u"RL-1"_s));
        CriticalReportTree *reports = tree(dialog.get());
        QCOMPARE(reports->topLevelItemCount(), 2);
        const QTreeWidgetItem *cbc = reports->itemForReport(1);
        QCOMPARE(cbc->text(CriticalReportTree::TestColumn), u"Complete Blood Count"_s);
        QCOMPARE(cbc->text(CriticalReportTree::DepartmentColumn), u"Haematology"_s);
        QCOMPARE(cbc->text(CriticalReportTree::StatusColumn), u"Attempted"_s);
        QCOMPARE(cbc->childCount(), 1); // WBC 8 is not critical
        const QTreeWidgetItem *hb = cbc->child(0);
        QCOMPARE(hb->text(CriticalReportTree::TestColumn), u"Haemoglobin"_s);
        QCOMPARE(hb->text(CriticalReportTree::ValueColumn), u"5.0 g/dL"_s);
        QCOMPARE(hb->text(CriticalReportTree::ReferenceColumn), u"12.0 - 15.5"_s);
        QCOMPARE(hb->text(CriticalReportTree::BoundsColumn), u"below 7 or above 20"_s);
        QVERIFY(cbc->isExpanded());
        const QTreeWidgetItem *potassium = reports->itemForReport(2);
        QCOMPARE(potassium->text(CriticalReportTree::StatusColumn), u"Pending"_s);
        QCOMPARE(potassium->child(0)->text(CriticalReportTree::ValueColumn), u"7.1 mmol/L"_s);
        // The saved attempt is restored: its report is ticked, its comment is back.
        QCOMPARE(reports->checkedReportIds(), QList<qint64>{1});
        QCOMPARE(comment(dialog.get())->toPlainText(), u"No answer on the ward"_s);

        CalloutHistoryList *list = history(dialog.get());
        QCOMPARE(list->count(), 1);
        const QListWidgetItem *entry = list->item(0);
        QVERIFY(entry->data(CalloutHistoryList::IsAttemptRole).toBool());
        QVERIFY2(entry->text().startsWith(u"Callout attempted\nSam Support, "_s),
                 qPrintable(entry->text()));
        QVERIFY(entry->text().contains(u"For: Complete Blood Count"_s));
        QVERIFY(entry->text().contains(u"Comment: No answer on the ward"_s));
        QVERIFY(!entry->icon().isNull());

        // It renders completely offscreen, for screenshots of the documentation.
        const QPixmap shot = dialog->grab();
        QVERIFY(!shot.isNull() && shot.width() > 600);
        const QString shots = qEnvironmentVariable("CALLOUTDESK_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(shot.save(QDir(shots).filePath(u"callout-dialog.png"_s)));
    }

    void onlyEnabledMethodsAreOffered()
    {
        {
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QVERIFY(box(dialog.get(), u"method_email"_s));
            QVERIFY(box(dialog.get(), u"method_fax"_s));
            QVERIFY(box(dialog.get(), u"method_sms"_s));
            QVERIFY(!dialog->findChild<QCheckBox *>(u"method_whatsapp"_s));

            // Every party of the order with its contact beside it, and Other.
            for (const QString &kind : {u"patient"_s, u"referral"_s, u"organization"_s})
                QVERIFY(box(dialog.get(), u"recipient_"_s + kind));
            QCOMPARE(child<QLabel>(dialog.get(), u"recipientContact_organization"_s)->text(),
                     u"City Hospital — city@hospital.example · phone 111"_s);
            QCOMPARE(child<QLabel>(dialog.get(), u"recipientContact_referral"_s)->text(),
                     u"Dr. Jones — jones@clinic.example · phone 222 · fax 123456"_s);
            QLineEdit *otherName = child<QLineEdit>(dialog.get(), u"otherName"_s);
            QVERIFY(!otherName->isEnabled());
            box(dialog.get(), u"recipient_other"_s)->click();
            QVERIFY(otherName->isEnabled());
            QVERIFY(child<QLabel>(dialog.get(), u"commentLabel"_s)->text() == u"&Comment:"_s);
        }
        QVERIFY(exec(db(),
                     u"UPDATE notification_setting SET enabled = NOT enabled "
                     "WHERE lab_id = 1 AND setting_key IN ('is_fax', 'is_whatsapp')"_s));
        auto dialog = open(2);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(box(dialog.get(), u"method_whatsapp"_s));
        QVERIFY(!dialog->findChild<QCheckBox *>(u"method_fax"_s));
        // Baby Roe's order has neither a referring doctor nor an organisation.
        QVERIFY(box(dialog.get(), u"recipient_patient"_s));
        QVERIFY(!dialog->findChild<QCheckBox *>(u"recipient_referral"_s));
        QVERIFY(!dialog->findChild<QCheckBox *>(u"recipient_organization"_s));
        QVERIFY(box(dialog.get(), u"recipient_other"_s));
        QCOMPARE(history(dialog.get())->count(), 1);
        QVERIFY(history(dialog.get())->item(0)->data(CalloutHistoryList::IsAttemptRole).isNull());
    }

    void attemptIsSavedAndRestored()
    {
        {
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{});
            fillValidCallout(dialog.get(), u"Ward did not answer"_s);
            box(dialog.get(), u"recipient_other"_s)->click();
            QTest::keyClicks(child<QLineEdit>(dialog.get(), u"otherName"_s), u"Nurse Kim"_s);
            QTest::keyClicks(child<QLineEdit>(dialog.get(), u"otherEmail"_s),
                             u"kim@ward.example"_s);
            typeCall(dialog.get(), u"Ward 3 nurse"_s, u"09:50"_s);
            pushButton(dialog.get(), u"addPhoneCallButton"_s)->click();
            QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
            QSignalSpy finished(dialog.get(), &QDialog::finished);
            pushButton(dialog.get(), u"saveAttemptButton"_s)->click();
            QCOMPARE(dialog->state(), CalloutDialog::State::Submitting);
            QVERIFY(!pushButton(dialog.get(), u"saveAttemptButton"_s)->isEnabled());
            QVERIFY(!pushButton(dialog.get(), u"cancelButton"_s)->isEnabled());
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
            QCOMPARE(finished.count(), 1);
            QCOMPARE(dialog->result(), int(QDialog::Accepted));
            const auto outcome = saved.first().first().value<CalloutOutcome>();
            QCOMPARE(outcome.auditRowIds.size(), 1);
        }
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND is_draft"_s), 1);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND comment = 'Ward did not answer'"_s),
                 1);
        QCOMPARE(status(2), 4);
        QCOMPARE(status(1), 1);

        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{2});
        QVERIFY(box(dialog.get(), u"method_email"_s)->isChecked());
        QVERIFY(!box(dialog.get(), u"method_fax"_s)->isChecked());
        QVERIFY(!box(dialog.get(), u"method_sms"_s)->isChecked());
        QVERIFY(box(dialog.get(), u"recipient_organization"_s)->isChecked());
        QVERIFY(box(dialog.get(), u"recipient_other"_s)->isChecked());
        QVERIFY(!box(dialog.get(), u"recipient_patient"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(dialog.get(), u"otherName"_s)->text(), u"Nurse Kim"_s);
        QCOMPARE(child<QLineEdit>(dialog.get(), u"otherEmail"_s)->text(), u"kim@ward.example"_s);
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Ward did not answer"_s);
        QCOMPARE(phoneCalls(dialog.get())->calls(),
                 (QList<PhoneCall>{PhoneCall{u"Ward 3 nurse"_s, u"09:50"_s}}));
        QCOMPARE(callList(dialog.get())->item(0)->text(), u"Ward 3 nurse at 09:50"_s);
    }

    void doneAfterAnAttemptShowsBothInTheHistory()
    {
        {
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            fillValidCallout(dialog.get(), u"No answer"_s);
            pushButton(dialog.get(), u"saveAttemptButton"_s)->click();
            QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), loadTimeout);
        }
        {
            // Opened from report 1: it is ticked on top of the attempt's report 2.
            auto dialog = open(1, {1});
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QCOMPARE(tree(dialog.get())->checkedReportIds(), (QList<qint64>{1, 2}));
            comment(dialog.get())->clear();
            QTest::keyClicks(comment(dialog.get()), u"Told City Hospital"_s);
            QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
            pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        }
        QCOMPARE(status(1), 2);
        QCOMPARE(status(2), 2);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND is_draft"_s), 0);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND NOT is_draft"_s), 2);

        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QCOMPARE(tree(dialog.get())->itemForReport(1)->text(CriticalReportTree::StatusColumn),
                 u"Done"_s);
        QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{}); // no draft now
        CalloutHistoryList *list = history(dialog.get());
        QCOMPARE(list->count(), 2);
        // Newest first: the completed callout, then the attempt.
        // Its email waits to be sent: done is not delivered (U11).
        QVERIFY2(list->item(0)->text().startsWith(u"Callout done · Email waiting to be sent\n"_s),
                 qPrintable(list->item(0)->text()));
        QVERIFY(list->item(0)->text().contains(u"Method: Email"_s));
        QVERIFY(list->item(0)->text().contains(u"Recipients: Organization"_s));
        QVERIFY(list->item(0)->text().contains(u"Comment: Told City Hospital"_s));
        QVERIFY(!list->item(0)->data(CalloutHistoryList::IsAttemptRole).toBool());
        QVERIFY(list->item(1)->text().startsWith(u"Callout attempted\n"_s));
        QVERIFY(list->item(1)->data(CalloutHistoryList::IsAttemptRole).toBool());
        const QImage done = list->item(0)->icon().pixmap(24).toImage();
        const QImage attempted = list->item(1)->icon().pixmap(24).toImage();
        QVERIFY(!done.isNull() && !attempted.isNull());
        QVERIFY(done != attempted);
        // The newest entry is in view without scrolling.
        QVERIFY(list->viewport()->rect().intersects(list->visualItemRect(list->item(0))));
    }

    void mandatoryCommentIsAskedForNextToTheComment()
    {
        QVERIFY(exec(db(),
                     u"UPDATE notification_setting SET enabled = %1 "
                     "WHERE lab_id = 1 AND setting_key = 'mandatory_comment'"_s.arg(sqlTrue())));
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(child<QLabel>(dialog.get(), u"commentLabel"_s)->text().contains(u"required"_s));
        fillValidCallout(dialog.get(), u"   "_s);
        const QByteArray before = databaseFingerprint(db());
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::Ready, loadTimeout);

        QLabel *next = problem(dialog.get(), u"commentProblem"_s);
        QVERIFY(next->isVisible());
        QVERIFY2(next->text().contains(u"requires a comment"_s), qPrintable(next->text()));
        QVERIFY(!banner(dialog.get())->isVisible());
        QVERIFY(dialog->isVisible());
        QCOMPARE(count(u"critical_callout"_s), 0);
        QCOMPARE(count(u"activity_log"_s), 0);
        QCOMPARE(databaseFingerprint(db()), before);
        // Nothing the user entered is lost.
        QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{2});
        QVERIFY(box(dialog.get(), u"method_email"_s)->isChecked());
        QVERIFY(box(dialog.get(), u"recipient_organization"_s)->isChecked());
        QCOMPARE(comment(dialog.get())->toPlainText(), u"   "_s);

        // With a comment it goes through, and the message is gone while it does.
        QTest::keyClicks(comment(dialog.get()), u"Informed Dr. Jones"_s);
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QVERIFY(!next->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(status(2), 2);
    }

    void refusalsAreShownNextToTheirField()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        const QByteArray before = databaseFingerprint(db());
        QPushButton *done = pushButton(dialog.get(), u"calloutDoneButton"_s);
        const auto refusedAt = [&](const QString &label, const QString &mentions) {
            done->click();
            if (!QTest::qWaitFor([&] { return dialog->state() == CalloutDialog::State::Ready; },
                                 loadTimeout)) {
                return false;
            }
            const QLabel *shown = problem(dialog.get(), label);
            if (!shown->isVisible() || !shown->text().contains(mentions)) {
                qWarning("%s: %s", qPrintable(label), qPrintable(shown->text()));
                return false;
            }
            return databaseFingerprint(db()) == before;
        };
        QVERIFY(refusedAt(u"reportsProblem"_s, u"at least one report"_s));
        toggleReport(dialog.get(), 1);
        QVERIFY(refusedAt(u"methodsProblem"_s, u"how the result was communicated"_s));
        QVERIFY(!problem(dialog.get(), u"reportsProblem"_s)->isVisible());
        box(dialog.get(), u"method_fax"_s)->click();
        QVERIFY(refusedAt(u"recipientsProblem"_s, u"at least one recipient"_s));
        box(dialog.get(), u"recipient_organization"_s)->click();
        // City Hospital has no fax number: the recipient is what to change.
        QVERIFY(refusedAt(u"recipientsProblem"_s, u"has no fax number"_s));
        box(dialog.get(), u"recipient_organization"_s)->click();
        box(dialog.get(), u"recipient_other"_s)->click();
        QVERIFY(refusedAt(u"otherProblem"_s, u"name of the other contact"_s));
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(dialog.get(), u"otherName"_s));
        QTest::keyClicks(child<QLineEdit>(dialog.get(), u"otherName"_s), u"Nurse Kim"_s);
        QVERIFY(refusedAt(u"otherProblem"_s, u"has no fax number"_s));
        QVERIFY(!banner(dialog.get())->isVisible());
    }

    void staleOrderIsAConflictAndReloadKeepsTheInput()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        fillValidCallout(dialog.get(), u"Phoned the ward twice"_s);
        typeCall(dialog.get(), u"Dr. Jones"_s, u"10:15"_s);
        pushButton(dialog.get(), u"addPhoneCallButton"_s)->click();
        const QList<PhoneCall> called{{u"Dr. Jones"_s, u"10:15"_s}};
        // Another desk completes the blood count meanwhile.
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 2 WHERE id = 1"_s));
        const QByteArray before = databaseFingerprint(db());
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::Ready, loadTimeout);

        ProblemBanner *top = banner(dialog.get());
        QVERIFY(top->isVisible());
        QVERIFY(top->offersReload());
        QVERIFY2(top->message().contains(u"changed since it was opened"_s),
                 qPrintable(top->message()));
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Phoned the ward twice"_s);
        QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{2});
        QCOMPARE(phoneCalls(dialog.get())->calls(), called);
        QVERIFY(dialog->isVisible());

        // Reload shows the order as it is now and keeps what was ticked and typed.
        child<QPushButton>(top, u"reloadButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(!top->isVisible());
        QCOMPARE(tree(dialog.get())->itemForReport(1)->text(CriticalReportTree::StatusColumn),
                 u"Done"_s);
        QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{2});
        QVERIFY(box(dialog.get(), u"method_email"_s)->isChecked());
        QVERIFY(box(dialog.get(), u"recipient_organization"_s)->isChecked());
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Phoned the ward twice"_s);
        QCOMPARE(phoneCalls(dialog.get())->calls(), called);

        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(status(2), 2);
        QCOMPARE(recordedCalls(), QList<QJsonArray>{callsJson(called)});
    }

    void phoneCallsAreAddedRemovedAndRecorded()
    {
        const QString nowBefore = PhoneCallList::now();
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        QLineEdit *who = child<QLineEdit>(dialog.get(), u"phoneCallName"_s);
        QLineEdit *when = child<QLineEdit>(dialog.get(), u"phoneCallTime"_s);
        QPushButton *add = pushButton(dialog.get(), u"addPhoneCallButton"_s);
        QListWidget *list = callList(dialog.get());

        // The time starts as now, to the minute, the way the user's locale writes it
        // (the minute may have turned while the dialog loaded).
        const QStringList nowTexts{nowBefore, PhoneCallList::now()};
        QVERIFY2(nowTexts.contains(when->text()), qPrintable(when->text()));
        const QLocale system;
        QLocale::setDefault(QLocale::c()); // whose short format has seconds
        const QString cNow = PhoneCallList::now();
        QLocale::setDefault(system);
        QVERIFY2(QRegularExpression(u"^[0-9]{2}:[0-9]{2}$"_s).match(cNow).hasMatch(),
                 qPrintable(cNow));
        QVERIFY(!add->isEnabled()); // nothing to add yet
        QVERIFY(!list->isVisible());

        // Enter in the time field adds, so does the Add button, so does Enter in the name.
        who->setFocus();
        typeCall(dialog.get(), u"Dr. Jones"_s, u"10:15"_s);
        QVERIFY(add->isEnabled());
        QTest::keyClick(when, Qt::Key_Return);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->isVisible());
        QCOMPARE(list->item(0)->text(), u"Dr. Jones at 10:15"_s);
        // Ready for the next call, and Enter did not press a button of the dialog.
        QVERIFY(who->text().isEmpty());
        QCOMPARE(QApplication::focusWidget(), who);
        QCOMPARE(dialog->state(), CalloutDialog::State::Ready);
        typeCall(dialog.get(), u"Ward 3 nurse"_s, u"10:40"_s);
        add->click();
        typeCall(dialog.get(), u"Wrong number"_s, u"10:41"_s);
        QTest::keyClick(who, Qt::Key_Enter);
        QCOMPARE(list->count(), 3);

        // Delete removes the current call; Remove the selected one.
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->currentRow(), 0);
        list->setCurrentRow(1);
        pushButton(dialog.get(), u"removePhoneCallButton"_s)->click();
        const QList<PhoneCall> remaining{{u"Ward 3 nurse"_s, u"10:40"_s}};
        QCOMPARE(phoneCalls(dialog.get())->calls(), remaining);

        // The call is how the result was communicated: no other method is needed.
        toggleReport(dialog.get(), 1);
        toggleReport(dialog.get(), 2);
        box(dialog.get(), u"recipient_referral"_s)->click();
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND NOT is_draft"_s), 2);
        QCOMPARE(recordedCalls(), (QList<QJsonArray>{callsJson(remaining), callsJson(remaining)}));
        QCOMPARE(count(u"notification_outbox"_s), 0); // a call is not sent again
        QVERIFY(scalar(db(), u"SELECT activity_text FROM activity_log"_s)
                    .toString()
                    .contains(u"Method - Phone call"_s));
    }

    void refusedPhoneCallIsShownNextToTheCalls()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        fillValidCallout(dialog.get(), u"Told the ward"_s);
        // A call with no time: the engine wants both whom and when.
        QLineEdit *who = child<QLineEdit>(dialog.get(), u"phoneCallName"_s);
        typeCall(dialog.get(), u"Dr. Jones"_s, QString());
        QTest::keyClick(who, Qt::Key_Return);
        QListWidget *list = callList(dialog.get());
        QCOMPARE(list->item(0)->text(), u"Dr. Jones, no time given"_s);
        const QByteArray before = databaseFingerprint(db());
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::Ready, loadTimeout);

        QLabel *next = problem(dialog.get(), u"phoneCallsProblem"_s);
        QVERIFY(next->isVisible());
        QVERIFY2(next->text().contains(u"both whom you called and when"_s),
                 qPrintable(next->text()));
        QVERIFY(!banner(dialog.get())->isVisible());
        QCOMPARE(QApplication::focusWidget(), list);
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(count(u"critical_callout"_s), 0);
        // Nothing entered is lost.
        QCOMPARE(phoneCalls(dialog.get())->calls(),
                 (QList<PhoneCall>{PhoneCall{u"Dr. Jones"_s, QString()}}));
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Told the ward"_s);

        // Fixed: the incomplete call removed, the call typed again and, though "Add" is
        // not pressed, recorded with the callout rather than dropped.
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(!list->isVisible());
        typeCall(dialog.get(), u"Dr. Jones"_s, u"10:15"_s);
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QVERIFY(!next->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(recordedCalls(), QList<QJsonArray>{callsJson({{u"Dr. Jones"_s, u"10:15"_s}})});
    }

    void loadFailuresAreShown()
    {
        CalloutDialog unknown(service(), support(), 99);
        unknown.show();
        QTRY_COMPARE_WITH_TIMEOUT(unknown.state(), CalloutDialog::State::LoadFailed, loadTimeout);
        QLabel *why = problem(&unknown, u"loadProblem"_s);
        QVERIFY(why->isVisible());
        QVERIFY2(why->text().contains(u"no order with id 99"_s), qPrintable(why->text()));
        QVERIFY(pushButton(&unknown, u"retryButton"_s)->isEnabled());
        QVERIFY(!pushButton(&unknown, u"calloutDoneButton"_s)->isEnabled());

        const auto nowhere = DatabaseUrl::parse(u"postgresql://lab@127.0.0.1:1/callouts"_s);
        QVERIFY(nowhere.ok());
        CalloutDialog unreachable(OrderCalloutService(ConnectionPool::create(nowhere.value())), support(), 1);
        unreachable.show();
        QTRY_COMPARE_WITH_TIMEOUT(unreachable.state(), CalloutDialog::State::LoadFailed,
                                  loadTimeout);
        QVERIFY(problem(&unreachable, u"loadProblem"_s)->text().contains(u"refused"_s));
        QTRY_VERIFY(!unreachable.isHistoryLoading());
        QVERIFY(history(&unreachable)->item(0)->text().contains(u"could not be loaded"_s));
    }

    void keyboardReachesEveryControl()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        QCOMPARE(QApplication::focusWidget(), tree(dialog.get()));
        const QStringList expected{u"historyList"_s,
                                   u"method_email"_s,
                                   u"method_fax"_s,
                                   u"method_sms"_s,
                                   u"recipient_patient"_s,
                                   u"recipient_referral"_s,
                                   u"recipient_organization"_s,
                                   u"recipient_other"_s};
        for (const QString &name : expected) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget()->objectName(), name);
        }
        // The other contact's fields are skipped while Other is not ticked; Add while no
        // name is typed, the list and Remove while no call is added.
        for (const QString &name : {u"phoneCallName"_s, u"phoneCallTime"_s}) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget()->objectName(), name);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), comment(dialog.get()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"saveAttemptButton"_s);
        // Mnemonics: Alt+M ticks Email (a mnemonic animates the click, hence the wait).
        QTest::keyClick(dialog.get(), Qt::Key_M, Qt::AltModifier);
        QTRY_VERIFY(box(dialog.get(), u"method_email"_s)->isChecked());
        // Alt+K ("Spoke with") goes to the phone call's name, Alt+T to its time.
        QTest::keyClick(dialog.get(), Qt::Key_K, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), u"phoneCallName"_s);
        QTest::keyClick(dialog.get(), Qt::Key_T, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), u"phoneCallTime"_s);
        QVERIFY(!tree(dialog.get())->accessibleName().isEmpty());
        QVERIFY(!history(dialog.get())->accessibleName().isEmpty());
    }

    void calloutButtonShowsOnItsConditionAndOpensTheDialog()
    {
        qRegisterMetaType<CalloutDialog *>();
        QWidget surface;
        auto *button = new CalloutButton(service(), support(), &surface);
        QVERIFY(button->isHidden()); // no report yet
        bool allowed = false;
        button->setCondition([&allowed] { return allowed; });
        button->setReport(1, 2, CriticalStatus::CalloutPending);
        QVERIFY(button->isHidden());
        allowed = true;
        button->updateVisibility();
        QVERIFY(!button->isHidden());
        button->setReport(1, 6, CriticalStatus::Normal);
        QVERIFY(button->isHidden());
        button->setReport(1, 2, CriticalStatus::CalloutPending);
        surface.show();
        QVERIFY(button->isVisible());

        QSignalSpy opened(button, &CalloutButton::dialogOpened);
        QSignalSpy saved(button, &CalloutButton::calloutSaved);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(opened.count(), 1);
        auto *dialog = opened.first().first().value<CalloutDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->billId(), qint64(1));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QCOMPARE(tree(dialog)->checkedReportIds(), QList<qint64>{2});

        box(dialog, u"method_email"_s)->click();
        box(dialog, u"recipient_patient"_s)->click();
        QPointer<CalloutDialog> alive(dialog);
        pushButton(dialog, u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(status(2), 2);
        QCOMPARE(button->status(), CriticalStatus::CalloutDone);
        QTRY_VERIFY(alive.isNull()); // it closed and deleted itself
    }
};

QTEST_MAIN(TestCalloutDialog)
#include "tst_calloutdialog.moc"
