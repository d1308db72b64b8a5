#pragma once

// Looks into a running MainWindow the way the GUI tests and the desk benchmark need to:
// the model behind a worklist tab, and whether every tab has its answer. Header-only, so
// the support library itself needs no widgets.
#include "models/CriticalStatus.h"
#include "models/WorklistModel.h"
#include "ui/MainWindow.h"

#include <QTableView>

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

} // namespace calloutdesk::test
