// SPEC U2/U3: the callout dialog and the callout button, driven through their real
// widgets on the exact lab of CalloutFixture, on both engines. The dialog reads and writes
// through OrderCalloutService on the thread pool, so every wait is for a condition.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseJob.h"
#include "ui/AttemptChooser.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CalloutHistoryList.h"
#include "ui/CriticalReportTree.h"
#include "ui/PartyNameBox.h"
#include "ui/PhoneCallList.h"
#include "ui/ProblemBanner.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
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
    static PartyNameBox *callName(QWidget *dialog)
    {
        return child<PartyNameBox>(dialog, u"phoneCallName"_s);
    }
    static QDateTimeEdit *callTime(QWidget *dialog)
    {
        return child<QDateTimeEdit>(dialog, u"phoneCallTime"_s);
    }
    // Types a call as a user does: the name, then the time over the prefilled one. Not
    // added yet.
    static void typeCall(QWidget *dialog, const QString &name, const QDateTime &at)
    {
        QTest::keyClicks(callName(dialog)->lineEdit(), name);
        callTime(dialog)->setDateTime(at);
    }
    // A time a call was made, to the minute, some minutes ago.
    static QDateTime minutesAgo(int minutes)
    {
        QDateTime at = QDateTime::currentDateTime().addSecs(-60 * minutes);
        at.setTime(QTime(at.time().hour(), at.time().minute()));
        return at;
    }
    static PhoneCall call(const QString &name, const QDateTime &at,
                          std::optional<RecipientKind> party = std::nullopt)
    {
        return {name, DeskTime::exported(at), party};
    }
    // Chooses how the attempt went and whom it tried, as a user does.
    static void chooseAttempt(QWidget *dialog, const QString &whom, AttemptOutcome outcome)
    {
        auto *target = child<PartyNameBox>(dialog, u"attemptTarget"_s);
        target->lineEdit()->clear();
        QTest::keyClicks(target->lineEdit(), whom);
        auto *outcomes = child<QComboBox>(dialog, u"attemptOutcome"_s);
        outcomes->setCurrentIndex(outcomes->findData(int(outcome)));
    }
    static bool visibleIn(QWidget *area, QWidget *widget)
    {
        const QRect shown(widget->mapTo(area, QPoint(0, 0)), widget->size());
        return widget->isVisible() && area->rect().contains(shown);
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
            json.append(call.toJson());
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

    // Report 2 (Potassium) alone, email to the organisation: a callout the fixture's lab
    // accepts.
    void fillValidCallout(CalloutDialog *dialog, const QString &text)
    {
        tree(dialog)->setCheckedReportIds({2});
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
        attempt.methods = {CommunicationMethod::Fax};
        attempt.recipients = {RecipientKind::Referral};
        attempt.attempt = CalloutAttempt{AttemptOutcome::NoAnswer,
                                         {QString(), QString(), RecipientKind::Referral}};
        attempt.comment = u"No answer on the ward"_s;
        QVERIFY(CalloutEngine(sam().db()).submit(support(), attempt).ok());

        auto dialog = open();
        QCOMPARE(dialog->state(), CalloutDialog::State::Loading);
        QVERIFY(!pushButton(dialog.get(), u"calloutDoneButton"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);

        QVERIFY(child<QLabel>(dialog.get(), u"orderLabel"_s)->text().contains(u"RL-1"_s));
        QVERIFY(child<QLabel>(dialog.get(), u"waitingLabel"_s)->isHidden()); // no gate
        CriticalReportTree *reports = tree(dialog.get());
        QCOMPARE(reports->topLevelItemCount(), 2);
        const QTreeWidgetItem *cbc = reports->itemForReport(1);
        QCOMPARE(cbc->text(CriticalReportTree::TestColumn), u"Complete Blood Count"_s);
        QCOMPARE(cbc->text(CriticalReportTree::DepartmentColumn), u"Haematology"_s);
        QCOMPARE(cbc->text(CriticalReportTree::StatusColumn), u"Attempted"_s);
        QCOMPARE(cbc->childCount(), 1); // WBC 8 is not critical
        const QTreeWidgetItem *hb = cbc->child(0);
        QCOMPARE(hb->text(CriticalReportTree::TestColumn), u"Haemoglobin"_s);
        QCOMPARE(hb->text(CriticalReportTree::ValueColumn), u"5.0 g/dL ↓"_s);
        QCOMPARE(hb->text(CriticalReportTree::ReferenceColumn), u"12.0 - 15.5"_s);
        QCOMPARE(hb->text(CriticalReportTree::BoundsColumn), u"below 7 or above 20"_s);
        QVERIFY(cbc->isExpanded());
        const QTreeWidgetItem *potassium = reports->itemForReport(2);
        QCOMPARE(potassium->text(CriticalReportTree::StatusColumn), u"Pending"_s);
        QCOMPARE(potassium->child(0)->text(CriticalReportTree::ValueColumn), u"7.1 mmol/L ↑"_s);
        // SPEC U8: every report still waiting is ticked; U9: the attempt is a note, its
        // comment and recipients are not the form's defaults.
        QCOMPARE(reports->checkedReportIds(), (QList<qint64>{1, 2}));
        QVERIFY(comment(dialog.get())->toPlainText().isEmpty());
        QVERIFY(!box(dialog.get(), u"recipient_referral"_s)->isChecked());
        QVERIFY(!box(dialog.get(), u"method_fax"_s)->isChecked());
        const QString note = child<QLabel>(dialog.get(), u"lastAttemptText"_s)->text();
        QVERIFY2(note.contains(u"Tried Dr. Jones — referring doctor: No answer."_s)
                     && note.contains(u"No answer on the ward"_s)
                     && note.contains(u"Sam Support"_s),
                 qPrintable(note));

        CalloutHistoryList *list = history(dialog.get());
        QCOMPARE(list->count(), 1);
        const QListWidgetItem *entry = list->item(0);
        QVERIFY(entry->data(CalloutHistoryList::IsAttemptRole).toBool());
        QVERIFY2(entry->text().startsWith(u"Callout attempted\nSam Support, "_s),
                 qPrintable(entry->text()));
        QVERIFY(entry->text().contains(u"For: Complete Blood Count"_s));
        QVERIFY(entry->text().contains(u"Comment: No answer on the ward"_s));
        // Nothing was sent: no method, but whom it tried and how it went.
        QVERIFY2(!entry->text().contains(u"Method:"_s), qPrintable(entry->text()));
        QVERIFY2(entry->text().contains(u"Tried: Dr. Jones (Referral) — No answer"_s),
                 qPrintable(entry->text()));
        QVERIFY(!entry->icon().isNull());

        // It renders completely offscreen, for screenshots of the documentation.
        const QPixmap shot = dialog->grab();
        QVERIFY(!shot.isNull() && shot.width() > 600);
        const QString shots = qEnvironmentVariable("CALLOUTDESK_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(shot.save(QDir(shots).filePath(u"callout-dialog.png"_s)));
    }

    void waitingReportsAreTickedAndCountedOnTheButton()
    {
        // Report 1 Done already, so an order with one Done and one Pending report.
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 2 WHERE id = 1"_s));
        {
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{2});
            QCOMPARE(pushButton(dialog.get(), u"calloutDoneButton"_s)->text(),
                     u"Callout &done — 1 report"_s);
        }
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 1 WHERE id = 1"_s));
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QPushButton *done = pushButton(dialog.get(), u"calloutDoneButton"_s);
        QCOMPARE(tree(dialog.get())->checkedReportIds(), (QList<qint64>{1, 2}));
        QCOMPARE(done->text(), u"Callout &done — 2 reports"_s);
        toggleReport(dialog.get(), 1);
        QCOMPARE(done->text(), u"Callout &done — 1 report"_s);
        toggleReport(dialog.get(), 2);
        QCOMPARE(done->text(), u"Callout &done"_s);

        // The values stand out in red, and their limits are never cut off.
        CriticalReportTree *reports = tree(dialog.get());
        const QTreeWidgetItem *value = reports->itemForReport(2)->child(0);
        QCOMPARE(value->foreground(CriticalReportTree::ValueColumn).color().red() > 150, true);
        QCOMPARE(value->foreground(CriticalReportTree::ValueColumn).color().green(), 0);
        dialog->resize(1024, 600);
        QTRY_VERIFY(reports->isVisible());
        const int width = reports->viewport()->width();
        for (int i = 0; i < reports->topLevelItemCount(); ++i) {
            for (int c = 0; c < reports->topLevelItem(i)->childCount(); ++c) {
                const QTreeWidgetItem *parameter = reports->topLevelItem(i)->child(c);
                for (const int column :
                     {CriticalReportTree::ValueColumn, CriticalReportTree::BoundsColumn}) {
                    const int needed
                        = reports->fontMetrics().horizontalAdvance(parameter->text(column));
                    QVERIFY2(reports->header()->sectionSize(column) >= needed,
                             qPrintable(parameter->text(column)));
                    QVERIFY2(reports->header()->sectionViewportPosition(column)
                                     + reports->header()->sectionSize(column)
                                 <= width,
                             qPrintable(u"%1 off-screen"_s.arg(parameter->text(column))));
                }
            }
        }
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

    void attemptIsANoteAndReuseCopiesIt()
    {
        {
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QVERIFY(child<QFrame>(dialog.get(), u"lastAttemptNote"_s)->isHidden());
            fillValidCallout(dialog.get(), u"Ward did not answer"_s);
            box(dialog.get(), u"recipient_other"_s)->click();
            QTest::keyClicks(child<QLineEdit>(dialog.get(), u"otherName"_s), u"Nurse Kim"_s);
            QTest::keyClicks(child<QLineEdit>(dialog.get(), u"otherEmail"_s),
                             u"kim@ward.example"_s);
            // A failed call is an attempt with an outcome, not a call that notified.
            chooseAttempt(dialog.get(), u"Dr. Jones"_s, AttemptOutcome::Busy);
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
        // Typed "Dr. Jones" is the order's referring doctor: stored as that party.
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND is_draft AND attempt_outcome = "
                       "'busy' AND attempt_target = 'Dr. Jones' AND attempt_party = 'referral'"_s),
                 1);
        QCOMPARE(status(2), 4);
        QCOMPARE(status(1), 1);

        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QCOMPARE(tree(dialog.get())->checkedReportIds(), (QList<qint64>{1, 2}));
        // Nothing of the attempt is in the form: one click on Done must not e-mail its note.
        for (const QString &name :
             {u"method_email"_s, u"method_fax"_s, u"method_sms"_s, u"recipient_organization"_s,
              u"recipient_other"_s, u"recipient_patient"_s})
            QVERIFY2(!box(dialog.get(), name)->isChecked(), qPrintable(name));
        QVERIFY(child<QLineEdit>(dialog.get(), u"otherName"_s)->text().isEmpty());
        QVERIFY(comment(dialog.get())->toPlainText().isEmpty());
        QVERIFY(child<QComboBox>(dialog.get(), u"attemptOutcome"_s)->currentIndex() == 0);
        QVERIFY(!dialog->hasChanges());
        auto *note = child<QFrame>(dialog.get(), u"lastAttemptNote"_s);
        QVERIFY(note->isVisible());
        const QString text = child<QLabel>(dialog.get(), u"lastAttemptText"_s)->text();
        QVERIFY2(text.contains(u"Tried Dr. Jones — referring doctor: Busy."_s)
                     && text.contains(u"Ward did not answer"_s)
                     && text.contains(u"Recipients then: Organization, Other."_s),
                 qPrintable(text));

        // Reuse copies them, on purpose.
        pushButton(dialog.get(), u"reuseAttemptButton"_s)->click();
        QVERIFY(box(dialog.get(), u"method_email"_s)->isChecked());
        QVERIFY(box(dialog.get(), u"recipient_organization"_s)->isChecked());
        QVERIFY(box(dialog.get(), u"recipient_other"_s)->isChecked());
        QVERIFY(!box(dialog.get(), u"recipient_patient"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(dialog.get(), u"otherName"_s)->text(), u"Nurse Kim"_s);
        QCOMPARE(child<QLineEdit>(dialog.get(), u"otherEmail"_s)->text(), u"kim@ward.example"_s);
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Ward did not answer"_s);
        QVERIFY(dialog->hasChanges());
    }

    void attemptNeedsAnOutcome()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        const QByteArray before = databaseFingerprint(db());
        fillValidCallout(dialog.get(), u"Tried the ward"_s);
        pushButton(dialog.get(), u"saveAttemptButton"_s)->click();
        QCOMPARE(dialog->state(), CalloutDialog::State::Ready);
        QLabel *why = problem(dialog.get(), u"attemptProblem"_s);
        QVERIFY(why->isVisible());
        QVERIFY2(why->text().contains(u"how the attempt went"_s), qPrintable(why->text()));
        QCOMPARE(QApplication::focusWidget(), child<QComboBox>(dialog.get(), u"attemptOutcome"_s));
        QCOMPARE(databaseFingerprint(db()), before);
        // An outcome without whom: the problem changes as the user goes, and goes away
        // once whom is given.
        child<QComboBox>(dialog.get(), u"attemptOutcome"_s)
            ->setCurrentIndex(child<QComboBox>(dialog.get(), u"attemptOutcome"_s)
                                  ->findData(int(AttemptOutcome::WrongNumber)));
        QVERIFY2(why->isVisible() && why->text().contains(u"whom you tried"_s),
                 qPrintable(why->text()));
        chooseAttempt(dialog.get(), u"Ward 3"_s, AttemptOutcome::WrongNumber);
        QVERIFY(!why->isVisible());
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"saveAttemptButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(count(u"critical_callout WHERE attempt_outcome = 'wrong_number' AND "
                       "attempt_target = 'Ward 3' AND attempt_party IS NULL"_s),
                 1);
    }

    void doneAfterAnAttemptShowsBothInTheHistory()
    {
        {
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            fillValidCallout(dialog.get(), u"No answer"_s);
            chooseAttempt(dialog.get(), u"City Hospital"_s, AttemptOutcome::NoAnswer);
            pushButton(dialog.get(), u"saveAttemptButton"_s)->click();
            QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), loadTimeout);
        }
        {
            // Opened from report 1: every waiting report is ticked.
            auto dialog = open(1, {1});
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QCOMPARE(tree(dialog.get())->checkedReportIds(), (QList<qint64>{1, 2}));
            pushButton(dialog.get(), u"reuseAttemptButton"_s)->click();
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
        QCOMPARE(tree(dialog.get())->checkedReportIds(), QList<qint64>{}); // nothing waits
        QVERIFY(child<QFrame>(dialog.get(), u"lastAttemptNote"_s)->isHidden());
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
        QVERIFY(
            list->item(1)->text().contains(u"Tried: City Hospital (Organization) — No answer"_s));
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

        // A comment clears the problem as it is typed, and the callout goes through.
        QTest::keyClicks(comment(dialog.get()), u"Informed Dr. Jones"_s);
        QVERIFY(!next->isVisible());
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(status(2), 2);
    }

    void everyProblemIsShownAtOnceAndClearedWhenFixed()
    {
        QVERIFY(exec(db(),
                     u"UPDATE notification_setting SET enabled = %1 "
                     "WHERE lab_id = 1 AND setting_key = 'mandatory_comment'"_s.arg(sqlTrue())));
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        const QByteArray before = databaseFingerprint(db());
        tree(dialog.get())->setCheckedReportIds({});
        box(dialog.get(), u"recipient_other"_s)->click();
        QPushButton *done = pushButton(dialog.get(), u"calloutDoneButton"_s);
        done->click();
        QCOMPARE(dialog->state(), CalloutDialog::State::Ready); // refused before sending
        const QList<std::pair<QString, QString>> expected{
            {u"reportsProblem"_s, u"at least one report"_s},
            {u"methodsProblem"_s, u"how the result was communicated"_s},
            {u"otherProblem"_s, u"name of the other contact"_s},
            {u"commentProblem"_s, u"requires a comment"_s}};
        for (const auto &[name, mentions] : expected) {
            QLabel *shown = problem(dialog.get(), name);
            QVERIFY2(shown->isVisible() && shown->text().contains(mentions),
                     qPrintable(name + u": "_s + shown->text()));
        }
        QVERIFY(!banner(dialog.get())->isVisible());
        // The first field to fix, in the form's order, has the focus: the reports.
        QCOMPARE(QApplication::focusWidget(), tree(dialog.get()));
        QCOMPARE(databaseFingerprint(db()), before);

        // Each goes away once fixed, without pressing again; the others stay.
        toggleReport(dialog.get(), 1);
        QVERIFY(!problem(dialog.get(), u"reportsProblem"_s)->isVisible());
        QVERIFY(problem(dialog.get(), u"methodsProblem"_s)->isVisible());
        box(dialog.get(), u"method_fax"_s)->click();
        QVERIFY(!problem(dialog.get(), u"methodsProblem"_s)->isVisible());
        QTest::keyClicks(child<QLineEdit>(dialog.get(), u"otherName"_s), u"Nurse Kim"_s);
        // The other contact now has a name but no fax: the problem says what is left.
        QLabel *other = problem(dialog.get(), u"otherProblem"_s);
        QVERIFY2(other->isVisible() && other->text().contains(u"has no fax number"_s),
                 qPrintable(other->text()));
        QVERIFY(problem(dialog.get(), u"commentProblem"_s)->isVisible());
        box(dialog.get(), u"recipient_other"_s)->click();
        QVERIFY(!other->isVisible());

        // Pressed again: the recipient's fax is what is wrong, and the focus goes there,
        // not to the first check box of the recipients.
        box(dialog.get(), u"recipient_organization"_s)->click();
        done->click();
        QLabel *recipients = problem(dialog.get(), u"recipientsProblem"_s);
        QVERIFY2(recipients->isVisible() && recipients->text().contains(u"has no fax number"_s),
                 qPrintable(recipients->text()));
        QVERIFY(problem(dialog.get(), u"commentProblem"_s)->isVisible());
        QCOMPARE(QApplication::focusWidget(), box(dialog.get(), u"recipient_organization"_s));
        QCOMPARE(databaseFingerprint(db()), before);
        QVERIFY(!banner(dialog.get())->isVisible());
    }

    void staleOrderIsAConflictAndReloadKeepsTheInput()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        fillValidCallout(dialog.get(), u"Phoned the ward twice"_s);
        const QDateTime at = minutesAgo(5);
        typeCall(dialog.get(), u"Nurse Kim"_s, at);
        pushButton(dialog.get(), u"addPhoneCallButton"_s)->click();
        const QList<PhoneCall> called{call(u"Nurse Kim"_s, at)};
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
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        PartyNameBox *who = callName(dialog.get());
        QDateTimeEdit *when = callTime(dialog.get());
        QPushButton *add = pushButton(dialog.get(), u"addPhoneCallButton"_s);
        QListWidget *list = callList(dialog.get());

        // A real date and time, now to start with, and never later than now.
        QVERIFY(qAbs(when->dateTime().secsTo(QDateTime::currentDateTime())) < 120);
        QVERIFY(when->maximumDateTime() <= QDateTime::currentDateTime().addSecs(60));
        when->setDateTime(QDateTime::currentDateTime().addDays(1));
        QVERIFY(when->dateTime() <= QDateTime::currentDateTime().addSecs(60));
        QVERIFY(!add->isEnabled()); // nothing to add yet
        // The list is there from the start: the first call does not move the form.
        QVERIFY(list->isVisible());
        QWidget *below = child<QWidget>(dialog.get(), u"attemptChooser"_s);
        const QPoint belowAt = below->mapTo(dialog.get(), QPoint(0, 0));

        // "Spoke with" offers the order's parties; choosing one ticks that recipient.
        QStringList offered;
        for (int i = 0; i < who->count(); ++i)
            offered << who->itemText(i);
        QCOMPARE(offered,
                 (QStringList{u"Dr. Jones — referring doctor"_s, u"City Hospital — organisation"_s,
                              u"Jane Doe — patient"_s}));
        QVERIFY(!box(dialog.get(), u"recipient_referral"_s)->isChecked());
        who->setCurrentIndex(0);
        emit who->activated(0);
        QVERIFY(box(dialog.get(), u"recipient_referral"_s)->isChecked());
        const QDateTime first = minutesAgo(20);
        when->setDateTime(first);
        QTest::keyClick(when, Qt::Key_Return); // Enter in the time field adds
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(),
                 u"Dr. Jones (Referral) at %1"_s.arg(DeskTime::shown(first)));
        QCOMPARE(below->mapTo(dialog.get(), QPoint(0, 0)), belowAt);
        // Ready for the next call, and Enter did not press a button of the dialog.
        QVERIFY(who->isEmpty());
        QCOMPARE(dialog->state(), CalloutDialog::State::Ready);
        const QDateTime second = minutesAgo(10);
        typeCall(dialog.get(), u"Ward 3 nurse"_s, second);
        add->click();
        typeCall(dialog.get(), u"Wrong number"_s, minutesAgo(9));
        QTest::keyClick(who->lineEdit(), Qt::Key_Enter);
        QCOMPARE(list->count(), 3);

        // Delete removes the current call; Remove the selected one.
        list->setFocus();
        list->setCurrentRow(2);
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(list->count(), 2);
        list->setCurrentRow(1);
        pushButton(dialog.get(), u"removePhoneCallButton"_s)->click();
        const QList<PhoneCall> remaining{call(u"Dr. Jones"_s, first, RecipientKind::Referral)};
        QCOMPARE(phoneCalls(dialog.get())->calls(), remaining);

        // The call is how the result was communicated and whom it reached: no other
        // method is needed, and the referring doctor is the recipient.
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(count(u"critical_callout WHERE bill_id = 1 AND NOT is_draft"_s), 2);
        QCOMPARE(recordedCalls(), (QList<QJsonArray>{callsJson(remaining), callsJson(remaining)}));
        QCOMPARE(count(u"notification_outbox"_s), 0); // a call is not sent again
        const QString text = scalar(db(), u"SELECT activity_text FROM activity_log"_s).toString();
        QVERIFY2(text.contains(u"Method - Phone call, Recipients - Referral, Spoke with - "
                               "Dr. Jones (Referral) at %1"_s.arg(DeskTime::exported(first))),
                 qPrintable(text));

        // The history says whom and when.
        auto again = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*again), loadTimeout);
        QVERIFY2(
            history(again.get())
                ->item(0)
                ->text()
                .contains(u"Spoke with: Dr. Jones (Referral) at %1"_s.arg(DeskTime::shown(first))),
            qPrintable(history(again.get())->item(0)->text()));
    }

    void refusedPhoneCallIsShownNextToTheCalls()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        fillValidCallout(dialog.get(), u"Told the ward"_s);
        // A name no person has: a paste gone wrong.
        const QDateTime at = minutesAgo(3);
        typeCall(dialog.get(), QString(201, u'x'), at);
        QTest::keyClick(callName(dialog.get())->lineEdit(), Qt::Key_Return);
        QListWidget *list = callList(dialog.get());
        QCOMPARE(list->count(), 1);
        const QByteArray before = databaseFingerprint(db());
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QCOMPARE(dialog->state(), CalloutDialog::State::Ready);

        QLabel *next = problem(dialog.get(), u"phoneCallsProblem"_s);
        QVERIFY(next->isVisible());
        QVERIFY2(next->text().contains(u"cannot be used"_s), qPrintable(next->text()));
        QVERIFY(!banner(dialog.get())->isVisible());
        QCOMPARE(QApplication::focusWidget(), list);
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(count(u"critical_callout"_s), 0);
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Told the ward"_s);

        // Fixed: the wrong call removed (the problem goes with it), the call typed again
        // and, though "Add" is not pressed, recorded with the callout rather than dropped.
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(!next->isVisible());
        typeCall(dialog.get(), u"Dr. Jones"_s, at);
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(recordedCalls(),
                 QList<QJsonArray>{callsJson({call(u"Dr. Jones"_s, at, RecipientKind::Referral)})});
    }

    void fitsASmallScreenWithEverySectionReachable()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        // Sized from the screen's free area, not a fixed 1040×760.
        const QRect available = dialog->screen()->availableGeometry();
        QVERIFY2(dialog->width() <= available.width() && dialog->height() <= available.height(),
                 qPrintable(u"%1×%2 on %3×%4"_s.arg(dialog->width())
                                .arg(dialog->height())
                                .arg(available.width())
                                .arg(available.height())));
        QVERIFY(dialog->minimumHeight() <= 600 - 40);

        // A 1024×600 screen, less the window's frame.
        dialog->resize(1024 - 16, 600 - 40);
        QTRY_COMPARE(dialog->height(), 600 - 40);
        auto *body = child<QScrollArea>(dialog.get(), u"calloutBody"_s);
        for (const QString &name :
             {u"saveAttemptButton"_s, u"calloutDoneButton"_s, u"cancelButton"_s})
            QVERIFY2(visibleIn(dialog.get(), pushButton(dialog.get(), name)), qPrintable(name));
        // Every section can be scrolled into view, and the buttons stay where they are.
        for (QWidget *section : {static_cast<QWidget *>(tree(dialog.get())),
                                 static_cast<QWidget *>(history(dialog.get())),
                                 child<QWidget>(dialog.get(), u"methodChooser"_s),
                                 child<QWidget>(dialog.get(), u"recipientChooser"_s),
                                 static_cast<QWidget *>(phoneCalls(dialog.get())),
                                 child<QWidget>(dialog.get(), u"attemptChooser"_s),
                                 static_cast<QWidget *>(comment(dialog.get()))}) {
            // Scrolled as far as its top, or as far as the body goes: then all of it shows.
            const int top = section->mapTo(body->widget(), QPoint(0, 0)).y();
            body->verticalScrollBar()->setValue(
                std::min(top, body->verticalScrollBar()->maximum()));
            QVERIFY2(visibleIn(body->viewport(), section),
                     qPrintable(u"%1 at %2,%3 %4×%5 in %6×%7, content %8, bar %9/%10"_s
                                    .arg(section->objectName())
                                    .arg(section->mapTo(body->viewport(), QPoint(0, 0)).x())
                                    .arg(section->mapTo(body->viewport(), QPoint(0, 0)).y())
                                    .arg(section->width())
                                    .arg(section->height())
                                    .arg(body->viewport()->width())
                                    .arg(body->viewport()->height())
                                    .arg(body->widget()->height())
                                    .arg(body->verticalScrollBar()->value())
                                    .arg(body->verticalScrollBar()->maximum())));
            QVERIFY(visibleIn(dialog.get(), pushButton(dialog.get(), u"calloutDoneButton"_s)));
        }
        // The reports keep room for three reports' values, not 90 px.
        QVERIFY(tree(dialog.get())->height()
                >= tree(dialog.get())->fontMetrics().lineSpacing() * 6);
    }

    void escAsksBeforeDiscardingTypedEntries()
    {
        {
            // Nothing typed: Esc closes at once.
            auto dialog = open();
            QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
            QTest::keyClick(dialog.get(), Qt::Key_Escape);
            QVERIFY(!dialog->isVisible());
            QCOMPARE(dialog->result(), int(QDialog::Rejected));
        }
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        QTest::keyClicks(comment(dialog.get()), u"Half a thought"_s);
        QTest::keyClick(comment(dialog.get()), Qt::Key_Escape);
        QMessageBox *ask = nullptr;
        QTRY_VERIFY((ask = dialog->findChild<QMessageBox *>(u"discardQuestion"_s))
                    && ask->isVisible());
        QVERIFY(dialog->isVisible());
        ask->button(QMessageBox::Cancel)->click(); // "Keep editing"
        QVERIFY(dialog->isVisible());
        QCOMPARE(comment(dialog.get())->toPlainText(), u"Half a thought"_s);

        // The close button asks the same; Discard closes.
        dialog->close();
        QTRY_VERIFY((ask = dialog->findChild<QMessageBox *>(u"discardQuestion"_s))
                    && ask->isVisible());
        QVERIFY(dialog->isVisible());
        ask->button(QMessageBox::Discard)->click();
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void aGateSaysWhichActionWaits()
    {
        auto dialog = open(1, {1});
        dialog->setWaitingAction(CalloutDialog::WaitingAction::Approval, u"Complete Blood Count"_s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QLabel *waiting = child<QLabel>(dialog.get(), u"waitingLabel"_s);
        QVERIFY(waiting->isVisible());
        QVERIFY2(waiting->text().startsWith(
                     u"Approval of report Complete Blood Count waits for this callout"_s),
                 qPrintable(waiting->text()));
        // At the top, above the order.
        QVERIFY(waiting->y() < child<QLabel>(dialog.get(), u"orderLabel"_s)->y());
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

    // SPEC T4: the value read back is compared as it is typed; a mismatch is shown next to
    // the call and blocks "Callout done" until it is corrected or a reason overrides it.
    void readBackMismatchBlocksDoneUntilOverridden()
    {
        auto dialog = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*dialog), loadTimeout);
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        fillValidCallout(dialog.get(), u"Told the ward"_s); // report 2: Potassium 7.1
        PhoneCallList *calls = phoneCalls(dialog.get());
        auto *role = child<QComboBox>(dialog.get(), u"phoneCallRole"_s);
        auto *readBack = child<QCheckBox>(dialog.get(), u"phoneCallReadBack"_s);
        auto *value = child<QLineEdit>(dialog.get(), u"phoneCallReadBackValue"_s);
        auto *finding = child<QLabel>(dialog.get(), u"phoneCallReadBackFinding"_s);
        auto *reason = child<QLineEdit>(dialog.get(), u"phoneCallReadBackOverride"_s);
        QVERIFY(!finding->isVisible());
        QVERIFY(!reason->isVisible());

        const QDateTime at = minutesAgo(4);
        typeCall(dialog.get(), u"Sam Ward"_s, at);
        role->setCurrentIndex(role->findText(u"Nurse"_s));
        QTest::keyClicks(value, u"7.2"_s);
        // Typing a value ticks "Read back"; the mismatch is named at once.
        QVERIFY(readBack->isChecked());
        QVERIFY(finding->isVisible());
        QVERIFY2(finding->text().contains(u"does not match Potassium 7.1"_s),
                 qPrintable(finding->text()));
        QVERIFY(reason->isVisible());

        // Callout done is refused next to the call, and nothing is written.
        const QByteArray before = databaseFingerprint(db());
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QCOMPARE(dialog->state(), CalloutDialog::State::Ready);
        QLabel *next = problem(dialog.get(), u"phoneCallsProblem"_s);
        QVERIFY(next->isVisible());
        QVERIFY2(next->text().contains(u"\"7.2\", does not match Potassium 7.1"_s),
                 qPrintable(next->text()));
        QCOMPARE(databaseFingerprint(db()), before);

        // Corrected: the finding says it matches, the problem goes, no reason is asked.
        value->clear();
        QTest::keyClicks(value, u"7.10"_s);
        QVERIFY2(finding->text().contains(u"matches Potassium 7.1"_s), qPrintable(finding->text()));
        QVERIFY(!reason->isVisible());
        QVERIFY(!next->isVisible());

        // Wrong again, and overridden with a reason: recorded with everything.
        value->clear();
        QTest::keyClicks(value, u"7.2"_s);
        QTest::keyClicks(reason, u"Ward repeated the old value; confirmed 7.1"_s);
        QSignalSpy saved(dialog.get(), &CalloutDialog::calloutSaved);
        pushButton(dialog.get(), u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, loadTimeout);
        QCOMPARE(calls->calls().size(), 1);
        const QJsonObject recorded = recordedCalls().value(0).first().toObject();
        QCOMPARE(recorded.value(u"name"_s).toString(), u"Sam Ward"_s);
        QCOMPARE(recorded.value(u"role"_s).toString(), u"nurse"_s);
        QCOMPARE(recorded.value(u"read_back"_s).toBool(), true);
        QCOMPARE(recorded.value(u"read_back_value"_s).toString(), u"7.2"_s);
        QCOMPARE(recorded.value(u"read_back_matches"_s).toBool(true), false);
        QCOMPARE(recorded.value(u"read_back_override"_s).toString(),
                 u"Ward repeated the old value; confirmed 7.1"_s);

        // The history timeline shows it.
        auto again = open();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(*again), loadTimeout);
        const QString shown = history(again.get())->item(0)->text();
        QVERIFY2(
            shown.contains(u"Spoke with: Sam Ward at %1 (nurse, read back 7.2 — does not "
                           "match, overridden: Ward repeated the old value; confirmed 7.1)"_s.arg(
                               DeskTime::shown(at))),
            qPrintable(shown));
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
                                   u"recipient_other"_s,
                                   u"phoneCallName"_s,
                                   u"phoneCallTime"_s};
        const auto focusedName = [] {
            QWidget *focused = QApplication::focusWidget();
            // An editable combo box's line edit stands for the box.
            if (focused && focused->objectName().isEmpty() && focused->parentWidget())
                return focused->parentWidget()->objectName();
            return focused ? focused->objectName() : QString();
        };
        for (const QString &name : expected) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(focusedName(), name);
        }
        // Tab walks the date and time's parts, then leaves it. The other contact's fields
        // are skipped while Other is not ticked; Add while no name is typed, the list and
        // Remove while no call is added.
        for (int part = 0; part < 6 && focusedName() == u"phoneCallTime"_s; ++part)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        // SPEC T4: the role and read-back of the call; the override reason only once a
        // value read back does not match.
        for (const QString &name :
             {u"phoneCallRole"_s, u"phoneCallReadBack"_s, u"phoneCallReadBackValue"_s}) {
            QCOMPARE(focusedName(), name);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        QCOMPARE(focusedName(), u"attemptTarget"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(focusedName(), u"attemptOutcome"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), comment(dialog.get()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(focusedName(), u"saveAttemptButton"_s);
        // Mnemonics: Alt+M ticks Email (a mnemonic animates the click, hence the wait).
        QTest::keyClick(dialog.get(), Qt::Key_M, Qt::AltModifier);
        QTRY_VERIFY(box(dialog.get(), u"method_email"_s)->isChecked());
        // Alt+K ("Spoke with") goes to the phone call's name, Alt+T to its time.
        QTest::keyClick(dialog.get(), Qt::Key_K, Qt::AltModifier);
        QTRY_COMPARE(focusedName(), u"phoneCallName"_s);
        QTest::keyClick(dialog.get(), Qt::Key_T, Qt::AltModifier);
        QTRY_COMPARE(focusedName(), u"phoneCallTime"_s);
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
        // Its report, and every other report of the order that waits too.
        QCOMPARE(tree(dialog)->checkedReportIds(), (QList<qint64>{1, 2}));
        tree(dialog)->setCheckedReportIds({2});

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
