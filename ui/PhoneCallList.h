#pragma once

#include "models/BillParties.h"
#include "models/CriticalParameter.h"
#include "models/PhoneCall.h"

#include <QGroupBox>
#include <QList>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace calloutdesk {

class PartyNameBox;
class ProblemLabel;

// The phone calls that reached someone (SPEC C1 "already notified", U10): whom — one of
// the order's parties or a name typed — and when, a real date and time that cannot be in
// the future, added to a list from which each can be removed again. Whether a call is
// complete is the engine's rule, and its refusal is shown under this box (problem()).
class PhoneCallList : public QGroupBox
{
    Q_OBJECT

public:
    static constexpr int CallRole = Qt::UserRole + 1;

    explicit PhoneCallList(QWidget *parent = nullptr);

    // Offers the order's parties in "Spoke with".
    void setParties(const BillParties &bill);
    // The critical values of the selected reports, which a value read back is compared with.
    void setCriticalValues(const QList<CriticalParameter> &values);

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
    QDateTimeEdit *timeEdit() const { return m_at; }
    PartyNameBox *nameBox() const { return m_name; }
    QComboBox *roleBox() const { return m_role; }
    QCheckBox *readBackBox() const { return m_readBack; }
    QLineEdit *readBackValueEdit() const { return m_readBackValue; }
    QLabel *readBackFinding() const { return m_finding; }
    QLineEdit *overrideEdit() const { return m_override; }

signals:
    // A party of the order was chosen as whom the call reached: it is a recipient (U10).
    void partyChosen(calloutdesk::RecipientKind kind);
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    PhoneCall entered() const;
    void appendRow(const PhoneCall &call);
    void resetTime();
    void updateControls();
    void updateReadBack();
    void clearReadBack();

    PartyNameBox *m_name = nullptr;
    QDateTimeEdit *m_at = nullptr;
    QPushButton *m_add = nullptr;
    QComboBox *m_role = nullptr;
    QCheckBox *m_readBack = nullptr;
    QLineEdit *m_readBackValue = nullptr;
    QLabel *m_finding = nullptr;
    QLineEdit *m_override = nullptr;
    QList<CriticalParameter> m_criticalValues;
    QListWidget *m_list = nullptr;
    QPushButton *m_remove = nullptr;
    ProblemLabel *m_problem = nullptr;
};

} // namespace calloutdesk
