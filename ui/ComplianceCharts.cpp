#include "ComplianceCharts.h"

#include "models/ComplianceText.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

namespace calloutdesk {

QChart *ComplianceCharts::weeklyTimes(const ComplianceReport &report)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Time to notify per week, minutes"));
    auto *median = new QLineSeries(chart);
    median->setName(tr("Median"));
    median->setPointsVisible(true);
    auto *p90 = new QLineSeries(chart);
    p90->setName(tr("90th percentile"));
    p90->setPointsVisible(true);
    // The printed page's colours (ComplianceChartPainter).
    median->setColor(QColor(0x1f, 0x5f, 0xa8));
    p90->setColor(QColor(0xb3, 0x5c, 0x00));
    auto *target = new QLineSeries(chart);
    target->setName(tr("Target %1 min").arg(report.targetMinutes));
    // Dashed, so the target reads apart from the times without its colour.
    QPen dashed(QColor(0xb0, 0x1c, 0x1c), 2, Qt::DashLine);
    target->setPen(dashed);

    QStringList weeks;
    double highest = report.targetMinutes;
    for (int i = 0; i < report.labWeeks.size(); ++i) {
        const ComplianceFigures &figures = report.labWeeks.at(i).figures;
        weeks << report.labWeeks.at(i).isoWeek();
        // A week without a notified report has no time to show.
        if (figures.medianMinutes)
            median->append(i, *figures.medianMinutes);
        if (figures.p90Minutes)
            p90->append(i, *figures.p90Minutes);
        highest = std::max(
            {highest, figures.medianMinutes.value_or(0), figures.p90Minutes.value_or(0)});
    }
    target->append(0, report.targetMinutes);
    target->append(std::max<qsizetype>(report.labWeeks.size() - 1, 0), report.targetMinutes);

    for (QLineSeries *series : {p90, median, target})
        chart->addSeries(series);
    auto *weekAxis = new QBarCategoryAxis(chart);
    weekAxis->append(weeks.isEmpty() ? QStringList{tr("no reports")} : weeks);
    weekAxis->setLabelsAngle(weeks.size() > 8 ? -60 : 0);
    auto *minutesAxis = new QValueAxis(chart);
    minutesAxis->setRange(0, highest * 1.1);
    minutesAxis->setLabelFormat(QStringLiteral("%.0f"));
    minutesAxis->applyNiceNumbers();
    minutesAxis->setTitleText(tr("minutes"));
    chart->addAxis(weekAxis, Qt::AlignBottom);
    chart->addAxis(minutesAxis, Qt::AlignLeft);
    for (QLineSeries *series : {p90, median, target}) {
        series->attachAxis(weekAxis);
        series->attachAxis(minutesAxis);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart *ComplianceCharts::shareByDepartment(const ComplianceReport &report)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Within target, per department"));
    auto *share = new QBarSet(tr("Within target %"));
    QStringList names;
    for (const ComplianceDepartment &department : report.departments) {
        names << department.department.name;
        // No judged report: an empty bar, and the table says "–".
        *share << ComplianceText::percent(department.total.shareWithinTarget().value_or(0));
    }
    auto *series = new QHorizontalBarSeries(chart);
    series->append(share);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value %"));
    chart->addSeries(series);
    auto *departmentAxis = new QBarCategoryAxis(chart);
    departmentAxis->append(names.isEmpty() ? QStringList{tr("no reports")} : names);
    auto *percentAxis = new QValueAxis(chart);
    percentAxis->setRange(0, 100);
    percentAxis->setLabelFormat(QStringLiteral("%.0f %%"));
    chart->addAxis(departmentAxis, Qt::AlignLeft);
    chart->addAxis(percentAxis, Qt::AlignBottom);
    series->attachAxis(departmentAxis);
    series->attachAxis(percentAxis);
    chart->legend()->hide();
    return chart;
}

} // namespace calloutdesk
