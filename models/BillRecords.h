#pragma once

#include "BillParties.h"
#include "CriticalReport.h"
#include "DraftCallout.h"
#include "EscalationContact.h"
#include "NotificationSettings.h"

#include <QList>

#include <optional>

namespace calloutdesk {

// What the callout dialog opens on (SPEC R1, R2): the order's critical reports that the
// session may see, and the draft if one was saved. The lab's settings come along because
// they decide what the dialog offers (which methods, whether a comment is required).
struct BillRecords
{
    BillParties bill;
    NotificationSettings settings;
    QList<CriticalReport> reports;
    std::optional<DraftCallout> draft;
    // The lab's escalation contacts of the reports' departments (SPEC T3), in department
    // and calling order; read with the records by OrderCalloutService.
    QList<EscalationContact> escalationContacts;
};

} // namespace calloutdesk
