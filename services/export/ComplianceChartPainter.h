#pragma once

#include "models/ComplianceReport.h"

#include <QCoreApplication>
#include <QRectF>

class QPainter;

namespace calloutdesk {

// The compliance report's weekly chart on a printed page (SPEC T5): median and 90th
// percentile time to notify per week as two lines, the lab's target as a dashed line.
// The window draws the same chart with Qt Charts; a page is painted here with QPainter,
// so calloutctl writes it without widgets.
class ComplianceChartPainter
{
    Q_DECLARE_TR_FUNCTIONS(ComplianceChartPainter)

public:
    ComplianceChartPainter(const QList<ComplianceWeek> &weeks, int targetMinutes);

    // The highest minute the value axis shows: above every figure and the target.
    double axisMaximum() const { return m_axisMaximum; }
    void paint(QPainter &painter, const QRectF &area) const;

private:
    QList<ComplianceWeek> m_weeks;
    int m_targetMinutes = 0;
    double m_axisMaximum = 0;
};

} // namespace calloutdesk
