#include "ComplianceChartPainter.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

const QColor medianColour(0x1f, 0x5f, 0xa8);
const QColor p90Colour(0xb3, 0x5c, 0x00);
const QColor targetColour(0xb0, 0x1c, 0x1c);

// 10, 20, 50, 100…: a step that gives about five gridlines.
double gridStep(double maximum)
{
    const double rough = maximum / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (const double factor : {1.0, 2.0, 5.0}) {
        if (factor * magnitude >= rough)
            return factor * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace

ComplianceChartPainter::ComplianceChartPainter(const QList<ComplianceWeek> &weeks,
                                               int targetMinutes)
    : m_weeks(weeks)
    , m_targetMinutes(targetMinutes)
{
    double highest = targetMinutes;
    for (const ComplianceWeek &week : weeks) {
        highest = std::max(
            {highest, week.figures.medianMinutes.value_or(0), week.figures.p90Minutes.value_or(0)});
    }
    const double step = gridStep(std::max(highest, 1.0));
    m_axisMaximum = std::ceil(highest * 1.1 / step) * step;
}

void ComplianceChartPainter::paint(QPainter &painter, const QRectF &area) const
{
    painter.save();
    const QFontMetricsF metrics(painter.font());
    const double lineHeight = metrics.height();
    // Left: the minute labels; below: the week labels and the legend.
    const QRectF plot(area.left() + metrics.horizontalAdvance(u"00000"_s), area.top(),
                      area.width() - metrics.horizontalAdvance(u"00000"_s) - 4,
                      area.height() - 2.6 * lineHeight);
    const auto yOf = [&](double minutes) {
        return plot.bottom() - plot.height() * minutes / m_axisMaximum;
    };
    const double slot = m_weeks.isEmpty() ? plot.width() : plot.width() / m_weeks.size();
    const auto xOf = [&](int week) {
        return plot.left() + slot * (week + 0.5);
    };

    painter.setPen(QPen(Qt::lightGray, 0.5));
    const double step = gridStep(m_axisMaximum / 1.1);
    for (double minutes = 0; minutes <= m_axisMaximum + 1e-9; minutes += step) {
        painter.drawLine(QPointF(plot.left(), yOf(minutes)), QPointF(plot.right(), yOf(minutes)));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(area.left(), yOf(minutes) - lineHeight / 2,
                                plot.left() - area.left() - 3, lineHeight),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(minutes));
        painter.setPen(QPen(Qt::lightGray, 0.5));
    }
    painter.setPen(QPen(Qt::black, 0.7));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());

    // Every week's name when they fit, else every n-th.
    const double labelWidth = metrics.horizontalAdvance(u"2026-W48 "_s);
    const int every = std::max(1, int(std::ceil(labelWidth / std::max(slot, 1.0))));
    for (int i = 0; i < m_weeks.size(); i += every) {
        painter.drawText(QRectF(xOf(i) - labelWidth / 2, plot.bottom() + 2, labelWidth, lineHeight),
                         Qt::AlignHCenter | Qt::AlignTop, m_weeks.at(i).isoWeek());
    }

    painter.setPen(QPen(targetColour, 1.2, Qt::DashLine));
    painter.drawLine(QPointF(plot.left(), yOf(m_targetMinutes)),
                     QPointF(plot.right(), yOf(m_targetMinutes)));

    const auto drawSeries = [&](const QColor &colour, auto figure) {
        painter.setPen(QPen(colour, 1.5));
        painter.setBrush(colour);
        QPainterPath path;
        bool drawing = false;
        for (int i = 0; i < m_weeks.size(); ++i) {
            // A week without a notified report has no time: the line breaks there.
            const std::optional<double> minutes = figure(m_weeks.at(i).figures);
            if (!minutes) {
                drawing = false;
                continue;
            }
            const QPointF point(xOf(i), yOf(*minutes));
            drawing ? path.lineTo(point) : path.moveTo(point);
            drawing = true;
            painter.drawEllipse(point, 1.6, 1.6);
        }
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    };
    drawSeries(medianColour, [](const ComplianceFigures &f) { return f.medianMinutes; });
    drawSeries(p90Colour, [](const ComplianceFigures &f) { return f.p90Minutes; });

    // The legend names each line, so the page reads in black and white too: the target is
    // dashed, and the two time lines are named in the order they usually stack.
    double x = plot.left();
    const double y = plot.bottom() + 1.4 * lineHeight;
    const auto legend = [&](const QPen &pen, const QString &text) {
        painter.setPen(pen);
        painter.drawLine(QPointF(x, y + lineHeight / 2), QPointF(x + 18, y + lineHeight / 2));
        painter.setPen(Qt::black);
        painter.drawText(QPointF(x + 22, y + metrics.ascent()), text);
        x += 30 + metrics.horizontalAdvance(text);
    };
    legend(QPen(p90Colour, 1.5), tr("90th percentile"));
    legend(QPen(medianColour, 1.5), tr("Median"));
    legend(QPen(targetColour, 1.2, Qt::DashLine), tr("Target %1 min").arg(m_targetMinutes));
    painter.restore();
}

} // namespace calloutdesk
