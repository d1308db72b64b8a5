#pragma once

#include "ExportCell.h"
#include "models/AuditRow.h"
#include "models/WorklistPage.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

namespace calloutdesk {

// The columns of the worklist export (SPEC U5) and how a worklist row and its latest
// callout fill them; the same for every file format.
class ExportColumns
{
    Q_DECLARE_TR_FUNCTIONS(ExportColumns)

public:
    static QStringList titles();
    // Suggested widths in characters, for formats that have them.
    static QList<double> widths();
    static QList<ExportCell> cells(const WorklistRow &row, const std::optional<AuditRow> &latest);

    // The texts taken from an audit row's critical_callout_meta (see CalloutEngine).
    static QString performedBy(const AuditRow &row);
    static QString recipients(const AuditRow &row);
    static QString methods(const AuditRow &row);
    // SPEC U10: whom the calls reached and when (ISO 8601 with the offset), "; " between
    // calls; and an attempt's outcome and whom it tried (U9).
    static QList<PhoneCall> calls(const AuditRow &row);
    static QString spokeWith(const AuditRow &row);
    static QString callTimes(const AuditRow &row);
    // SPEC T4: each call's role and read-back ("nurse, read back 7.2 — matches"), "; "
    // between calls.
    static QString readBack(const AuditRow &row);
    static QString attempt(const AuditRow &row);
};

} // namespace calloutdesk
