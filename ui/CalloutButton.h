#pragma once

#include "models/CalloutOutcome.h"
#include "models/CriticalStatus.h"
#include "models/SessionScope.h"
#include "services/callout/OrderCalloutService.h"

#include <QPushButton>

#include <functional>

namespace calloutdesk {

class CalloutDialog;

// The one "Critical callout" button every surface embeds next to a report (SPEC U3).
// It shows only while the report has a callout status (S2) and the surface's own
// condition holds; a click opens the callout dialog of the report's order with that
// report ticked.
class CalloutButton : public QPushButton
{
    Q_OBJECT

public:
    CalloutButton(OrderCalloutService service, SessionScope scope, QWidget *parent = nullptr);

    void setReport(qint64 billId, qint64 reportId, CriticalStatus status);
    qint64 billId() const { return m_billId; }
    qint64 reportId() const { return m_reportId; }
    CriticalStatus status() const { return m_status; }

    // The surface's own reason to show the button (a permission, a state of the form…),
    // asked again by every updateVisibility(). No condition means "always".
    void setCondition(std::function<bool()> condition);
    bool shouldShow() const;

    // Opens the dialog as a click does, and returns it (it deletes itself when closed).
    CalloutDialog *openDialog();

public slots:
    // Shows or hides the button by shouldShow(); call it when the condition may have changed.
    void updateVisibility();

signals:
    void dialogOpened(calloutdesk::CalloutDialog *dialog);
    // A callout on the report's order was saved from this button's dialog.
    void calloutSaved(const calloutdesk::CalloutOutcome &outcome);

private:
    void takeOutcome(const CalloutOutcome &outcome);

    OrderCalloutService m_service;
    SessionScope m_scope;
    qint64 m_billId = 0;
    qint64 m_reportId = 0;
    CriticalStatus m_status = CriticalStatus::Normal;
    std::function<bool()> m_condition;
};

} // namespace calloutdesk
