#include "WorklistTab.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

WorklistTab::WorklistTab(CriticalStatus status, QWidget *parent)
    : QWidget(parent)
    , m_status(status)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_state = new QLabel(this);
    m_state->setObjectName(u"worklistState_"_s + CriticalStatusInfo::key(status));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    m_view = new QTableView(this);
    m_view->setObjectName(u"worklist_"_s + CriticalStatusInfo::key(status));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    // Sized to the first page, not kept sized to every row: ResizeToContents would measure
    // up to a thousand rows again each time a page arrives while the user scrolls.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->verticalHeader()->hide();
    m_view->setAccessibleName(tr("%1 orders").arg(CriticalStatusInfo::label(status)));
    layout->addWidget(m_view, 1);

    // activated() is both a double-click and Enter on the current row.
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (m_model && index.isValid())
            emit orderActivated(m_model->rowAt(index.row()));
    });
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &WorklistTab::sortRequested);
}

void WorklistTab::setModel(WorklistModel *model)
{
    // The model before belongs to the session before (a person switch): its rows go with it.
    WorklistModel *previous = m_model;
    m_model = model;
    m_view->setModel(model);
    // Done callouts wait for nothing: their tab gives the clock's width to the other columns.
    m_view->setColumnHidden(WorklistModel::Clock, m_status == CriticalStatus::CalloutDone);
    if (previous && previous != model)
        previous->deleteLater();
    if (!model) {
        showState();
        return;
    }
    connect(model, &WorklistModel::loadingChanged, this, &WorklistTab::showState);
    connect(model, &WorklistModel::modelReset, this, &WorklistTab::showState);
    // The first page only: a row that a live update (SPEC T1) puts on top of the rows there
    // are would have every column measured again for each change that streams in.
    const auto inserted = [this](const QModelIndex &, int first, int last) {
        if (first == 0 && last + 1 == m_model->rowCount()) {
            // Hidden tabs size their columns when they are shown: measuring three tables
            // at each filter change is time the window cannot answer in.
            m_columnsToSize = true;
            if (isVisible())
                sizeColumns();
        }
        showState();
    };
    connect(model, &WorklistModel::rowsInserted, this, inserted);
    showState();
}

void WorklistTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_columnsToSize)
        sizeColumns();
}

void WorklistTab::sizeColumns()
{
    m_columnsToSize = false;
    if (!m_model)
        return;
    // All but the last shown column, which stretches to the table's edge.
    int last = m_model->columnCount() - 1;
    while (last > 0 && m_view->isColumnHidden(last))
        --last;
    for (int column = 0; column < last; ++column)
        m_view->resizeColumnToContents(column);
}

QString WorklistTab::stateText() const
{
    return m_state->isVisible() ? m_state->text() : QString();
}

void WorklistTab::showState()
{
    QString text;
    QString style;
    if (!m_model) {
        text = tr("Waiting for the database…");
    } else if (!m_model->lastError().isEmpty()) {
        text = tr("The worklist could not be loaded: %1").arg(m_model->lastError());
        style = u"QLabel { color: #8a1c1c; }"_s;
    } else if (m_model->rowCount() == 0) {
        text = m_model->isLoading() ? tr("Loading…") : tr("No orders match these filters.");
    } else if (m_model->isLoading()) {
        text = tr("Loading more…");
    }
    m_state->setText(text);
    m_state->setStyleSheet(style);
    m_state->setVisible(!text.isEmpty());
}

} // namespace calloutdesk
