#pragma once

// Looks into a running MainWindow the way the GUI tests and the desk benchmark need to:
// the model behind a worklist tab, whether every tab has its answer, and opening an order
// from a tab. Header-only, so the support library itself needs no widgets.
#include "models/CriticalStatus.h"
#include "models/WorklistModel.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"

#include <QTabWidget>
#include <QTableView>
#include <QTest>

namespace calloutdesk::test {

inline WorklistModel *worklistModel(MainWindow &window, CriticalStatus tab)
{
    using namespace Qt::Literals::StringLiterals;
    auto *view = window.findChild<QTableView *>(u"worklist_"_s + CriticalStatusInfo::key(tab));
    return view ? qobject_cast<WorklistModel *>(view->model()) : nullptr;
}

// Every tab has a model and none is waiting for a page.
inline bool worklistSettled(MainWindow &window)
{
    for (const CriticalStatus tab : {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted,
                                     CriticalStatus::CalloutDone}) {
        WorklistModel *model = worklistModel(window, tab);
        if (!model || model->isLoading())
            return false;
    }
    return true;
}

inline int rowOf(WorklistModel *model, qint64 reportId)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->rowAt(row).reportId == reportId)
            return row;
    return -1;
}

// Opens an order from a tab the way a user does: its row, then Enter.
inline OrderOverviewPage *openFromTab(MainWindow &window, CriticalStatus tab, qint64 reportId)
{
    using namespace Qt::Literals::StringLiterals;
    auto *view = window.findChild<QTableView *>(u"worklist_"_s + CriticalStatusInfo::key(tab));
    WorklistModel *model = worklistModel(window, tab);
    const int row = rowOf(model, reportId);
    if (row < 0)
        return nullptr;
    window.findChild<QTabWidget *>(u"worklistTabs"_s)->setCurrentWidget(view->parentWidget());
    view->setFocus();
    view->setCurrentIndex(model->index(row, 0));
    QTest::keyClick(view, Qt::Key_Return);
    return window.findChild<OrderOverviewPage *>(u"orderOverview"_s);
}

} // namespace calloutdesk::test
