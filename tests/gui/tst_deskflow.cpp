// The desk end to end (SPEC U1–U5), through the real widgets, offscreen, on the exact lab
// of CalloutFixture on both engines: open an order from the worklist, save an attempt,
// find it restored, complete it and see the order move to Done; the sign and approve
// gates with always_notify on and off; an export read back. It also saves screenshots of
// each surface (CALLOUTDESK_SCREENSHOT_DIR, else the build's screenshots folder).
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "models/AttemptOutcome.h"
#include "models/WorklistModel.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CriticalReportTree.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/PasswordPrompt.h"
#include "ui/ReportSignoffView.h"
#include "ui/WorklistTab.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int timeout = 30000;

QString screenshotDir()
{
    const QString configured = qEnvironmentVariable("CALLOUTDESK_SCREENSHOT_DIR");
    const QString dir = configured.isEmpty() ? QStringLiteral(SCREENSHOT_DIR) : configured;
    QDir().mkpath(dir);
    return dir;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QPixmap shot = widget->grab();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.width() > 300 && shot.height() > 200);
    const QString path = QDir(screenshotDir()).filePath(name);
    QVERIFY2(shot.save(path), qPrintable(path));
}

} // namespace

class TestDeskFlow : public EngineTestCase
{
    Q_OBJECT

private:
    int scalarInt(const QString &sql) { return scalar(db(), sql).toInt(); }
    std::unique_ptr<MainWindow> openDesk(const QString &who = u"support:3"_s)
    {
        return openDeskAs(database(), who);
    }
    // The offscreen platform has no window manager to hand activation back to the window
    // when a dialog closes; a desktop does that by itself.
    static void reactivate(MainWindow &window)
    {
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }
    void setAlwaysNotify(bool on)
    {
        const QString enabled = on ? sqlTrue() : sqlFalse();
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_setting SET enabled = %1 WHERE lab_id = 1 "
                                 "AND setting_key = 'always_notify'"_s.arg(enabled),
                         {})
                    .ok());
    }
    // Opens the report from Pending, presses the overview's sign or approve button and then
    // the view's action: with always_notify off no callout dialog may come in between.
    void goesStraightAhead(const QString &who, qint64 reportId, const QString &button)
    {
        auto window = openDesk(who);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, reportId);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        QSignalSpy opened(window.get(), &MainWindow::signoffViewOpened);
        window->findChild<QPushButton *>(button)->click();
        QCOMPARE(opened.count(), 1);
        QPointer<ReportSignoffView> view = opened.at(0).at(0).value<ReportSignoffView *>();
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        QVERIFY2(view->message().isEmpty(), qPrintable(view->message()));
        confirmPasswords(view);
        QSignalSpy gateDialogs(view.data(), &ReportSignoffView::calloutDialogOpened);
        view->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!view, timeout);
        QCOMPARE(gateDialogs.count(), 0);
    }
    static void fill(CalloutDialog *dialog, const QString &comment)
    {
        dialog->findChild<QCheckBox *>(u"method_email"_s)->setChecked(true);
        dialog->findChild<QCheckBox *>(u"recipient_organization"_s)->setChecked(true);
        auto *edit = dialog->findChild<QPlainTextEdit *>(u"commentEdit"_s);
        edit->clear();
        QTest::keyClicks(edit, comment);
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
        // Work still on its way holds a connection to the database about to go.
        DatabaseJob::pool()->waitForDone();
        EngineTestCase::cleanup();
    }

    void anAttemptThenACalloutMoveTheOrderToDone()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        auto *tabs = window->findChild<QTabWidget *>(u"worklistTabs"_s);
        QTRY_COMPARE(tabs->tabText(0), u"Pending 5 · 5 overdue"_s);
        QCOMPARE(tabs->tabText(1), u"Attempted 0"_s);
        QCOMPARE(tabs->tabText(2), u"Done 0"_s);
        saveScreenshot(window.get(), u"worklist.png"_s);

        // Report 2 (Potassium of RL-1): overview, then its callout button.
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 2);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        QCOMPARE(overview->selectedReport()->reportId, qint64(2));
        saveScreenshot(window.get(), u"order-overview.png"_s);
        QPointer<CalloutDialog> dialog = clickCalloutButton(*window);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialogLoaded(dialog), timeout);
        auto *tree = dialog->findChild<CriticalReportTree *>(u"reportTree"_s);
        // Every report of the order that waits is ticked; this flow is about report 2.
        QCOMPARE(tree->checkedReportIds(), (QList<qint64>{1, 2}));
        tree->setCheckedReportIds({2});
        fill(dialog, u"No answer at City Hospital"_s);
        auto *outcome = dialog->findChild<QComboBox *>(u"attemptOutcome"_s);
        outcome->setCurrentIndex(outcome->findData(int(AttemptOutcome::NoAnswer)));
        QTest::keyClicks(dialog->findChild<QComboBox *>(u"attemptTarget"_s)->lineEdit(),
                         u"City Hospital"_s);
        dialog->findChild<QPushButton *>(u"saveAttemptButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), timeout);
        QCOMPARE(scalarInt(u"SELECT critical_values FROM report WHERE id = 2"_s), 4);

        // Back: the worklist reloads with the order under Attempted.
        reactivate(*window);
        QTest::keyClick(overview, Qt::Key_Escape);

        QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(1), u"Attempted 1 · 1 overdue"_s, timeout);
        QTRY_COMPARE(tabs->tabText(0), u"Pending 4 · 4 overdue"_s);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);

        // Opened again from Attempted: the attempt is restored and in the history.
        overview = openFromTab(*window, CriticalStatus::CalloutAttempted, 2);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value()
                                     && overview->selectedReport()->reportId == 2,
                                 timeout);
        dialog = clickCalloutButton(*window);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialogLoaded(dialog), timeout);
        tree = dialog->findChild<CriticalReportTree *>(u"reportTree"_s);
        QCOMPARE(tree->checkedReportIds(), (QList<qint64>{1, 2}));
        // The attempt is a note, not the form's defaults.
        QVERIFY(!dialog->findChild<QCheckBox *>(u"method_email"_s)->isChecked());
        QVERIFY(!dialog->findChild<QCheckBox *>(u"recipient_organization"_s)->isChecked());
        QVERIFY(dialog->findChild<QPlainTextEdit *>(u"commentEdit"_s)->toPlainText().isEmpty());
        QVERIFY(dialog->findChild<QLabel *>(u"lastAttemptText"_s)
                    ->text()
                    .contains(u"No answer at City Hospital"_s));
        tree->setCheckedReportIds({2});
        auto *history = dialog->findChild<QListWidget *>(u"historyList"_s);
        QCOMPARE(history->count(), 1);
        QVERIFY(history->item(0)->text().startsWith(u"Callout attempted"_s));
        saveScreenshot(dialog, u"callout-dialog.png"_s);

        fill(dialog, u"Told Dr. Jones, who will call the patient"_s);
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), timeout);
        QCOMPARE(scalarInt(u"SELECT critical_values FROM report WHERE id = 2"_s), 2);
        reactivate(*window);
        QTest::keyClick(overview, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(2), u"Done 1"_s, timeout);
        QCOMPARE(tabs->tabText(1), u"Attempted 0"_s);
        QCOMPARE(tabs->tabText(0), u"Pending 4 · 4 overdue"_s);
        QTRY_VERIFY(worklistSettled(*window));
        QCOMPARE(worklistModel(*window, CriticalStatus::CalloutDone)->rowAt(0).reportId, qint64(2));
    }

    void signWaitsForACalloutWhenAlwaysNotifyIsOn()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 1);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        QSignalSpy opened(window.get(), &MainWindow::signoffViewOpened);
        auto *sign = window->findChild<QPushButton *>(u"overviewSignButton"_s);
        QVERIFY(sign->isEnabled());
        sign->click();
        QCOMPARE(opened.count(), 1);
        QPointer<ReportSignoffView> view = opened.at(0).at(0).value<ReportSignoffView *>();
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        QVERIFY2(view->message().contains(u"callout dialog opens first"_s),
                 qPrintable(view->message()));
        saveScreenshot(view, u"gate-save-and-sign.png"_s);

        // Save & Sign: the callout dialog comes first; cancelling it cancels the signature.
        QSignalSpy gateDialogs(view.data(), &ReportSignoffView::calloutDialogOpened);
        view->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(gateDialogs.count(), 1, timeout);
        QPointer<CalloutDialog> dialog = gateDialogs.at(0).at(0).value<CalloutDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(dialogLoaded(dialog), timeout);
        QCOMPARE(dialog->findChild<CriticalReportTree *>(u"reportTree"_s)->checkedReportIds(),
                 (QList<qint64>{1, 2}));
        // It says what waits for it (SPEC U8).
        QVERIFY2(dialog->findChild<QLabel *>(u"waitingLabel"_s)
                     ->text()
                     .startsWith(u"Signing of report Complete Blood Count waits"_s),
                 qPrintable(dialog->findChild<QLabel *>(u"waitingLabel"_s)->text()));
        dialog->findChild<QPushButton *>(u"cancelButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        QVERIFY2(view->message().startsWith(u"Cancelled"_s), qPrintable(view->message()));
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 1 AND is_signed"_s), 0);
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM critical_callout"_s), 0);

        // Again, and this time a callout is saved: then the report is signed.
        view->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(gateDialogs.count(), 2, timeout);
        dialog = gateDialogs.at(1).at(0).value<CalloutDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(dialogLoaded(dialog), timeout);
        fill(dialog, u"Told the ward sister"_s);
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!view, timeout); // the view closes itself once signed
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 1 AND is_signed"_s), 1);
        QCOMPARE(scalarInt(u"SELECT critical_values FROM report WHERE id = 1"_s), 2);
        // The overview shows it: signed, so the sign button is spent.
        QTRY_VERIFY_WITH_TIMEOUT(overview->selectedReport() && overview->selectedReport()->isSigned,
                                 timeout);
        QVERIFY(!sign->isEnabled());
    }

    void signGoesStraightAheadWhenAlwaysNotifyIsOff()
    {
        setAlwaysNotify(false);
        goesStraightAhead(u"support:3"_s, 1, u"overviewSignButton"_s);
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 1 AND is_signed"_s), 1);
        QCOMPARE(scalarInt(u"SELECT critical_values FROM report WHERE id = 1"_s), 1);
    }

    void approveWaitsForACalloutWhenAlwaysNotifyIsOn()
    {
        // Signed while the lab did not call out every result; the database refuses to
        // sign them with always_notify on and no callout (A3).
        setAlwaysNotify(false);
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET is_signed = %1 WHERE id IN (2, 7)"_s.arg(sqlTrue()),
                         {})
                    .ok());
        setAlwaysNotify(true);
        // The doctor assigned to RL-1.
        auto window = openDesk(u"doctor:2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 2);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        auto *approve = window->findChild<QPushButton *>(u"overviewApproveButton"_s);
        QVERIFY(approve->isVisible() && approve->isEnabled());
        QSignalSpy opened(window.get(), &MainWindow::signoffViewOpened);
        approve->click();
        QPointer<ReportSignoffView> view = opened.at(0).at(0).value<ReportSignoffView *>();
        QCOMPARE(view->objectName(), u"doctorApprovalView"_s);
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), ReportSignoffView::State::Ready, timeout);
        saveScreenshot(view, u"gate-approve.png"_s);
        confirmPasswords(view);
        QSignalSpy gateDialogs(view.data(), &ReportSignoffView::calloutDialogOpened);
        view->findChild<QPushButton *>(u"signoffAction"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(gateDialogs.count(), 1, timeout);
        QPointer<CalloutDialog> dialog = gateDialogs.at(0).at(0).value<CalloutDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(dialogLoaded(dialog), timeout);
        fill(dialog, u"Called the patient myself"_s);
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!view, timeout);
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 2 AND is_approved"_s), 1);
    }

    void approveGoesStraightAheadWhenAlwaysNotifyIsOff()
    {
        setAlwaysNotify(false);
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET is_signed = %1 WHERE id = 2"_s.arg(sqlTrue()), {})
                    .ok());
        goesStraightAhead(u"doctor:2"_s, 2, u"overviewApproveButton"_s);
        QCOMPARE(scalarInt(u"SELECT COUNT(*) FROM report WHERE id = 2 AND is_approved"_s), 1);
        QCOMPARE(scalarInt(u"SELECT critical_values FROM report WHERE id = 2"_s), 1);
    }

    void aWorklistThatCannotLoadSaysSo()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        // The reports table goes away under the desk (a broken restore, say).
        QVERIFY(db().run(u"t"_s, u"ALTER TABLE report RENAME TO report_gone"_s, {}).ok());
        window->findChild<QAction *>(u"actionRefresh"_s)->trigger();
        auto *tabs = window->findChild<QTabWidget *>(u"worklistTabs"_s);
        auto *tab = qobject_cast<WorklistTab *>(tabs->widget(0));
        QTRY_VERIFY_WITH_TIMEOUT(tab->stateText().startsWith(u"The worklist could not be loaded:"_s),
                                 timeout);
        QCOMPARE(worklistModel(*window, CriticalStatus::CalloutPending)->rowCount(), 0);

        // Back in place, F5 brings the rows back.
        QVERIFY(db().run(u"t"_s, u"ALTER TABLE report_gone RENAME TO report"_s, {}).ok());
        window->findChild<QAction *>(u"actionRefresh"_s)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(worklistModel(*window, CriticalStatus::CalloutPending)->rowCount(), 5, timeout);
        QCOMPARE(tab->stateText(), QString());
    }

    void theCurrentViewExportsAndReadsBack()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QTemporaryDir dir;
        QSignalSpy finished(window.get(), &MainWindow::exportFinished);

        const QString csvPath = dir.filePath(u"pending.csv"_s);
        window->exportWorklist(ExportFormat::Csv, csvPath);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeout);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 5); // header and the five Pending reports
        QVERIFY2(lines.at(0).contains(u"Callout Status"_s), qPrintable(lines.at(0)));
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).contains(u",Pending,"_s), qPrintable(lines.at(i)));

        const QString xlsxPath = dir.filePath(u"pending.xlsx"_s);
        window->exportWorklist(ExportFormat::Xlsx, xlsxPath);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, timeout);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QProcess reader;
        reader.start(u"python3"_s, {QStringLiteral(XLSX_READER_PATH), xlsxPath});
        QVERIFY(reader.waitForFinished(30000));
        QCOMPARE(reader.exitCode(), 0);
        const QJsonArray rows
            = QJsonDocument::fromJson(reader.readAllStandardOutput()).object().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1 + 5);
        const QJsonArray header = rows.at(0).toArray();
        const qsizetype statusColumn = header.toVariantList().indexOf(u"Callout Status"_s);
        QVERIFY(statusColumn >= 0);
        for (qsizetype i = 1; i < rows.size(); ++i)
            QCOMPARE(rows.at(i).toArray().at(statusColumn).toString(), u"Pending"_s);

        // A folder that does not exist: said plainly, nothing written.
        window->exportWorklist(ExportFormat::Csv, dir.filePath(u"missing/pending.csv"_s));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, timeout);
        QVERIFY(!finished.at(2).at(0).toBool());
        QVERIFY(!QFile::exists(dir.filePath(u"missing/pending.csv"_s)));
    }
};

QTEST_MAIN(TestDeskFlow)
#include "tst_deskflow.moc"
