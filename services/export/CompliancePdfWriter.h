#pragma once

#include "models/ComplianceReport.h"
#include "services/Failure.h"

#include <QByteArray>
#include <QCoreApplication>

namespace calloutdesk {

// The compliance report as the page a lab files for its inspector (SPEC T5): lab,
// period, target, the figures per department and for the lab, the weekly chart, and the
// breaches, on as many A4 pages as the breaches need. Painted with QPdfWriter, without
// widgets, so the window and calloutctl write the same page. Painting text needs a
// QGuiApplication (its fonts); calloutctl makes one for this format.
class CompliancePdfWriter
{
    Q_DECLARE_TR_FUNCTIONS(CompliancePdfWriter)

public:
    static QByteArray render(const ComplianceReport &report);
    // Written whole or not at all (ExportTargetFile), with the system's reason on failure.
    static Status write(const ComplianceReport &report, const QString &path);
};

} // namespace calloutdesk
