#pragma once

#include "models/AuditRow.h"

#include <QHash>
#include <QList>

namespace calloutdesk {

// The latest callout of each report (SPEC U5, R5) among the audit rows of a batch.
class LatestCallouts
{
public:
    // Keyed by report id. Expects the rows oldest first, as CalloutAuditReader gives them.
    static QHash<qint64, AuditRow> pick(const QList<AuditRow> &rows);
};

} // namespace calloutdesk
