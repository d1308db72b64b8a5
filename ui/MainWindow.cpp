#include "MainWindow.h"

#include "CalloutButton.h"
#include "CalloutDialog.h"
#include "ComplianceWindow.h"
#include "CriticalResultAlerts.h"
#include "ExportNotice.h"
#include "IdleWatch.h"
#include "LockScreen.h"
#include "NeedsAttentionDialog.h"
#include "OfflineBanner.h"
#include "OrderOverviewPage.h"
#include "ReportSignoffView.h"
#include "SignInForm.h"
#include "WorklistExportJob.h"
#include "WorklistFilterBar.h"
#include "WorklistTab.h"
#include "models/CriticalStatus.h"
#include "models/DeskSending.h"
#include "models/DeskTime.h"
#include "models/WorklistModel.h"
#include "services/callout/DepartmentReader.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/export/ExportFolder.h"
#include "services/export/WorklistExporter.h"
#include "services/live/OrderChangeListener.h"
#include "services/offline/CacheSyncState.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheSync.h"
#include "services/offline/OfflineCredential.h"
#include "services/offline/OfflineJournalService.h"
#include "services/offline/OfflineJournalWorker.h"
#include "services/offline/ServerReachability.h"
#include "services/report/ComplianceReader.h"
#include "services/search/WorklistLoader.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <chrono>

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

    m_idle = new IdleWatch(this);
    connect(m_idle, &IdleWatch::idle, this, &MainWindow::lockNow);
    m_idle->start();
    connect(m_lockScreen, &LockScreen::unlockRequested, this, &MainWindow::unlock);
    connect(m_lockScreen, &LockScreen::switchRequested, this, &MainWindow::switchPerson);

    connect(&m_startupWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<DatabaseStartup::Report> result = m_startupWatcher.result();
        if (result)
            showReady(result.value());
        else
            showFailure(result.failure().message);
    });
    connect(&m_credentialWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Status kept = m_credentialWatcher.result();
        // The desk works without it; only an offline sign-in later would miss it.
        if (!kept)
            qCWarning(lcOffline).noquote() << "offline sign-in not kept:" << kept.failure().message;
        emit offlineCredentialKept(kept ? QString() : kept.failure().message);
    });
    connect(&m_offlineCacheDataAsOfWatcher, &QFutureWatcherBase::finished, this, [this] {
        const auto asOf = m_offlineCacheDataAsOfWatcher.result();
        // Without it the banner says only since when the desk is offline.
        if (!asOf || !asOf.value())
            return;
        m_offlineCacheDataAsOf = asOf.value();
        if (m_offlineSince)
            m_offlineBanner->showOffline(*m_offlineSince);
    });
    connect(&m_needsAttentionWatcher, &QFutureWatcherBase::finished, this, [this] {
        const auto refused = m_needsAttentionWatcher.result();
        if (refused)
            showNeedsAttention(int(refused.value().size()));
        else
            qCWarning(lcOffline).noquote()
                << "offline journal not read:" << refused.failure().message;
    });
    connect(&m_departmentsWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<QList<Department>> departments = m_departmentsWatcher.result();
        // Without the list the filter still works with "All departments"; the worklist
        // itself says if the database is gone.
        if (departments) {
            m_departments = departments.value();
            m_filters->setDepartments(m_departments);
        }
    });
    if (!startup) {
        showFailure(startupProblem);
        return;
    }
    startSession(*startup);
}

void MainWindow::takeSession(const DatabaseUrl &signedIn)
{
    // Nothing of a previous session stays: its rows belong to the person before.
    m_session.reset();
    stopLive();
    stopOfflineJournal();
    for (WorklistTab *tab : std::as_const(m_worklistTabs))
        tab->setModel(nullptr);
    m_pages->setCurrentIndex(0);
    stopOfflineCacheSync();
    m_offlineCacheDataAsOf.reset();
    // One pool for the desk's life: another person's sign-in reconnects its lanes as them
    // (and wipes the first person's password), so the background workers on its writing
    // lane carry on.
    if (m_pool)
        m_pool->signIn(signedIn);
    else
        m_pool = ConnectionPool::create(signedIn);
    m_database = m_pool->url();
    watchPool();
    // The reading lane never serves the person before's cache.
    if (!m_offlineSince)
        readFromServer();
    else if (readFromOfflineCache())
        readOfflineCacheDataAsOf();
}

void MainWindow::startSession(const DatabaseStartup &startup)
{
    takeSession(startup.url());
    m_waitingForServer = false;
    showOpening(m_database->displayString());
    m_startupWatcher.setFuture(startup.start(*m_pool));
}

void MainWindow::restart(const DatabaseUrl &signedIn)
{
    startSession(m_startupFactory ? m_startupFactory(signedIn) : DatabaseStartup(signedIn, false));
}

MainWindow::~MainWindow()
{
    // The reachability goes with the window; the pool may stay with the workers.
    if (m_pool)
        m_pool->setTroubleReporter({});
    stopLive();
    stopOfflineCacheSync();
    m_offlineCacheDataAsOfWatcher.waitForFinished();
    // The startup job owns its own connection; let it finish before the window goes.
    m_startupWatcher.waitForFinished();
    m_credentialWatcher.waitForFinished();
    m_departmentsWatcher.waitForFinished();
    m_needsAttentionWatcher.waitForFinished();
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
    m_offlineBanner = new OfflineBanner(central);
    layout->addWidget(m_offlineBanner);
    layout->addWidget(m_banner);

    m_lockPages = new QStackedWidget(this);
    m_lockPages->setObjectName(u"lockPages"_s);
    m_desk = central;
    m_desk->setObjectName(u"desk"_s);
    m_lockPages->addWidget(m_desk);
    m_lockScreen = new LockScreen(m_lockPages);
    m_lockPages->addWidget(m_lockScreen);

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
        connect(tab, &WorklistTab::orderActivated, this,
                [this](const WorklistRow &row) { openOrder(row.billId, row.reportId); });
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
    setCentralWidget(m_lockPages);

    m_exportNotice = new ExportNotice(this);
    statusBar()->addWidget(m_exportNotice, 1);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);
    m_indexLabel = new QLabel(this);
    m_indexLabel->setObjectName(u"indexLabel"_s);
    statusBar()->addPermanentWidget(m_indexLabel);
    m_notifyLabel = new QLabel(this);
    m_notifyLabel->setObjectName(u"notifyLabel"_s);
    statusBar()->addPermanentWidget(m_notifyLabel);
    m_liveLabel = new QLabel(this);
    m_liveLabel->setObjectName(u"liveLabel"_s);
    statusBar()->addPermanentWidget(m_liveLabel);
    m_alerts = new CriticalResultAlerts(this);
    m_needsAttentionButton = new QPushButton(this);
    m_needsAttentionButton->setObjectName(u"needsAttentionButton"_s);
    m_needsAttentionButton->setStyleSheet(u"QPushButton { color: #8a1c1c; font-weight: bold; }"_s);
    m_needsAttentionButton->setToolTip(tr("Callouts recorded on this desk while it was offline "
                                          "that the server refused: record them again or "
                                          "discard them with a reason"));
    m_needsAttentionButton->hide();
    statusBar()->addPermanentWidget(m_needsAttentionButton);
    connect(m_needsAttentionButton, &QPushButton::clicked, this, &MainWindow::openNeedsAttention);
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *csv = file->addAction(tr("Export worklist as &CSV…"), this,
                                   [this] { chooseExportFile(ExportFormat::Csv); });
    csv->setObjectName(u"actionExportCsv"_s);
    csv->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *xlsx = file->addAction(tr("Export worklist as &Excel (XLSX)…"), this,
                                    [this] { chooseExportFile(ExportFormat::Xlsx); });
    xlsx->setObjectName(u"actionExportXlsx"_s);
    xlsx->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(u"actionQuit"_s);
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
    QAction *alerts = view->addAction(tr("&Alert me to new critical results"));
    alerts->setObjectName(u"actionCriticalAlerts"_s);
    alerts->setCheckable(true);
    alerts->setChecked(m_alerts->isEnabled());
    connect(alerts, &QAction::toggled, m_alerts, &CriticalResultAlerts::setEnabled);
    connect(m_alerts, &CriticalResultAlerts::enabledChanged, alerts, &QAction::setChecked);
    QAction *compliance
        = view->addAction(tr("&Compliance report…"), this, &MainWindow::openCompliance);
    compliance->setObjectName(u"actionCompliance"_s);
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
    // A5: the lab's own idle time, from the database.
    setIdleLockMinutes(report.idleLockMinutes);
    // T2: the lab's callout clock, for the worklist's clock column and badges.
    m_calloutClock = report.calloutClock;
    if (report.session) {
        m_connectionLabel->setText(m_connectionLabel->text() + u" · "_s
                                   + report.session->userName());
        startOfflineJournal(*report.session);
        showWorklist(*report.session);
        startOfflineCacheSync();
        if (m_keepsOfflineCredential && report.passwordChecked)
            keepOfflineCredential(*report.session);
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
    showDeskSending();
    const WorklistLoader loader(m_pool, m_index);
    m_badges = WorklistBadges();
    m_badges.setClock(m_calloutClock);
    for (WorklistTab *tab : std::as_const(m_worklistTabs)) {
        auto *model = new WorklistModel(loader.forModel(session), tab);
        model->setOrdersLoader(loader.forModelOrders(session));
        model->setClock(m_calloutClock);
        // One count of the overdue per reload: the first tab's page brings it for all.
        model->setCountsOverdue(tab == m_worklistTabs.constFirst());
        tab->setModel(model);
        connect(model, &WorklistModel::countsChanged, this, &MainWindow::showCounts);
        connect(model, &WorklistModel::unfilteredCounted, this, &MainWindow::showUnfilteredCounts);
    }
    // The badges count the overdue of the first tab's latest page and follow its clock
    // between pages (SPEC T2).
    WorklistModel *counting = m_worklistTabs.constFirst()->model();
    connect(counting, &WorklistModel::overdueCounted, this,
            [this](const OverdueTally &pending, const OverdueTally &attempted) {
                m_badges.setOverdue(pending, attempted);
            });
    connect(counting, &WorklistModel::ticked, this, [this, counting](const QDateTime &now) {
        if (m_badges.tick(now))
            counting->recount();
        showBadges();
    });
    m_unfilteredCounts.reset();
    m_overview->setContext(m_pool, session);
    buildOverviewActions();
    applyViewState();
    startLive(session);

    m_departmentsWatcher.setFuture(m_pool->run(
        ConnectionPool::Lane::Reads, [session](DatabaseConnection &connection) {
            return DepartmentReader(connection).read(session);
        }));
}

void MainWindow::applyViewState()
{
    for (WorklistTab *tab : std::as_const(m_worklistTabs)) {
        WorklistQuery query = m_viewState.queryFor(tab->status());
        // Each tab shows its own sort: Pending's default is urgency (SPEC T2).
        const auto [column, order] = WorklistModel::headerFor(query.sort, query.descending);
        QHeaderView *header = tab->view()->horizontalHeader();
        const QSignalBlocker block(header);
        header->setSortIndicator(column, order);
        if (!tab->model())
            continue;
        // One tab's page brings the counts of all three.
        query.withUnfilteredCounts = !m_unfilteredCounts && tab == m_worklistTabs.constFirst();
        tab->model()->setQuery(query);
    }
    // Cleared filters hide nothing: the bar goes at once, before the counts arrive.
    if (!m_viewState.queryFor(CriticalStatus::CalloutPending).isFiltered())
        m_filters->showCounts(m_shownCounts, std::nullopt);
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
    m_viewState.sort = sort.column;
    m_viewState.descending = sort.descending;
    m_viewState.sortChosen = true;
    saveViewState();
    applyViewState();
}

void MainWindow::openOrder(qint64 billId, qint64 reportId)
{
    if (!m_session)
        return;
    m_pages->setCurrentWidget(m_overview);
    m_overview->showOrder(billId, reportId);
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

void MainWindow::buildOverviewActions()
{
    // A new session gets new buttons: the old ones act for the person before.
    delete m_calloutButton;
    delete m_signButton;
    delete m_approveButton;
    m_calloutButton = new CalloutButton(calloutService(), *m_session, m_overview);
    m_calloutButton->setObjectName(u"overviewCalloutButton"_s);
    // Only collected samples take part in callouts (R1); the button says nothing otherwise.
    m_calloutButton->setCondition([this] {
        const auto report = m_overview->selectedReport();
        return report && report->sampleCollected;
    });
    m_signButton = new QPushButton(tr("Report &entry…"), m_overview);
    m_signButton->setObjectName(u"overviewSignButton"_s);
    m_signButton->setToolTip(tr("Open the report's entry to save and sign it"));
    m_approveButton = new QPushButton(tr("A&pprove…"), m_overview);
    m_approveButton->setObjectName(u"overviewApproveButton"_s);
    m_approveButton->setToolTip(tr("Open the doctor's approval of the report"));
    delete m_signoffOffline;
    m_signoffOffline = new QLabel(m_overview);
    m_signoffOffline->setObjectName(u"overviewSignoffOffline"_s);
    m_signoffOffline->setWordWrap(true);
    m_overview->actionBar()->addWidget(m_calloutButton);
    m_overview->actionBar()->addWidget(m_signButton);
    m_overview->actionBar()->addWidget(m_approveButton);
    m_overview->actionBar()->addWidget(m_signoffOffline, 1);

    connect(m_overview, &OrderOverviewPage::selectedReportChanged, this,
            &MainWindow::updateOverviewActions, Qt::UniqueConnection);
    connect(m_calloutButton, &CalloutButton::calloutSaved, this, &MainWindow::orderChanged);
    connect(m_calloutButton, &CalloutButton::dialogOpened, this,
            [this](CalloutDialog *dialog) { dialog->setCalloutClock(m_calloutClock); });
    connect(m_signButton, &QPushButton::clicked, this, [this] { openSignoff(false); });
    connect(m_approveButton, &QPushButton::clicked, this, [this] { openSignoff(true); });
    updateOverviewActions();
}

void MainWindow::updateOverviewActions()
{
    if (!m_calloutButton || !m_session)
        return;
    const auto report = m_overview->selectedReport();
    if (report)
        m_calloutButton->setReport(m_overview->billId(), report->reportId, report->status);
    else
        m_calloutButton->setReport(0, 0, CriticalStatus::Normal);
    m_calloutButton->updateVisibility();
    // Both need the server (SPEC O4): offline they stay, disabled, with the reason beside.
    const QString offline = signoffOfflineReason();
    m_signButton->setEnabled(offline.isEmpty() && report && report->completed
                             && !report->isSigned);
    m_signButton->setToolTip(offline.isEmpty() ? tr("Open the report's entry to save and sign it")
                                               : offline);
    const bool mayApprove = m_session->isDoctor() || m_session->kind() == SessionKind::Support;
    m_approveButton->setVisible(mayApprove);
    m_approveButton->setEnabled(offline.isEmpty() && report && report->isSigned
                                && !report->isApproved);
    m_approveButton->setToolTip(offline.isEmpty() ? tr("Open the doctor's approval of the report")
                                                  : offline);
    m_signoffOffline->setText(offline);
    m_signoffOffline->setVisible(!offline.isEmpty());
}

void MainWindow::openSignoff(bool approve)
{
    const auto report = m_overview->selectedReport();
    if (!report || !m_session)
        return;
    auto *view = new ReportSignoffView(approve ? ReportSignoff::Action::Approve
                                               : ReportSignoff::Action::Sign,
                                       m_pool, *m_session, m_overview->billId(),
                                       report->reportId, this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    m_signoffViews << view;
    tellSignoffViews();
    connect(view, &ReportSignoffView::completed, this, &MainWindow::orderChanged);
    // A callout saved from the gate changes the order even when the action then fails.
    // It also says which action waits for it (SPEC U8).
    connect(view, &ReportSignoffView::calloutDialogOpened, this,
            [this, approve, testName = report->testName](CalloutDialog *dialog) {
                dialog->setCalloutClock(m_calloutClock);
                dialog->setWaitingAction(approve ? CalloutDialog::WaitingAction::Approval
                                                 : CalloutDialog::WaitingAction::Signing,
                                         testName);
                connect(dialog, &CalloutDialog::calloutSaved, this, &MainWindow::orderChanged);
            });
    emit signoffViewOpened(view);
    view->open();
}

void MainWindow::orderChanged()
{
    m_worklistStale = true;
    m_unfilteredCounts.reset();
    m_overview->reload();
}

void MainWindow::chooseExportFile(ExportFormat format)
{
    if (!m_session)
        return;
    const bool csv = format == ExportFormat::Csv;
    const QString name = u"worklist-%1-%2.%3"_s.arg(
        CriticalStatusInfo::key(m_worklistTabs.at(m_tabs->currentIndex())->status()),
        QDate::currentDate().toString(Qt::ISODate), ExportFormatInfo::key(format));
    // Opened, not run in a nested event loop: the window keeps painting and its workers
    // keep reporting while the user picks a file.
    auto *dialog = new QFileDialog(
        this, csv ? tr("Export worklist as CSV") : tr("Export worklist as Excel"),
        ExportFolder::documents(), csv ? tr("CSV files (*.csv)") : tr("Excel workbooks (*.xlsx)"));
    dialog->setObjectName(u"exportFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(ExportFormatInfo::key(format));
    dialog->selectFile(name);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, format](const QString &path) { exportWorklist(format, path); });
    emit exportFileDialogOpened(dialog);
    dialog->open();
}

void MainWindow::exportWorklist(ExportFormat format, const QString &path)
{
    if (!m_session) {
        emit exportFinished(false, tr("Nobody is signed in."));
        return;
    }
    const CriticalStatus tab = m_worklistTabs.at(m_tabs->currentIndex())->status();
    m_exportNotice->showNotice({});
    const WorklistExporter exporter(m_index);
    auto *job = new WorklistExportJob(
        exporter.start(*m_pool, *m_session, m_viewState.queryFor(tab), format, path), this);
    connect(job, &WorklistExportJob::succeeded, this, [this](const ExportSummary &summary) {
        const QString path = QDir::toNativeSeparators(summary.path);
        const QString message
            = tr("Exported %Ln row(s) to %1.", nullptr, int(summary.rows)).arg(path);
        m_exportNotice->showNotice(message, path);
        emit exportFinished(true, message);
    });
    connect(job, &WorklistExportJob::failed, this, [this](const QString &message) {
        emit exportFinished(false, message);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), message,
                                    QMessageBox::Ok, this);
        box->setObjectName(u"exportFailedBox"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(job, &WorklistExportJob::cancelled, this, [this] {
        const QString message = tr("The export was cancelled; no file was written.");
        statusBar()->showMessage(message, 10000);
        emit exportFinished(false, message);
    });
}

void MainWindow::refreshWorklist()
{
    if (!m_session)
        return;
    m_unfilteredCounts.reset();
    applyViewState();
}

void MainWindow::showCounts(qint64 pending, qint64 attempted, qint64 done)
{
    m_shownCounts = {pending, attempted, done};
    m_badges.setCounts(m_shownCounts);
    showBadges();
    const bool filtered = m_viewState.queryFor(CriticalStatus::CalloutPending).isFiltered();
    m_filters->showCounts(m_shownCounts,
                          filtered ? m_unfilteredCounts : std::optional<WorklistCounts>());
}

void MainWindow::showBadges()
{
    for (int i = 0; i < m_worklistTabs.size(); ++i)
        m_tabs->setTabText(i, m_badges.text(m_worklistTabs.at(i)->status()));
}

void MainWindow::showUnfilteredCounts(const WorklistCounts &counts)
{
    m_unfilteredCounts = counts;
    showCounts(m_shownCounts.pending, m_shownCounts.attempted, m_shownCounts.done);
}

void MainWindow::showSchemaUpgradedPast(const QString &reason)
{
    showFailure(reason);
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

void MainWindow::showAttention(QLabel *label, const QString &text, const QString &detail)
{
    constexpr qsizetype longest = 100;
    label->setText(text.size() > longest ? text.left(longest) + u'…' : text);
    label->setToolTip(detail.isEmpty() ? text : text + u'\n' + detail);
    label->setStyleSheet(u"QLabel { color: #8a1c1c; font-weight: bold; }"_s);
}

void MainWindow::showIndexSyncState(int sent, int retried, int failed, const QString &problem,
                                    const QString &attention)
{
    if (!attention.isEmpty()) {
        showAttention(m_indexLabel, tr("Search index: %1").arg(attention), problem);
        return;
    }
    m_indexLabel->setStyleSheet({});
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

void MainWindow::showNotificationChannels(const QStringList &channels, const QStringList &problems)
{
    m_sendingChannels = channels;
    m_sendingProblems = problems;
    showDeskSending();
}

void MainWindow::showDeskSending()
{
    if (!m_sendingChannels)
        return;
    // On PostgreSQL only a login that sees the whole lab claims messages (the outbox's
    // row security); SQLite is the single trusted desk.
    const bool claims = !m_database || !m_database->isPostgreSql()
        || (m_session && m_session->kind() == SessionKind::Support);
    const DeskSending sending = DeskSending::fromKeys(*m_sendingChannels, claims);
    DeskSending::setCurrent(sending);
    m_notifyLabel->setStyleSheet({});
    m_notifyLabel->setText(sending.summary());
    m_notifyLabel->setToolTip(m_sendingProblems.join(u'\n'));
    if (!m_sendingProblems.isEmpty())
        m_notifyLabel->setText(m_notifyLabel->text() + u" · "_s + tr("configuration problem"));
}

void MainWindow::showNotificationState(int sent, int retried, int failed, const QString &problem,
                                       const QString &attention)
{
    if (!attention.isEmpty()) {
        showAttention(m_notifyLabel,
                      tr("Notifications wait until the settings work: %1").arg(attention), problem);
        return;
    }
    m_notifyLabel->setStyleSheet({});
    if (!problem.isEmpty()) {
        m_notifyLabel->setText(tr("Notifications: waiting for the database"));
        m_notifyLabel->setToolTip(problem);
        return;
    }
    if (failed > 0)
        m_notifyLabel->setText(
            tr("Notifications: %1 failed, see the callout history").arg(failed));
    else if (retried > 0)
        m_notifyLabel->setText(tr("Notifications: %1 waiting to retry").arg(retried));
    else
        m_notifyLabel->setText(tr("Notifications: up to date (%1 sent)").arg(sent));
}

void MainWindow::setIdleLockMinutes(int minutes)
{
    m_idle->setTimeout(std::chrono::minutes(std::max(1, minutes)));
}

QString MainWindow::personName() const
{
    if (m_session)
        return m_session->userName();
    return m_database ? m_database->userName() : QString();
}

void MainWindow::lockNow()
{
    if (m_locked)
        return;
    m_locked = true;
    m_idle->stop();
    // The password goes now (SPEC A6); the connections already open stay for the unlock.
    if (m_pool)
        m_pool->lock();
    QToolTip::hideText();
    while (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
    // Hidden, not only covered: a dialog over the lock screen, modal or not, would show
    // its patient to whoever passes by, and so would its title on the task bar.
    const auto windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows) {
        if (window != this && window->isVisible())
            hideWindow(window);
    }
    const DatabaseUrl server = m_database.value_or(DatabaseUrl());
    // Only PostgreSQL has logins to switch to; SQLite is the single trusted desk.
    m_lockScreen->lock(server, personName(), m_startupFactory && server.isPostgreSql());
    m_lockPages->setCurrentWidget(m_lockScreen);
    setWindowTitle(tr("CalloutDesk — locked"));
    setDeskActionsEnabled(false);
    qApp->installEventFilter(this);
    emit lockChanged(true);
}

void MainWindow::hideWindow(QWidget *window)
{
    if (!m_hiddenWindows.contains(window))
        m_hiddenWindows << window;
    window->hide();
}

bool MainWindow::isLockScreenWindow(const QWidget *window) const
{
    for (const QWidget *widget = window; widget; widget = widget->parentWidget()) {
        if (widget == m_lockScreen)
            return true;
    }
    return false;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_locked && event->type() == QEvent::Show && watched->isWidgetType()) {
        auto *widget = static_cast<QWidget *>(watched);
        if (widget->isWindow() && widget != this && !isLockScreenWindow(widget)) {
            // Hidden once its showing is over: hiding it inside its own show event would
            // leave the platform window shown.
            QTimer::singleShot(0, widget, [this, widget] {
                if (m_locked)
                    hideWindow(widget);
            });
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::unlock(const DatabaseUrl &signedIn)
{
    // The password the server has just proven is the pool's again (none on SQLite).
    if (m_pool)
        m_pool->unlock(signedIn);
    // A listening connection lost while locked could not be opened again without the
    // password: now it can, at once rather than at its next try.
    if (m_live && !m_live->isListening())
        m_live->listenAgainNow();
    qApp->removeEventFilter(this);
    m_locked = false;
    m_lockPages->setCurrentWidget(m_desk);
    setWindowTitle(tr("CalloutDesk"));
    setDeskActionsEnabled(true);
    const auto windows = std::exchange(m_hiddenWindows, {});
    for (const QPointer<QWidget> &window : windows) {
        // Dialogs come back as they were; popups and tool tips were only of the moment.
        if (window && qobject_cast<QDialog *>(window.data()))
            window->show();
    }
    m_idle->start();
    emit lockChanged(false);
}

void MainWindow::switchPerson(const DatabaseUrl &signedIn)
{
    bool openWork = false;
    bool calloutOpen = false;
    for (const QPointer<QWidget> &window : std::as_const(m_hiddenWindows)) {
        if (window && qobject_cast<QDialog *>(window.data())) {
            openWork = true;
            calloutOpen = calloutOpen || qobject_cast<CalloutDialog *>(window.data());
        }
    }
    const auto takeOver = [this, signedIn] {
        discardHiddenWindows();
        restart(signedIn);
        unlock(signedIn);
    };
    if (!openWork) {
        takeOver();
        return;
    }
    const QString first = personName();
    const QString text = calloutOpen
        ? tr("%1 left a callout dialog open that is not saved. Signing in as %2 "
             "discards it: it is never saved under %2's name.")
              .arg(first, signedIn.userName())
        : tr("%1 left windows open. Signing in as %2 closes them unsaved.")
              .arg(first, signedIn.userName());
    // On the lock screen, so the lock lets it show; it names no patient.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Discard %1's open work?").arg(first),
                                text, QMessageBox::Discard | QMessageBox::Cancel, m_lockScreen);
    box->setObjectName(u"discardWorkBox"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, takeOver] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Discard)
            takeOver();
        else
            m_lockScreen->form()->reset();
    });
    box->open();
}

void MainWindow::discardHiddenWindows()
{
    const auto windows = std::exchange(m_hiddenWindows, {});
    for (const QPointer<QWidget> &window : windows) {
        if (!window)
            continue;
        // done(), not reject(): a hidden dialog must not ask the person who left whether
        // to keep their entries. Nothing of it is saved.
        if (auto *dialog = qobject_cast<QDialog *>(window.data()))
            dialog->done(QDialog::Rejected);
        else
            window->close();
    }
}

void MainWindow::setDeskActionsEnabled(bool enabled)
{
    // Export and the rest must not work behind the lock; quitting still may.
    const auto menus = menuBar()->actions();
    for (QAction *menuAction : menus) {
        if (!menuAction->menu())
            continue;
        const auto actions = menuAction->menu()->actions();
        for (QAction *action : actions) {
            if (action->objectName() != u"actionQuit")
                action->setEnabled(enabled);
        }
    }
}

bool MainWindow::isLive() const
{
    return m_live && m_live->isListening();
}

void MainWindow::startLive(const SessionScope &session)
{
    stopLive();
    m_alerts->setPerson(
        u"%1-%2"_s.arg(session.isDoctor() ? u"doctor"_s : u"labuser"_s).arg(session.userId()));
    // An SQLite database is one desk's: nobody else changes it while the desk has it open.
    if (!m_pool || !m_pool->url().isPostgreSql())
        return;
    m_live = std::make_unique<OrderChangeListener>(m_pool->login(), session.labId());
    m_liveLabel->setText(tr("Connecting live updates…"));
    m_liveLabel->setToolTip({});
    connect(m_live.get(), &OrderChangeListener::ordersChanged, this,
            &MainWindow::applyOrderChanges);
    connect(m_live.get(), &OrderChangeListener::listening, this, [this](bool resumed) {
        m_liveLabel->setText(tr("Live"));
        m_liveLabel->setToolTip(tr("Changes made on other desks and by the laboratory system "
                                   "show here as they are committed."));
        m_liveLabel->setStyleSheet({});
        // What changed while the desk was not listening is unknown: read it all, once.
        if (resumed && m_session && !m_offlineSince) {
            refreshWorklist();
            if (m_pages->currentWidget() == m_overview)
                m_overview->reload();
        }
        emit liveListening(resumed);
    });
    connect(m_live.get(), &OrderChangeListener::lost, this, [this](const QString &reason) {
        m_liveLabel->setText(tr("Not live: reconnecting"));
        m_liveLabel->setToolTip(tr("Changes from other desks show only after a refresh (F5) "
                                   "until the desk listens again. %1")
                                    .arg(reason));
        m_liveLabel->setStyleSheet(u"QLabel { color: #8a5a00; }"_s);
    });
    m_live->start();
}

void MainWindow::stopLive()
{
    m_live.reset();
    if (m_liveLabel)
        m_liveLabel->clear();
}

void MainWindow::applyOrderChanges(const OrderChanges &changes)
{
    if (!m_session)
        return;
    // One tab's read brings the counts of all three.
    for (WorklistTab *tab : std::as_const(m_worklistTabs)) {
        if (tab->model())
            tab->model()->refreshOrders(changes.orders, tab == m_worklistTabs.constFirst());
    }
    if (m_pages->currentWidget() == m_overview && changes.orders.contains(m_overview->billId()))
        m_overview->reloadChangedElsewhere();
    // Callout dialogs open on a changed order say so (C6); they belong to this window or
    // to a sign-off view of it.
    const auto dialogs = findChildren<CalloutDialog *>();
    for (CalloutDialog *dialog : dialogs) {
        if (changes.orders.contains(dialog->billId()))
            dialog->noteOrderChanged();
    }
    if (!changes.newlyCritical.isEmpty())
        alertNewCritical(changes.newlyCritical);
    emit liveChangesApplied(changes.orders);
}

void MainWindow::alertNewCritical(const QList<qint64> &orders)
{
    if (!m_session || !m_alerts->isEnabled())
        return;
    // The orders' pending reports the person may see (V2), whatever the filters show.
    WorklistQuery pending;
    pending.tab = CriticalStatus::CalloutPending;
    const auto read = WorklistLoader(m_pool, m_index).forModelOrders(*m_session);
    auto *watcher = new QFutureWatcher<WorklistModel::PageOrError>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const WorklistModel::PageOrError result = watcher->result();
        const auto *page = std::get_if<WorklistPage>(&result);
        if (page && m_session)
            m_alerts->alert(page->rows, m_locked);
    });
    watcher->setFuture(read(pending, orders, false));
}

void MainWindow::setReachability(ServerReachability *reachability)
{
    m_reachability = reachability;
    reachability->setParent(this);
    connect(reachability, &ServerReachability::offline, this, &MainWindow::showOffline);
    connect(reachability, &ServerReachability::online, this, &MainWindow::showOnline);
    watchPool();
    if (const auto since = reachability->offlineSince())
        showOffline(*since);
    reachability->start();
}

void MainWindow::watchPool()
{
    if (!m_pool || !m_reachability)
        return;
    m_pool->setTroubleReporter([reachability = m_reachability](const QString &reason) {
        reachability->reportTrouble(reason);
    });
}

void MainWindow::setDataAsOf(std::function<std::optional<QDateTime>()> dataAsOf)
{
    m_offlineBanner->setDataAsOf(std::move(dataAsOf));
    if (m_offlineSince)
        m_offlineBanner->showOffline(*m_offlineSince);
}

QString MainWindow::signoffOfflineReason() const
{
    if (!m_offlineSince)
        return {};
    return tr("Signing needs the server; the desk is offline since %1.")
        .arg(DeskTime::shown(*m_offlineSince));
}

void MainWindow::showOffline(const QDateTime &since)
{
    m_offlineSince = since;
    if (readFromOfflineCache()) {
        if (!m_offlineCacheDataAsOf)
            readOfflineCacheDataAsOf();
        reloadReads();
    }
    m_offlineBanner->showOffline(since);
    m_connectionLabel->setText(tr("Offline"));
    if (m_signButton)
        updateOverviewActions();
    tellSignoffViews();
}

void MainWindow::tellSignoffViews()
{
    m_signoffViews.removeIf([](const QPointer<ReportSignoffView> &view) { return !view; });
    for (const QPointer<ReportSignoffView> &view : std::as_const(m_signoffViews))
        view->setServerOffline(signoffOfflineReason());
}

void MainWindow::showOnline()
{
    m_offlineSince.reset();
    readFromServer();
    m_offlineBanner->showOnline();
    if (m_database)
        m_connectionLabel->setText(m_database->displayString());
    if (m_signButton)
        updateOverviewActions();
    tellSignoffViews();
    // What was recorded offline goes to the server now, not at the journal's next tick.
    if (m_journalWorker)
        m_journalWorker->replayNow();
    if (m_live)
        m_live->listenAgainNow();
    // Opened offline: the session the sign-in could not start starts now, with the
    // password the offline credential proved.
    if (m_waitingForServer && m_pool) {
        if (const auto signedIn = m_pool->login()->forOpening())
            restart(signedIn.value());
    } else {
        // What was read while the server was away failed or is old: read it again.
        reloadReads();
        // The cache catches up now rather than at the next round.
        if (m_offlineCacheSync)
            m_offlineCacheSync->refreshNow();
    }
}

void MainWindow::openOffline(const DatabaseStartup &startup, const SessionScope &person)
{
    takeSession(startup.url());
    m_session = person;
    m_waitingForServer = true;
    startOfflineJournal(person);
    m_banner->setText(tr("%1 signed in offline. The worklist cannot be shown from the offline "
                         "cache yet; the desk opens it by itself as soon as the server can be "
                         "reached.")
                          .arg(person.userName()));
    m_banner->setStyleSheet({});
    m_tabs->setEnabled(false);
    m_filters->setEnabled(false);
    const QDateTime since = QDateTime::currentDateTime();
    if (m_reachability)
        m_reachability->assumeOffline(since, tr("The server could not be reached at sign-in."));
    else
        showOffline(since);
    if (m_pool->readsOffline()) {
        m_banner->setText(tr("%1 signed in offline: the worklist shows this desk's offline copy. "
                             "The desk connects by itself as soon as the server can be reached.")
                              .arg(person.userName()));
        showWorklist(person);
        m_tabs->setEnabled(true);
        m_filters->setEnabled(true);
    }
    setState(State::Opening);
}

void MainWindow::keepOfflineCredential(const SessionScope &person)
{
    const auto signedIn = m_pool->login()->forOpening();
    if (!signedIn || signedIn.value().password().isEmpty())
        return;
    const OfflineCredential credential(
        OfflineCacheLocation(signedIn.value(), signedIn.value().userName()));
    m_credentialWatcher.setFuture(
        credential.startKeeping(signedIn.value().passwordSecret(), person));
}

void MainWindow::setKeepsOfflineCache(bool keeps)
{
    m_keepsOfflineCache = keeps;
    if (keeps)
        setDataAsOf([this] { return m_offlineCacheDataAsOf; });
}

std::optional<OfflineCacheLocation> MainWindow::offlineCacheLocation() const
{
    if (!m_keepsOfflineCache || !m_database || !m_database->isPostgreSql()
        || m_database->userName().isEmpty()) {
        return std::nullopt;
    }
    return OfflineCacheLocation(*m_database, m_database->userName());
}

void MainWindow::startOfflineCacheSync()
{
    stopOfflineCacheSync();
    const auto location = offlineCacheLocation();
    if (!location || !m_pool)
        return;
    m_offlineCacheSync = std::make_unique<OfflineCacheSync>(m_pool, *location);
    connect(m_offlineCacheSync.get(), &OfflineCacheSync::refreshed, this,
            [this](const QString &dataAsOf, int changedOrders) {
                m_offlineCacheDataAsOf = QDateTime::fromString(dataAsOf, Qt::ISODateWithMs);
                emit offlineCacheRefreshed(dataAsOf, changedOrders);
            });
    connect(m_offlineCacheSync.get(), &OfflineCacheSync::failed, this,
            [this](const QString &message) {
                // The desk works without it; offline it shows the last round that worked.
                qCInfo(lcOffline).noquote() << "offline cache not refreshed:" << message;
                emit offlineCacheSyncFailed(message);
            });
    m_offlineCacheSync->start();
}

void MainWindow::stopOfflineCacheSync()
{
    m_offlineCacheSync.reset();
}

bool MainWindow::readFromOfflineCache()
{
    const auto location = offlineCacheLocation();
    if (!location || !m_pool) {
        readFromServer();
        return false;
    }
    m_pool->readOffline({location->filePath(), [location = *location] {
                             return OfflineCache::openFilled(location);
                         }});
    return true;
}

void MainWindow::readFromServer()
{
    if (m_pool)
        m_pool->readOnline();
}

void MainWindow::readOfflineCacheDataAsOf()
{
    m_offlineCacheDataAsOfWatcher.setFuture(
        m_pool->run(ConnectionPool::Lane::Reads,
                    [](DatabaseConnection &cache) -> Result<std::optional<QDateTime>> {
                        const auto state = CacheSyncState::read(cache);
                        if (!state)
                            return state.failure();
                        if (!state.value())
                            return std::optional<QDateTime>{};
                        return std::optional<QDateTime>{state.value()->dataAsOfTime()};
                    }));
}

void MainWindow::reloadReads()
{
    if (!m_session || !m_worklistTabs.constFirst()->model())
        return;
    refreshWorklist();
    if (m_pages->currentWidget() == m_overview)
        m_overview->reload();
}

void MainWindow::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

} // namespace calloutdesk

namespace calloutdesk {

std::shared_ptr<const OfflineJournalService> MainWindow::offlineJournal() const
{
    return m_offlineJournal;
}

void MainWindow::startOfflineJournal(const SessionScope &person)
{
    stopOfflineJournal();
    // Offline is about a server out of reach: a desk that does not watch one (the SQLite
    // demo, a file on this desk) never is.
    if (!m_pool || !m_reachability || !m_database || !m_database->isPostgreSql())
        return;
    const OfflineCacheLocation location(*m_database, m_database->userName());
    m_offlineJournal = std::make_shared<OfflineJournalService>(
        location, [window = QPointer<MainWindow>(this)] { return window && window->isOffline(); });
    OfflineJournalReplayer::Options options;
    options.worker = u"calloutdesk:%1:journal"_s.arg(QCoreApplication::applicationPid());
    m_journalWorker
        = std::make_unique<OfflineJournalWorker>(m_pool, location, person, std::move(options));
    // Each round may have sent, refused or cleared entries: count what needs a person.
    connect(m_journalWorker.get(), &QueueWorker::drained, this, &MainWindow::countNeedsAttention);
    connect(m_journalWorker.get(), &QueueWorker::stopped, this,
            &MainWindow::showSchemaUpgradedPast);
    m_journalWorker->start();
}

void MainWindow::stopOfflineJournal()
{
    // The worker's rounds end on the lane before it goes; the person's cache closes there.
    m_journalWorker.reset();
    m_offlineJournal.reset();
    showNeedsAttention(0);
}

OrderCalloutService MainWindow::calloutService() const
{
    OrderCalloutService service(m_pool);
    service.setKeeper(m_offlineJournal);
    return service;
}

void MainWindow::countNeedsAttention()
{
    if (!m_offlineJournal)
        return;
    // The latest count wins; an earlier read still under way is no longer watched.
    m_needsAttentionWatcher.setFuture(m_offlineJournal->needsAttention());
}

void MainWindow::showNeedsAttention(int count)
{
    m_needsAttention = count;
    m_needsAttentionButton->setText(count == 1 ? tr("1 callout needs attention")
                                               : tr("%1 callouts need attention").arg(count));
    m_needsAttentionButton->setVisible(count > 0);
    emit needsAttentionCounted(count);
}

void MainWindow::openCompliance()
{
    if (!m_session || !m_pool)
        return;
    // A year of figures is the server's to compute; the offline cache holds only what the
    // worklist needs (SPEC O4).
    if (isOffline()) {
        auto *box = new QMessageBox(QMessageBox::Information, tr("Compliance report"),
                                    tr("The compliance report needs the server, and the desk "
                                       "is offline. Open it again once the desk is online."),
                                    QMessageBox::Ok, this);
        box->setObjectName(u"complianceOfflineBox"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    const SessionScope session = *m_session;
    const std::shared_ptr<ConnectionPool> pool = m_pool;
    auto *window = new ComplianceWindow(
        [session, pool](const ComplianceQuery &query) {
            return pool->run(ConnectionPool::Lane::Reads,
                             [session, query](DatabaseConnection &connection) {
                                 return ComplianceReader(connection).read(session, query);
                             });
        },
        m_departments, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(window, &ComplianceWindow::orderRequested, this,
            [this](qint64 billId, qint64 reportId) {
                openOrder(billId, reportId);
                activateWindow();
                raise();
            });
    emit complianceWindowOpened(window);
    window->show();
    window->load();
}

void MainWindow::openNeedsAttention()
{
    if (!m_offlineJournal || !m_session)
        return;
    auto *dialog = new NeedsAttentionDialog(m_offlineJournal, *m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NeedsAttentionDialog::loaded, this,
            [this, dialog] { showNeedsAttention(int(dialog->entries().size())); });
    // An entry recorded again is a new one to send: now, not at the next tick.
    connect(dialog, &NeedsAttentionDialog::resolved, this, [this] {
        if (m_journalWorker)
            m_journalWorker->replayNow();
    });
    emit needsAttentionOpened(dialog);
    dialog->open();
}

} // namespace calloutdesk
