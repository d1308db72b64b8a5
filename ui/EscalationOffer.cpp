#include "EscalationOffer.h"

#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

EscalationOffer::EscalationOffer(QWidget *parent)
    : QGroupBox(parent)
    , m_why(new QLabel(this))
{
    setObjectName(u"escalationOffer"_s);
    m_why->setObjectName(u"escalationWhy"_s);
    m_why->setTextFormat(Qt::PlainText);
    m_why->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_why);
    m_buttons = new QVBoxLayout;
    layout->addLayout(m_buttons);
    setUrgent(false);
}

void EscalationOffer::setContacts(const QList<EscalationContact> &contacts)
{
    m_contacts = contacts;
    qDeleteAll(m_buttonList);
    m_buttonList.clear();
    QSet<qint64> departments;
    for (const EscalationContact &contact : contacts)
        departments.insert(contact.departmentId);
    for (const EscalationContact &contact : contacts) {
        // With contacts of several departments each says whose it is.
        const QString place = departments.size() > 1
            ? tr("%1 · call %2").arg(contact.departmentName).arg(contact.callOrder)
            : tr("Call %1").arg(contact.callOrder);
        auto *call
            = new QPushButton(tr("%1 — %2 · %3").arg(place, contact.who(), contact.reach()), this);
        call->setObjectName(u"escalationContact%1"_s.arg(contact.id));
        call->setAutoDefault(false);
        call->setToolTip(tr("Adds a phone call to %1 now, with them as the other recipient; "
                            "then save the callout.")
                             .arg(contact.who()));
        connect(call, &QPushButton::clicked, this,
                [this, contact] { emit contactChosen(contact); });
        m_buttons->addWidget(call);
        m_buttonList << call;
    }
    setVisible(!contacts.isEmpty());
}

void EscalationOffer::setUrgent(bool urgent, const QString &why)
{
    m_urgent = urgent;
    setTitle(urgent ? tr("Escalate — call in this order") : tr("Escalation contacts"));
    m_why->setText(urgent ? why
                          : tr("Offered first once a waiting report passes the lab's warning "
                               "time."));
    QFont font = m_why->font();
    font.setBold(urgent);
    m_why->setFont(font);
}

QPushButton *EscalationOffer::buttonFor(qint64 contactId) const
{
    for (QPushButton *button : m_buttonList) {
        if (button->objectName() == u"escalationContact%1"_s.arg(contactId))
            return button;
    }
    return nullptr;
}

QList<QWidget *> EscalationOffer::focusChain() const
{
    return {m_buttonList.cbegin(), m_buttonList.cend()};
}

} // namespace calloutdesk
