#include "CalloutButton.h"

#include "CalloutDialog.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CalloutButton::CalloutButton(OrderCalloutService service, SessionScope scope, QWidget *parent)
    : QPushButton(tr("Critical ca&llout…"), parent)
    , m_service(std::move(service))
    , m_scope(std::move(scope))
{
    setObjectName(u"calloutButton"_s);
    setIcon(QIcon(u":/calloutdesk/icons/callout-attempted.svg"_s));
    setToolTip(tr("Record the callout of this report's critical result"));
    setAutoDefault(false);
    connect(this, &QPushButton::clicked, this, [this] { openDialog(); });
    updateVisibility();
}

void CalloutButton::setReport(qint64 billId, qint64 reportId, CriticalStatus status)
{
    m_billId = billId;
    m_reportId = reportId;
    m_status = status;
    updateVisibility();
}

void CalloutButton::setCondition(std::function<bool()> condition)
{
    m_condition = std::move(condition);
    updateVisibility();
}

bool CalloutButton::shouldShow() const
{
    if (m_billId <= 0 || m_reportId <= 0 || !CriticalStatusInfo::isCalloutStatus(m_status))
        return false;
    return !m_condition || m_condition();
}

void CalloutButton::updateVisibility()
{
    setVisible(shouldShow());
}

CalloutDialog *CalloutButton::openDialog()
{
    if (!shouldShow())
        return nullptr;
    // Parented to the window, not to the button: a surface that hides or rebuilds its
    // buttons must not take an open dialog with it.
    auto *dialog = new CalloutDialog(m_service, m_scope, m_billId, {m_reportId}, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CalloutDialog::calloutSaved, this, &CalloutButton::takeOutcome);
    dialog->open();
    emit dialogOpened(dialog);
    return dialog;
}

void CalloutButton::takeOutcome(const CalloutOutcome &outcome)
{
    // The report's new status decides whether the button still belongs on the surface.
    for (const CalloutOutcome::Transition &transition : outcome.transitions) {
        if (transition.reportId == m_reportId)
            m_status = transition.to;
    }
    updateVisibility();
    emit calloutSaved(outcome);
}

} // namespace calloutdesk
