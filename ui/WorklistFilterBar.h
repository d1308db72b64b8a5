#pragma once

#include "models/Department.h"
#include "models/WorklistPage.h"
#include "models/WorklistViewState.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QFrame;
class QLabel;
class QLineEdit;

namespace calloutdesk {

// The worklist's filters (SPEC U1): result date range, department and a search box for
// a patient or an order number. Typing waits for a short pause before it filters, so a
// name typed quickly asks the database once, not once per letter. Below them, whenever
// the filters hide reports, a bar says how many and clears them (SPEC U7).
class WorklistFilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int searchDelayMs = 300;

    explicit WorklistFilterBar(QWidget *parent = nullptr);

    // Reads the filter part of the state; the tab and sort belong to the tabs.
    void apply(const WorklistViewState &state);
    void fill(WorklistViewState &state) const;

    // The departments the session may filter by; a chosen one that is not among them
    // falls back to "All departments".
    void setDepartments(const QList<Department> &departments);

    // The tab counts under the filters and without them; the bar shows when some tab
    // shows fewer. Without counts to compare (none yet) it stays hidden.
    void showCounts(const WorklistCounts &shown, const std::optional<WorklistCounts> &all);
    bool noticeShown() const;
    QString noticeText() const;

signals:
    void changed();

private:
    void setDepartmentSelection(std::optional<qint64> departmentId);
    void clear();

    QCheckBox *m_fromCheck = nullptr;
    QDateEdit *m_from = nullptr;
    QCheckBox *m_toCheck = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_department = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer m_searchDelay;
    QFrame *m_notice = nullptr;
    QLabel *m_noticeText = nullptr;
    // What the state asked for before the department list arrived.
    std::optional<qint64> m_wantedDepartment;
    bool m_departmentsKnown = false;
};

} // namespace calloutdesk
