// The worklist as a technician uses it (SPEC U1): filters, sorting, an order's overview
// and back, and the set-up kept across a restart. Real widgets, offscreen, on a real
// PostgreSQL database with demo data.
#include "DeskProbe.h"
#include "TestDatabase.h"
#include "models/WorklistModel.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseStartup.h"
#include "services/db/DemoDataGenerator.h"
#include "services/search/SqlWorklistSource.h"
#include "ui/CalloutDialog.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/WorklistTab.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

// Lab 1's support login in the demo: sees every department.
const QString supportLogin = u"support:5"_s;

// "Pending 1,234 · 7 overdue": the tab's count.
qint64 badgeCount(const QString &tabText)
{
    QString digits = tabText.section(u" · "_s, 0, 0).section(u' ', 1);
    digits.remove(QLocale().groupSeparator());
    return digits.toLongLong();
}

} // namespace

class TestWorklistWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(database);
        auto db = database->connectMigrated();
        QVERIFY(db);
        DemoDataGenerator::Options options;
        options.orders = 300;
        options.anchor = QDate(2026, 11, 1);
        QVERIFY(DemoDataGenerator(*db).generate(options).ok());
        m_database = std::move(database);
    }

    void init()
    {
        QSettings().clear();
    }

    void searchFiltersEveryTabAfterAPause()
    {
        MainWindow window(supportStartup(), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
        const qint64 allPending = badgeCount(tabs->tabText(0));
        QVERIFY(allPending > 0);
        WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
        // QTest::keyClicks types ASCII only; the demo has names such as "Ünal" too.
        QString surname;
        for (int row = 0; row < pending->rowCount() && surname.isEmpty(); ++row) {
            const QString candidate = pending->rowAt(row).patientName.section(u' ', -1);
            if (std::all_of(candidate.cbegin(), candidate.cend(),
                            [](QChar c) { return c.unicode() < 0x80; }))
                surname = candidate;
        }
        QVERIFY(!surname.isEmpty());

        auto *search = window.findChild<QLineEdit *>(u"filterSearch"_s);
        QTest::keyClicks(search, surname);
        // Typing alone does not query at once: the debounce holds it back.
        QCOMPARE(pending->query().text, QString());
        QTRY_COMPARE(pending->query().text, surname);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QVERIFY(pending->rowCount() > 0);
        for (const CriticalStatus tab : {CriticalStatus::CalloutPending,
                                         CriticalStatus::CalloutAttempted, CriticalStatus::CalloutDone}) {
            WorklistModel *model = worklistModel(window, tab);
            QCOMPARE(model->query().text, surname);
            for (int row = 0; row < model->rowCount(); ++row) {
                const WorklistRow r = model->rowAt(row);
                QVERIFY2(r.patientName.contains(surname, Qt::CaseInsensitive)
                             || r.labBillId.startsWith(surname, Qt::CaseInsensitive),
                         qPrintable(r.patientName));
            }
        }
        QVERIFY(badgeCount(tabs->tabText(0)) <= allPending);
        QCOMPARE(badgeCount(tabs->tabText(0)), qint64(pending->rowCount()));

        // Nothing matches: the tab says so instead of showing a blank table.
        search->setText(u"zzqx-no-such-patient"_s);
        QTRY_COMPARE(pending->query().text, u"zzqx-no-such-patient"_s);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QCOMPARE(pending->rowCount(), 0);
        auto *tab = qobject_cast<WorklistTab *>(tabs->widget(0));
        QCOMPARE(tab->stateText(), u"No orders match these filters."_s);
        QCOMPARE(tabs->tabText(0), u"Pending 0"_s);
    }

    void departmentFilterOffersTheLabsDepartments()
    {
        MainWindow window(supportStartup(), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        auto *department = window.findChild<QComboBox *>(u"filterDepartment"_s);
        QTRY_VERIFY_WITH_TIMEOUT(department->count() > 2, 30000);
        QCOMPARE(department->itemText(0), u"All departments"_s);
        const int haematology = department->findText(u"Haematology"_s);
        QVERIFY(haematology > 0);
        department->setCurrentIndex(haematology);
        WorklistModel *done = worklistModel(window, CriticalStatus::CalloutDone);
        QTRY_VERIFY(done->query().departmentId.has_value());
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QVERIFY(done->rowCount() > 0);
        for (int row = 0; row < done->rowCount(); ++row)
            QCOMPARE(done->rowAt(row).departmentName, u"Haematology"_s);
    }

    void headerClickSortsByThatColumn()
    {
        MainWindow window(supportStartup(), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        auto *view = window.findChild<QTableView *>(u"worklist_callout_done"_s);
        QHeaderView *header = view->horizontalHeader();
        header->setSortIndicator(WorklistModel::Patient, Qt::AscendingOrder);
        WorklistModel *done = worklistModel(window, CriticalStatus::CalloutDone);
        QTRY_COMPARE(done->query().sort, WorklistQuery::SortColumn::Patient);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QVERIFY(done->rowCount() > 2);
        for (int row = 1; row < done->rowCount(); ++row)
            QVERIFY2(done->rowAt(row - 1).patientName.toLower()
                         <= done->rowAt(row).patientName.toLower(),
                     qPrintable(done->rowAt(row).patientName));
        // The other tabs follow the same sort.
        QCOMPARE(worklistModel(window, CriticalStatus::CalloutPending)->query().sort,
                 WorklistQuery::SortColumn::Patient);
        QCOMPARE(window.viewState().sort, WorklistQuery::SortColumn::Patient);
        QVERIFY(!window.viewState().descending);

        // Status sorts by the report's last change, both ways; its indicator stays.
        header->setSortIndicator(WorklistModel::Status, Qt::DescendingOrder);
        QTRY_COMPARE(done->query().sort, WorklistQuery::SortColumn::LastUpdated);
        QCOMPARE(header->sortIndicatorSection(), int(WorklistModel::Status));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    }

    void pendingSortsByUrgencyUntilTheUserSortsOtherwise()
    {
        MainWindow window(supportStartup(), QString());
        QVERIFY(shownAndSettled(window));
        auto *view = window.findChild<QTableView *>(u"worklist_callout_pending"_s);
        QHeaderView *header = view->horizontalHeader();
        WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
        // SPEC T2: Pending opens most urgent first, the clock's indicator on; the other tabs
        // newest first.
        QCOMPARE(pending->query().sort, WorklistQuery::SortColumn::Waiting);
        QVERIFY(pending->query().descending);
        QCOMPARE(header->sortIndicatorSection(), int(WorklistModel::Clock));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        WorklistModel *done = worklistModel(window, CriticalStatus::CalloutDone);
        QCOMPARE(done->query().sort, WorklistQuery::SortColumn::ResultOn);
        QVERIFY(done->query().descending);
        QVERIFY(!window.viewState().sortChosen);
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            // A click on the header, as the user does it: the default is most urgent first,
            // so the first click turns it round, the next back.
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                              QPoint(header->sectionViewportPosition(WorklistModel::Clock) + 5,
                                     header->height() / 2));
            QTRY_COMPARE(pending->query().descending, order == Qt::DescendingOrder);
            QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
            QCOMPARE(pending->query().sort, WorklistQuery::SortColumn::Waiting);
            QCOMPARE(header->sortIndicatorSection(), int(WorklistModel::Clock));
            QCOMPARE(header->sortIndicatorOrder(), order);
            QVERIFY(pending->rowCount() > 2);
            // Descending: the least time left (the oldest result) first.
            for (int row = 1; row < pending->rowCount(); ++row) {
                const QDateTime before = pending->rowAt(row - 1).resultOn;
                const QDateTime after = pending->rowAt(row).resultOn;
                QVERIFY2(order == Qt::DescendingOrder ? before <= after : before >= after,
                         qPrintable(before.toString(Qt::ISODate)));
            }
        }
        QCOMPARE(window.viewState().sort, WorklistQuery::SortColumn::Waiting);
        QVERIFY(window.viewState().sortChosen);
        // The chosen sort is every tab's, as any other header's.
        QTRY_COMPARE(done->query().sort, WorklistQuery::SortColumn::Waiting);
    }

    void badgesCountTheOverdueAndTickWithTheClock()
    {
        MainWindow window(supportStartup(), QString());
        QVERIFY(shownAndSettled(window));
        auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
        // The demo's results are a month old: every open report is past the 60 min target.
        const qint64 pendingAll = badgeCount(tabs->tabText(0));
        QVERIFY(pendingAll > 10);
        QCOMPARE(tabs->tabText(0), u"Pending %L1 · %L1 overdue"_s.arg(pendingAll));
        QVERIFY2(!tabs->tabText(2).contains(u"overdue"_s), qPrintable(tabs->tabText(2)));

        // The desk's clock fixed an hour after the tenth oldest pending result, less 1 ms.
        WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
        QVERIFY(pending->rowCount() > 10);
        const QDateTime tenth = pending->rowAt(9).resultOn;
        QDateTime now = tenth.addSecs(3600).addMSecs(-1);
        QList<WorklistModel *> models;
        for (const CriticalStatus tab :
             {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted,
              CriticalStatus::CalloutDone}) {
            models << worklistModel(window, tab);
            models.last()->setNow([&now] { return now; });
        }
        window.findChild<QAction *>(u"actionRefresh"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        const qint64 before = overdueAt(now.addSecs(-3600));
        QVERIFY(before < 10);
        QTRY_COMPARE(tabs->tabText(0), u"Pending %L1 · %L2 overdue"_s.arg(pendingAll).arg(before));

        // A minute later the tenth and any others of that minute are due: the badge says so
        // at the next tick, with no page asked for.
        QList<QSignalSpy *> loads;
        for (WorklistModel *model : std::as_const(models))
            loads << new QSignalSpy(model, &WorklistModel::loadingChanged);
        now = now.addSecs(60);
        pending->tick();
        const qint64 after = overdueAt(now.addSecs(-3600));
        QVERIFY(after > before);
        QCOMPARE(tabs->tabText(0), u"Pending %L1 · %L2 overdue"_s.arg(pendingAll).arg(after));
        for (QSignalSpy *spy : std::as_const(loads))
            QCOMPARE(spy->count(), 0);
        qDeleteAll(loads);
    }

    void aRowShowsItsCriticalValuesAndItsPatient()
    {
        MainWindow window(supportStartup(), QString());
        QVERIFY(shownAndSettled(window));
        WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
        QVERIFY(pending->rowCount() > 0);
        // Every pending report is critical: each row names its value, direction and bound.
        static const QRegularExpression value(
            u"^[^:]+: [^·]+ -?[0-9.]+ (↑ \\(> |↓ \\(< )-?[0-9.]+\\)"_s);
        for (int row = 0; row < pending->rowCount(); ++row) {
            const QString test = pending->data(pending->index(row, WorklistModel::Test)).toString();
            QVERIFY2(value.match(test).hasMatch(), qPrintable(test));
            QVERIFY2(test.startsWith(pending->rowAt(row).testName + u": "_s), qPrintable(test));
            const QString patient
                = pending->data(pending->index(row, WorklistModel::Patient)).toString();
            const WorklistRow r = pending->rowAt(row);
            QCOMPARE(patient, r.patientDateOfBirth.isValid()
                                  ? u"%1 (b. %2)"_s.arg(r.patientName,
                                                        r.patientDateOfBirth.toString(Qt::ISODate))
                                  : u"%1 (no. %2)"_s.arg(r.patientName).arg(r.patientId));
        }
        // The Done tab gives no room to a clock that would stay empty.
        auto *doneView = window.findChild<QTableView *>(u"worklist_callout_done"_s);
        QVERIFY(doneView->isColumnHidden(WorklistModel::Clock));
        auto *pendingView = window.findChild<QTableView *>(u"worklist_callout_pending"_s);
        QVERIFY(!pendingView->isColumnHidden(WorklistModel::Clock));
    }

    void aFilterThatHidesRowsSaysSoUntilCleared()
    {
        MainWindow window(supportStartup(), QString());
        QVERIFY(shownAndSettled(window));
        auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
        auto *notice = window.findChild<QWidget *>(u"filterNotice"_s);
        QVERIFY(notice);
        QVERIFY(!notice->isVisible());
        const qint64 pendingAll = badgeCount(tabs->tabText(0));
        const qint64 attemptedAll = badgeCount(tabs->tabText(1));
        const qint64 doneAll = badgeCount(tabs->tabText(2));
        QVERIFY(pendingAll > 1);

        // The first pending row's order number: the search shows that order only.
        WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
        const WorklistRow first = pending->rowAt(0);
        auto *search = window.findChild<QLineEdit *>(u"filterSearch"_s);
        search->setText(first.labBillId);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(pending->query().text, first.labBillId);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        const qint64 pendingShown = badgeCount(tabs->tabText(0));
        QVERIFY(pendingShown >= 1 && pendingShown < pendingAll);
        QTRY_VERIFY(notice->isVisible());
        const QString text = window.findChild<QLabel *>(u"filterNoticeText"_s)->text();
        QVERIFY2(text.startsWith(u"Filtered — %L1 of %L2 pending"_s.arg(pendingShown).arg(pendingAll)),
                 qPrintable(text));

        // Clear brings every report back, and the bar goes.
        window.findChild<QPushButton *>(u"filterNoticeClear"_s)->click();
        QCOMPARE(search->text(), QString());
        QTRY_COMPARE(pending->query().text, QString());
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QVERIFY(!notice->isVisible());
        QCOMPARE(badgeCount(tabs->tabText(0)), pendingAll);
        QCOMPARE(badgeCount(tabs->tabText(1)), attemptedAll);
        QCOMPARE(badgeCount(tabs->tabText(2)), doneAll);

        // A filter that hides nothing shows no bar: a date range around every result.
        window.findChild<QCheckBox *>(u"filterFromEnabled"_s)->setChecked(true);
        window.findChild<QDateEdit *>(u"filterFrom"_s)->setDate(QDate(2000, 1, 1));
        QTRY_VERIFY(pending->query().from.isValid());
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QCOMPARE(badgeCount(tabs->tabText(0)), pendingAll);
        QVERIFY(!notice->isVisible());
    }

    void overviewAndBackKeepTheWorklistAsItWas()
    {
        MainWindow window(supportStartup(), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
        tabs->setCurrentIndex(2);
        auto *fromCheck = window.findChild<QCheckBox *>(u"filterFromEnabled"_s);
        fromCheck->setChecked(true);
        window.findChild<QDateEdit *>(u"filterFrom"_s)->setDate(QDate(2026, 10, 1));
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        WorklistModel *done = worklistModel(window, CriticalStatus::CalloutDone);
        QTRY_COMPARE(done->query().from, QDate(2026, 10, 1));
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        QVERIFY(done->rowCount() > 1);

        // Enter on the second row opens its order.
        auto *view = window.findChild<QTableView *>(u"worklist_callout_done"_s);
        view->setFocus();
        view->setCurrentIndex(done->index(1, 0));
        const WorklistRow chosen = done->rowAt(1);
        const int rowsBefore = done->rowCount();
        QTest::keyClick(view, Qt::Key_Return);
        auto *pages = window.findChild<QStackedWidget *>(u"pages"_s);
        auto *overview = window.findChild<OrderOverviewPage *>(u"orderOverview"_s);
        QCOMPARE(pages->currentWidget(), overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), 30000);
        QCOMPARE(overview->billId(), chosen.billId);
        QVERIFY(window.findChild<QLabel *>(u"overviewTitle"_s)->text().contains(chosen.labBillId));
        QVERIFY(overview->selectedReport().has_value());
        QCOMPARE(overview->selectedReport()->reportId, chosen.reportId);
        auto *reports = window.findChild<QTreeWidget *>(u"overviewReports"_s);
        QVERIFY(reports->topLevelItemCount() >= 1);
        // The done report's values are there, with at least one marked critical.
        bool sawCritical = false;
        for (int i = 0; i < reports->topLevelItemCount(); ++i)
            for (int c = 0; c < reports->topLevelItem(i)->childCount(); ++c)
                sawCritical |= reports->topLevelItem(i)->child(c)->text(4) == u"Critical"_s;
        QVERIFY(sawCritical);

        // Back (Escape) returns to the same tab, filters, rows and selection.
        QTest::keyClick(reports, Qt::Key_Escape);
        QCOMPARE(pages->currentIndex(), 0);
        QCOMPARE(tabs->currentIndex(), 2);
        QVERIFY(fromCheck->isChecked());
        QCOMPARE(done->query().from, QDate(2026, 10, 1));
        QCOMPARE(done->rowCount(), rowsBefore);
        QCOMPARE(view->currentIndex().row(), 1);
    }

    void theSetUpSurvivesARestart()
    {
        {
            MainWindow window(supportStartup(), QString());
            window.show();
            QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
            auto *department = window.findChild<QComboBox *>(u"filterDepartment"_s);
            QTRY_VERIFY_WITH_TIMEOUT(department->count() > 2, 30000);
            department->setCurrentIndex(department->findText(u"Clinical Biochemistry"_s));
            window.findChild<QLineEdit *>(u"filterSearch"_s)->setText(u"RL"_s);
            window.findChild<QTabWidget *>(u"worklistTabs"_s)->setCurrentIndex(1);
            window.findChild<QTableView *>(u"worklist_callout_attempted"_s)
                ->horizontalHeader()
                ->setSortIndicator(WorklistModel::OrderNumber, Qt::AscendingOrder);
            QTRY_COMPARE(window.viewState().text, u"RL"_s);
        }
        MainWindow again(supportStartup(), QString());
        again.show();
        // All but the search text: a search forgotten overnight would hide pending work.
        QCOMPARE(again.findChild<QLineEdit *>(u"filterSearch"_s)->text(), QString());
        QCOMPARE(again.findChild<QTabWidget *>(u"worklistTabs"_s)->currentIndex(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(again.state(), MainWindow::State::Ready, 30000);
        auto *department = again.findChild<QComboBox *>(u"filterDepartment"_s);
        QTRY_COMPARE_WITH_TIMEOUT(department->currentText(), u"Clinical Biochemistry"_s, 30000);
        WorklistModel *attempted = worklistModel(again, CriticalStatus::CalloutAttempted);
        QCOMPARE(attempted->query().text, QString());
        QCOMPARE(attempted->query().sort, WorklistQuery::SortColumn::OrderNumber);
        QVERIFY(attempted->query().departmentId.has_value());
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(again), 30000);
        for (int row = 0; row < attempted->rowCount(); ++row)
            QCOMPARE(attempted->rowAt(row).departmentName, u"Clinical Biochemistry"_s);
    }

    void everyActionIsReachableByKeyboard()
    {
        MainWindow window(supportStartup(), QString());
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
        auto *search = window.findChild<QLineEdit *>(u"filterSearch"_s);

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), search);
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 1);

        // From the search box, Tab walks on to the tabs and into the table.
        search->setFocus();
        QWidget *table = window.findChild<QTableView *>(u"worklist_callout_attempted"_s);
        for (int i = 0; i < 4 && QApplication::focusWidget() != table; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), table);

        // Down selects a row, Enter opens it, Alt+Left comes back.
        QTest::keyClick(table, Qt::Key_Down);
        QTest::keyClick(table, Qt::Key_Return);
        auto *pages = window.findChild<QStackedWidget *>(u"pages"_s);
        auto *overview = window.findChild<OrderOverviewPage *>(u"orderOverview"_s);
        QCOMPARE(pages->currentWidget(), overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), 30000);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(pages->currentIndex(), 0);
        QCOMPARE(QApplication::focusWidget(), table);
    }

    void everyControlHasAnAccessibleName()
    {
        MainWindow window(supportStartup(), QString());
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(window), 30000);
        auto *view = window.findChild<QTableView *>(u"worklist_callout_pending"_s);
        view->setCurrentIndex(view->model()->index(0, 0));
        emit view->activated(view->currentIndex());
        auto *overview = window.findChild<OrderOverviewPage *>(u"orderOverview"_s);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), 30000);
        // The callout dialog too: it is the window's child while open.
        auto *calloutButton = window.findChild<QPushButton *>(u"overviewCalloutButton"_s);
        QVERIFY(calloutButton && calloutButton->isVisible());
        calloutButton->click();
        auto *dialog = window.findChild<CalloutDialog *>(u"calloutDialog"_s);
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::Ready, 30000);

        QStringList unnamed;
        const auto check = [&unnamed](QWidget *root) {
            for (QWidget *widget : root->findChildren<QWidget *>()) {
                const bool control = qobject_cast<QAbstractButton *>(widget)
                    || qobject_cast<QLineEdit *>(widget) || qobject_cast<QComboBox *>(widget)
                    || qobject_cast<QAbstractSpinBox *>(widget)
                    || qobject_cast<QAbstractItemView *>(widget);
                // Parts Qt builds inside a control (a table's headers, a line edit's clear
                // button, a combo box's list) are named through the control.
                bool part = false;
                for (QWidget *up = widget->parentWidget(); up && !part; up = up->parentWidget())
                    part = qobject_cast<QAbstractItemView *>(up) || qobject_cast<QComboBox *>(up)
                        || qobject_cast<QAbstractSpinBox *>(up) || qobject_cast<QLineEdit *>(up)
                        || up->inherits("QCalendarWidget");
                if (!control || part || widget->objectName().startsWith(u"qt_"_s))
                    continue;
                QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
                if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                    unnamed << u"%1 %2"_s.arg(QString::fromLatin1(widget->metaObject()->className()),
                                              widget->objectName());
            }
        };
        check(&window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
    }

private:
    // How many pending reports of the demo lab are past the cutoff, from the database.
    qint64 overdueAt(const QDateTime &cutoff)
    {
        auto db = m_database->connectMigrated();
        if (!db)
            qFatal("no connection to the test database");
        const SessionScope support = SessionLoader(*db).support(5).value();
        WorklistQuery query;
        query.overdueCutoff = cutoff;
        query.countsOnly = true;
        const auto page = SqlWorklistSource(*db).fetchNow(support, query);
        if (!page)
            qFatal("%s", qPrintable(page.failure().message));
        return page.value().pendingOverdue.overdue;
    }

    // Shows the window and waits for its session and the worklist's first pages.
    static bool shownAndSettled(MainWindow &window)
    {
        window.show();
        return QTest::qWaitFor([&] { return window.state() == MainWindow::State::Ready; }, 30000)
            && QTest::qWaitFor([&] { return worklistSettled(window); }, 30000);
    }

    // The demo lab's support login, as a desk signs it in (SPEC A1).
    DatabaseStartup supportStartup()
    {
        auto startup = m_database->deskStartup(supportLogin);
        if (!startup)
            qFatal("%s", qPrintable(startup.failure().message));
        return startup.value();
    }

    std::unique_ptr<TestDatabase> m_database;
};

QTEST_MAIN(TestWorklistWindow)
#include "tst_worklistwindow.moc"
