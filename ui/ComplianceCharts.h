#pragma once

#include "models/ComplianceReport.h"

#include <QCoreApplication>

class QChart;

namespace calloutdesk {

// The compliance window's two charts (SPEC T5), made with Qt Charts from a report. The
// printed page draws the weekly chart itself (ComplianceChartPainter), without widgets.
class ComplianceCharts
{
    Q_DECLARE_TR_FUNCTIONS(ComplianceCharts)

public:
    // Median and 90th percentile time to notify per week, with the target as a line.
    static QChart *weeklyTimes(const ComplianceReport &report);
    // The share within target per department, as bars from 0 to 100 %.
    static QChart *shareByDepartment(const ComplianceReport &report);
};

} // namespace calloutdesk
