#pragma once

#include "models/PhoneCall.h"

#include <QGroupBox>
#include <QList>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace calloutdesk {

class ProblemLabel;

// The phone calls already made for a callout (SPEC C1, "already notified"): whom and when,
// typed in two fields and added to a list from which each can be removed again. Nothing
// is checked here beyond "a name was typed": whether a call is complete is the engine's
// rule, and its refusal is shown under this box (problem()).
class PhoneCallList : public QGroupBox
{
    Q_OBJECT

public:
    static constexpr int NameRole = Qt::UserRole + 1;
    static constexpr int AtRole = Qt::UserRole + 2;

    explicit PhoneCallList(QWidget *parent = nullptr);

    // The added calls, in the order they were added, and then the one still in the fields
    // when a name is typed there: a call typed but not yet added is not lost when the
    // user goes straight to "Callout done".
    QList<PhoneCall> calls() const;
    // Replaces the list, empties the name field and sets the time to now.
    void setCalls(const QList<PhoneCall> &calls);

    // Adds the call in the fields, if a name is typed; then the fields are ready for the
    // next one.
    void addEntered();
    // Removes the current call of the list, if any.
    void removeCurrent();

    // The fields, the Add button, the list and the Remove button, in tab order.
    QList<QWidget *> focusChain() const;
    // Where a keyboard user fixes a refused call: the list when it has calls, else the
    // name field.
    QWidget *problemFocus() const;
    ProblemLabel *problem() const { return m_problem; }

    // The current time as a desk writes it, in the user's locale ("14:05").
    static QString now();
    static QString textOf(const PhoneCall &call);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void appendRow(const PhoneCall &call);
    void updateControls();

    QLineEdit *m_name = nullptr;
    QLineEdit *m_at = nullptr;
    QPushButton *m_add = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_remove = nullptr;
    ProblemLabel *m_problem = nullptr;
};

} // namespace calloutdesk
