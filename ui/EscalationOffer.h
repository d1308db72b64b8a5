#pragma once

#include "models/EscalationContact.h"

#include <QGroupBox>
#include <QList>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace calloutdesk {

// The lab's escalation contacts of an order's departments (SPEC T3), one button each in
// calling order: a click asks the callout dialog to record a call to that contact. Urgent
// once a waiting report of the order passed the lab's warning time: the dialog then shows
// it first, and it says why.
class EscalationOffer : public QGroupBox
{
    Q_OBJECT

public:
    explicit EscalationOffer(QWidget *parent = nullptr);

    void setContacts(const QList<EscalationContact> &contacts);
    const QList<EscalationContact> &contacts() const { return m_contacts; }
    // why: "Potassium passed the warning time (30 min) at 14:35", shown while urgent.
    void setUrgent(bool urgent, const QString &why = QString());
    bool isUrgent() const { return m_urgent; }
    // The button of a contact, or nullptr.
    QPushButton *buttonFor(qint64 contactId) const;
    QList<QWidget *> focusChain() const;

signals:
    void contactChosen(const calloutdesk::EscalationContact &contact);

private:
    QLabel *m_why = nullptr;
    QVBoxLayout *m_buttons = nullptr;
    QList<EscalationContact> m_contacts;
    QList<QPushButton *> m_buttonList;
    bool m_urgent = false;
};

} // namespace calloutdesk
