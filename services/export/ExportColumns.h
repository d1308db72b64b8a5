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
};

} // namespace calloutdesk
