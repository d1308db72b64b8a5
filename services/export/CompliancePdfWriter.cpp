#include "CompliancePdfWriter.h"

#include "ComplianceChartPainter.h"
#include "ExportTargetFile.h"
#include "models/ComplianceText.h"
#include "models/DeskTime.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// Where the next line goes on the page, and a new page when the next would not fit.
// At 72 dots per inch one unit is one point, so font sizes are what they read.
class PageCursor
{
public:
    PageCursor(QPdfWriter &writer, QPainter &painter)
        : m_writer(writer)
        , m_painter(painter)
        , m_page(painter.viewport())
    {
        m_y = m_page.top();
    }

    double left() const { return m_page.left(); }
    double width() const { return m_page.width(); }
    double y() const { return m_y; }
    void advance(double height) { m_y += height; }

    // True when a new page was begun.
    bool reserve(double height)
    {
        if (m_y + height <= m_page.bottom() - footerHeight)
            return false;
        m_writer.newPage();
        ++m_pageNumber;
        m_y = m_page.top();
        footer();
        return true;
    }

    void footer()
    {
        m_painter.save();
        m_painter.setFont(font(7));
        m_painter.drawText(QRectF(m_page.left(), m_page.bottom() - footerHeight + 4, m_page.width(),
                                  footerHeight - 4),
                           Qt::AlignRight | Qt::AlignBottom,
                           CompliancePdfWriter::tr("Page %1").arg(m_pageNumber));
        m_painter.restore();
    }

    static QFont font(double points, bool bold = false)
    {
        QFont font(u"DejaVu Sans"_s);
        font.setStyleHint(QFont::SansSerif);
        font.setPointSizeF(points);
        font.setBold(bold);
        return font;
    }

private:
    static constexpr double footerHeight = 16;

    QPdfWriter &m_writer;
    QPainter &m_painter;
    QRectF m_page;
    double m_y = 0;
    int m_pageNumber = 1;
};

void paragraph(QPainter &painter, PageCursor &cursor, const QString &text, const QFont &font,
               double spaceAfter = 2)
{
    painter.setFont(font);
    const QRectF bounds
        = painter.boundingRect(QRectF(0, 0, cursor.width(), 1e6), Qt::TextWordWrap, text);
    cursor.reserve(bounds.height());
    painter.drawText(QRectF(cursor.left(), cursor.y(), cursor.width(), bounds.height()),
                     Qt::TextWordWrap, text);
    cursor.advance(bounds.height() + spaceAfter);
}

// A table whose header row comes again on each page it runs onto. Widths are shares of
// the page; a cell too long for its column is cut with an ellipsis, never run into the next.
void table(QPainter &painter, PageCursor &cursor, const QStringList &titles,
           const QList<double> &shares, const QList<QStringList> &rows, int firstNumeric)
{
    const QFont headerFont = PageCursor::font(7, true);
    const QFont cellFont = PageCursor::font(7);
    const double rowHeight = QFontMetricsF(cellFont).height() + 3;
    // Titles may take two lines ("Critical reports" over a column of numbers).
    const double headerHeight = 2 * QFontMetricsF(headerFont).height() + 3;
    double total = 0;
    for (const double share : shares)
        total += share;
    const auto drawRow = [&](const QStringList &cells, const QFont &font, bool header) {
        painter.setFont(font);
        const QFontMetricsF metrics(font);
        const double height = header ? headerHeight : rowHeight;
        double x = cursor.left();
        for (int i = 0; i < cells.size() && i < shares.size(); ++i) {
            const double width = cursor.width() * shares.at(i) / total;
            const QRectF cell(x + 2, cursor.y(), width - 4, height);
            const int align = (i >= firstNumeric ? Qt::AlignRight : Qt::AlignLeft)
                | (header ? Qt::AlignBottom | Qt::TextWordWrap : Qt::AlignVCenter);
            painter.drawText(cell, align,
                             header
                                 ? cells.at(i)
                                 : metrics.elidedText(cells.at(i), Qt::ElideRight, cell.width()));
            x += width;
        }
        cursor.advance(height);
        painter.setPen(QPen(header ? Qt::black : Qt::lightGray, header ? 0.7 : 0.3));
        painter.drawLine(QPointF(cursor.left(), cursor.y()),
                         QPointF(cursor.left() + cursor.width(), cursor.y()));
        painter.setPen(Qt::black);
    };
    cursor.reserve(headerHeight + rowHeight);
    drawRow(titles, headerFont, true);
    for (const QStringList &row : rows) {
        if (cursor.reserve(rowHeight))
            drawRow(titles, headerFont, true);
        drawRow(row, cellFont, false);
    }
    cursor.advance(8);
}

} // namespace

QByteArray CompliancePdfWriter::render(const ComplianceReport &report)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(72);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(40, 40, 40, 36), QPageLayout::Point));
    writer.setTitle(tr("Critical result callouts: compliance, %1, %2")
                        .arg(report.labName, ComplianceText::period(report.query)));
    writer.setCreator(u"CalloutDesk"_s);

    QPainter painter(&writer);
    PageCursor cursor(writer, painter);
    cursor.footer();

    paragraph(painter, cursor, tr("Critical result callouts: compliance report"),
              PageCursor::font(15, true), 6);
    QString scope = tr("All departments");
    if (report.query.departmentId && report.departments.size() == 1)
        scope = report.departments.first().department.name;
    const QFont body = PageCursor::font(9);
    paragraph(painter, cursor, tr("Lab: %1").arg(report.labName), body);
    paragraph(painter, cursor,
              tr("Period: %1 (result times, local time)").arg(ComplianceText::period(report.query)),
              body);
    paragraph(painter, cursor, tr("Departments: %1").arg(scope), body);
    paragraph(
        painter, cursor,
        tr("Target: a done callout within %1 minutes of the result").arg(report.targetMinutes),
        body);
    paragraph(painter, cursor, tr("Produced: %1").arg(DeskTime::shown(report.producedAt)), body,
              10);

    const QStringList figureTitles = QStringList{tr("Department")} + ComplianceText::figureTitles();
    const QList<double> figureShares{3.2, 1.2, 1, 1.1, 1.1, 1.1, 1, 1};
    paragraph(painter, cursor, tr("By department"), PageCursor::font(11, true), 4);
    QList<QStringList> rows;
    for (const ComplianceDepartment &department : report.departments)
        rows << (QStringList{department.department.name}
                 + ComplianceText::figureCells(department.total));
    rows << (QStringList{tr("Whole lab")} + ComplianceText::figureCells(report.labTotal));
    table(painter, cursor, figureTitles, figureShares, rows, 1);

    paragraph(painter, cursor, tr("Time to notify per week, minutes"), PageCursor::font(11, true),
              4);
    const double chartHeight = 200;
    cursor.reserve(chartHeight);
    painter.setFont(PageCursor::font(7));
    ComplianceChartPainter(report.labWeeks, report.targetMinutes)
        .paint(painter, QRectF(cursor.left(), cursor.y(), cursor.width(), chartHeight));
    cursor.advance(chartHeight + 10);

    QStringList weekTitles = figureTitles;
    weekTitles[0] = tr("Week");
    rows.clear();
    for (const ComplianceWeek &week : report.labWeeks)
        rows << (QStringList{week.isoWeek()} + ComplianceText::figureCells(week.figures));
    paragraph(painter, cursor, tr("By week, all departments of the report"),
              PageCursor::font(11, true), 4);
    table(painter, cursor, weekTitles, figureShares, rows, 1);

    paragraph(painter, cursor, tr("Breaches: %1").arg(report.breaches.size()),
              PageCursor::font(11, true), 2);
    paragraph(painter, cursor,
              tr("Reports notified later than the target, and reports still open past it, "
                 "most minutes over first."),
              body, 4);
    rows.clear();
    for (const ComplianceBreach &breach : report.breaches)
        rows << ComplianceText::breachCells(breach);
    table(painter, cursor, ComplianceText::breachTitles(), {1.5, 1.6, 1.5, 2.0, 2.0, 1.6, 0.8, 0.9},
          rows, 6);
    painter.end();
    return bytes;
}

Status CompliancePdfWriter::write(const ComplianceReport &report, const QString &path)
{
    ExportTargetFile file(path);
    if (const Status opened = file.open(); !opened)
        return opened;
    if (const Status written = file.write(render(report)); !written)
        return written;
    return file.commit();
}

} // namespace calloutdesk
