#include "MainWindow.h"

#include "models/CriticalStatus.h"
#include "models/WorklistModel.h"
#include "services/search/WorklistLoader.h"

#include <QHeaderView>
#include <QIcon>
#include <QLabel>
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
    buildWorklistShell();

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

    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(u"worklistTabs"_s);
    for (const CriticalStatus status :
         {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted,
          CriticalStatus::CalloutDone}) {
        auto *view = new QTableView(m_tabs);
        view->setObjectName(u"worklist_"_s + CriticalStatusInfo::key(status));
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        view->setWordWrap(false);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->hide();
        view->setAccessibleName(tr("%1 orders").arg(CriticalStatusInfo::label(status)));
        m_tabs->addTab(view, CriticalStatusInfo::label(status));
    }
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);
    m_indexLabel = new QLabel(this);
    m_indexLabel->setObjectName(u"indexLabel"_s);
    statusBar()->addPermanentWidget(m_indexLabel);
}

void MainWindow::showOpening(const QString &location)
{
    m_banner->setText(tr("Opening the database %1…").arg(location));
    m_banner->setStyleSheet({});
    m_connectionLabel->setText(location);
    m_tabs->setEnabled(false);
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
    setState(State::Ready);
}

void MainWindow::showWorklist(const SessionScope &session)
{
    const WorklistLoader loader(*m_database, m_index);
    const QList<CriticalStatus> tabs{CriticalStatus::CalloutPending,
                                     CriticalStatus::CalloutAttempted, CriticalStatus::CalloutDone};
    for (int i = 0; i < tabs.size(); ++i) {
        auto *view = qobject_cast<QTableView *>(m_tabs->widget(i));
        auto *model = new WorklistModel(loader.forModel(session), view);
        view->setModel(model);
        connect(model, &WorklistModel::countsChanged, this, &MainWindow::showCounts);
        connect(model, &WorklistModel::errorOccurred, this, &MainWindow::showFailure);
        WorklistQuery query;
        query.tab = tabs.at(i);
        model->setQuery(query);
    }
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
