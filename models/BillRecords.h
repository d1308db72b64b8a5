#pragma once

#include "BillParties.h"
#include "CriticalReport.h"
#include "DraftCallout.h"

#include <QList>

#include <optional>

namespace calloutdesk {

// What the callout dialog opens on (SPEC R1, R2): the order's critical reports that the
// session may see, and the draft if one was saved.
struct BillRecords
{
    BillParties bill;
    QList<CriticalReport> reports;
    std::optional<DraftCallout> draft;
};

} // namespace calloutdesk
