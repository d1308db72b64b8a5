#include "MainWindow.h"

#include "OrderOverviewPage.h"
#include "WorklistFilterBar.h"
#include "WorklistTab.h"
#include "models/CriticalStatus.h"
#include "models/WorklistModel.h"
#include "services/callout/DepartmentReader.h"
#include "services/db/DatabaseJob.h"
#include "services/search/WorklistLoader.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

MainWindow::MainWindow(std::optional<DatabaseStartup> startup, const QString &startupProblem,
                       QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("CalloutDesk"));
    setWindowIcon(QIcon(u":/calloutdesk/icons/calloutdesk.svg"_s));
    resize(1100, 700);
    m_settingsWriter.setMaxThreadCount(1);
    m_viewState = WorklistViewState::load(QSettings());
    buildWorklistShell();
    buildActions();

    if (!startup) {
        showFailure(startupProblem);
        return;
    }
    connect(&m_startupWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<DatabaseStartup::Report> result = m_startupWatcher.result();
        if (result)
            showReady(result.value());
        else
            showFailure(result.failure().message);
    });
    m_database = startup->url();
    showOpening(startup->url().displayString());
    m_startupWatcher.setFuture(startup->start());
}

MainWindow::~MainWindow()
{
    // The startup job owns its own connection; let it finish before the window goes.
    m_startupWatcher.waitForFinished();
    m_departmentsWatcher.waitForFinished();
    m_settingsWriter.waitForDone();
}

void MainWindow::buildWorklistShell()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_banner = new QLabel(central);
    m_banner->setObjectName(u"startupBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setAccessibleName(tr("Database status"));
    layout->addWidget(m_banner);

    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(u"pages"_s);
    layout->addWidget(m_pages, 1);

    auto *worklistPage = new QWidget(m_pages);
    worklistPage->setObjectName(u"worklistPage"_s);
    auto *worklistLayout = new QVBoxLayout(worklistPage);
    worklistLayout->setContentsMargins(0, 0, 0, 0);
    m_filters = new WorklistFilterBar(worklistPage);
    m_filters->setObjectName(u"worklistFilters"_s);
    m_filters->apply(m_viewState);
    worklistLayout->addWidget(m_filters);

    m_tabs = new QTabWidget(worklistPage);
    m_tabs->setObjectName(u"worklistTabs"_s);
    for (const CriticalStatus status :
         {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted,
          CriticalStatus::CalloutDone}) {
        auto *tab = new WorklistTab(status, m_tabs);
        m_tabs->addTab(tab, CriticalStatusInfo::label(status));
        m_worklistTabs << tab;
        connect(tab, &WorklistTab::orderActivated, this, &MainWindow::openOrder);
        connect(tab, &WorklistTab::sortRequested, this, &MainWindow::sortBy);
    }
    m_tabs->setCurrentIndex(m_viewState.tabIndex);
    worklistLayout->addWidget(m_tabs, 1);
    m_pages->addWidget(worklistPage);

    m_overview = new OrderOverviewPage(m_pages);
    m_overview->setObjectName(u"orderOverview"_s);
    m_pages->addWidget(m_overview);
    connect(m_overview, &OrderOverviewPage::backRequested, this, &MainWindow::showWorklistPage);

    connect(m_filters, &WorklistFilterBar::changed, this, [this] {
        m_filters->fill(m_viewState);
        saveViewState();
        applyViewState();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        m_viewState.tabIndex = index;
        saveViewState();
    });
    setCentralWidget(central);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);
    m_indexLabel = new QLabel(this);
    m_indexLabel->setObjectName(u"indexLabel"_s);
    statusBar()->addPermanentWidget(m_indexLabel);
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh worklist"), this, &MainWindow::refreshWorklist);
    refresh->setObjectName(u"actionRefresh"_s);
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *find = view->addAction(tr("&Find patient or order"), this, [this] {
        showWorklistPage();
        if (auto *search = m_filters->findChild<QWidget *>(u"filterSearch"_s))
            search->setFocus(Qt::ShortcutFocusReason);
    });
    find->setShortcut(QKeySequence::Find);
    view->addSeparator();
    for (int i = 0; i < m_worklistTabs.size(); ++i) {
        QAction *tab = view->addAction(CriticalStatusInfo::label(m_worklistTabs.at(i)->status()),
                                       this, [this, i] {
                                           showWorklistPage();
                                           m_tabs->setCurrentIndex(i);
                                       });
        tab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
}

void MainWindow::showOpening(const QString &location)
{
    m_banner->setText(tr("Opening the database %1…").arg(location));
    m_banner->setStyleSheet({});
    m_connectionLabel->setText(location);
    m_tabs->setEnabled(false);
    m_filters->setEnabled(false);
    setState(State::Opening);
}

void MainWindow::showReady(const DatabaseStartup::Report &report)
{
    const QString orders = report.orders == 1 ? tr("1 order") : tr("%L1 orders").arg(report.orders);
    QString text
        = tr("%1 — %2 in %3.")
              .arg(report.labNames.isEmpty() ? tr("No lab yet") : report.labNames.join(u", "_s),
                   orders, report.location);
    if (report.demoDataWritten)
        text += u' ' + tr("Demo data was created for this first start.");
    m_banner->setText(text);
    m_banner->setStyleSheet({});
    m_connectionLabel->setText(tr("%1 · schema %2").arg(report.location).arg(report.schemaVersion));
    if (report.session) {
        m_connectionLabel->setText(m_connectionLabel->text() + u" · "_s
                                   + report.session->userName());
        showWorklist(*report.session);
    } else {
        m_banner->setText(text + u' ' + report.sessionProblem);
    }
    m_tabs->setEnabled(report.session.has_value());
    m_filters->setEnabled(report.session.has_value());
    setState(State::Ready);
}

void MainWindow::showWorklist(const SessionScope &session)
{
    m_session = session;
    const WorklistLoader loader(*m_database, m_index);
    for (WorklistTab *tab : std::as_const(m_worklistTabs)) {
        auto *model = new WorklistModel(loader.forModel(session), tab);
        tab->setModel(model);
        connect(model, &WorklistModel::countsChanged, this, &MainWindow::showCounts);
    }
    m_overview->setContext(*m_database, session);
    applyViewState();

    connect(&m_departmentsWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<QList<Department>> departments = m_departmentsWatcher.result();
        // Without the list the filter still works with "All departments"; the worklist
        // itself says if the database is gone.
        if (departments)
            m_filters->setDepartments(departments.value());
    });
    m_departmentsWatcher.setFuture(DatabaseJob::run(
        *m_database, u"departments"_s, [session](DatabaseConnection &connection) {
            return DepartmentReader(connection).read(session);
        }));
}

void MainWindow::applyViewState()
{
    const auto [column, order] = WorklistModel::headerFor(m_viewState.sort, m_viewState.descending);
    for (WorklistTab *tab : std::as_const(m_worklistTabs)) {
        QHeaderView *header = tab->view()->horizontalHeader();
        const QSignalBlocker block(header);
        header->setSortIndicator(column, order);
        if (tab->model())
            tab->model()->setQuery(m_viewState.queryFor(tab->status()));
    }
    m_worklistStale = false;
}

void MainWindow::saveViewState()
{
    m_settingsWriter.start([state = m_viewState] {
        QSettings settings;
        state.save(settings);
    });
}

void MainWindow::sortBy(int column, Qt::SortOrder order)
{
    const auto sort = WorklistModel::sortFor(column, order);
    if (sort) {
        m_viewState.sort = sort->column;
        m_viewState.descending = sort->descending;
        saveViewState();
    }
    // Also for a column that cannot sort: its indicator goes back to the real sort.
    applyViewState();
}

void MainWindow::openOrder(const WorklistRow &row)
{
    if (!m_session)
        return;
    m_pages->setCurrentWidget(m_overview);
    m_overview->showOrder(row.billId, row.reportId);
}

void MainWindow::showWorklistPage()
{
    if (m_pages->currentWidget() == m_overview) {
        m_pages->setCurrentIndex(0);
        if (m_worklistStale)
            applyViewState();
        if (auto *tab = qobject_cast<WorklistTab *>(m_tabs->currentWidget()))
            tab->view()->setFocus(Qt::OtherFocusReason);
    }
}

void MainWindow::refreshWorklist()
{
    if (m_session)
        applyViewState();
}

void MainWindow::showCounts(qint64 pending, qint64 attempted, qint64 done)
{
    m_tabs->setTabText(0, tr("Pending (%L1)").arg(pending));
    m_tabs->setTabText(1, tr("Attempted (%L1)").arg(attempted));
    m_tabs->setTabText(2, tr("Done (%L1)").arg(done));
}

void MainWindow::showFailure(const QString &message)
{
    m_banner->setText(message);
    m_banner->setStyleSheet(u"QLabel { background: #fde8e8; color: #8a1c1c; padding: 8px; "
                            "border: 1px solid #e5a0a0; border-radius: 4px; }"_s);
    m_connectionLabel->setText(tr("Not connected"));
    m_tabs->setEnabled(false);
    m_filters->setEnabled(false);
    setState(State::Failed);
}

void MainWindow::showIndexSyncState(int sent, int retried, int failed, const QString &problem)
{
    if (!problem.isEmpty()) {
        m_indexLabel->setText(tr("Search index: waiting to retry"));
        m_indexLabel->setToolTip(problem);
        return;
    }
    m_indexLabel->setToolTip({});
    if (failed > 0)
        m_indexLabel->setText(
            tr("Search index: %1 update(s) failed, see calloutctl sync --status").arg(failed));
    else if (retried > 0)
        m_indexLabel->setText(tr("Search index: %1 update(s) waiting to retry").arg(retried));
    else
        m_indexLabel->setText(tr("Search index: up to date (%1 sent)").arg(sent));
}

void MainWindow::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

} // namespace calloutdesk
