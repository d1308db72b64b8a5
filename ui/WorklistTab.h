#pragma once

#include "models/CriticalStatus.h"
#include "models/WorklistModel.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace calloutdesk {

// One tab of the worklist: its table and a line that says when it is loading, when
// nothing matches and when loading failed, so an empty table is never ambiguous.
class WorklistTab : public QWidget
{
    Q_OBJECT

public:
    WorklistTab(CriticalStatus status, QWidget *parent = nullptr);

    CriticalStatus status() const { return m_status; }
    QTableView *view() const { return m_view; }
    WorklistModel *model() const { return m_model; }
    // nullptr empties the tab.
    void setModel(WorklistModel *model);
    QString stateText() const;

signals:
    // The user chose a row: double-click or Enter.
    void orderActivated(const calloutdesk::WorklistRow &row);
    void sortRequested(int column, Qt::SortOrder order);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showState();
    void sizeColumns();

    CriticalStatus m_status;
    QLabel *m_state = nullptr;
    QTableView *m_view = nullptr;
    WorklistModel *m_model = nullptr;
    bool m_columnsToSize = false;
};

} // namespace calloutdesk
