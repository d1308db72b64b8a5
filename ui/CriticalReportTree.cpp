#include "CriticalReportTree.h"

#include <QHeaderView>
#include <QSignalBlocker>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CriticalReportTree::CriticalReportTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(u"reportTree"_s);
    setAccessibleName(tr("Critical reports"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Test"), tr("Status"), tr("Value"), tr("Critical bounds"),
                     tr("Reference range"), tr("Department")});
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    // Every column as wide as its text: a limit is never cut to "below 2.8 or ab…".
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
    setTextElideMode(Qt::ElideNone);
    connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (column == TestColumn && !item->parent())
            emit checkedChanged();
    });
}

QString CriticalReportTree::valueText(const CriticalParameter &parameter)
{
    QString text = parameter.unit.isEmpty() ? parameter.value
                                            : u"%1 %2"_s.arg(parameter.value, parameter.unit);
    if (parameter.criticalLow && parameter.numericValue < *parameter.criticalLow)
        text += u" ↓"_s;
    else if (parameter.criticalHigh && parameter.numericValue > *parameter.criticalHigh)
        text += u" ↑"_s;
    return text;
}

QString CriticalReportTree::boundsText(const CriticalParameter &parameter)
{
    QStringList bounds;
    if (parameter.criticalLow)
        bounds << tr("below %1").arg(*parameter.criticalLow);
    if (parameter.criticalHigh)
        bounds << tr("above %1").arg(*parameter.criticalHigh);
    return bounds.isEmpty() ? tr("none") : bounds.join(tr(" or "));
}

void CriticalReportTree::setReports(const QList<CriticalReport> &reports)
{
    m_reports = reports;
    clear();
    for (const CriticalReport &report : reports) {
        auto *row = new QTreeWidgetItem(this);
        row->setText(TestColumn, report.testName);
        row->setText(DepartmentColumn, report.departmentName);
        row->setText(StatusColumn, CriticalStatusInfo::label(report.status));
        row->setData(TestColumn, ReportIdRole, report.reportId);
        row->setFlags(row->flags() | Qt::ItemIsUserCheckable);
        row->setCheckState(TestColumn, Qt::Unchecked);
        row->setToolTip(TestColumn, tr("Report %1").arg(report.reportId));
        for (const CriticalParameter &parameter : report.criticalParameters) {
            auto *child = new QTreeWidgetItem(row);
            child->setText(TestColumn, parameter.parameterName);
            child->setText(ValueColumn, valueText(parameter));
            child->setText(ReferenceColumn, parameter.referenceRange);
            child->setText(BoundsColumn, boundsText(parameter));
            // The value is why the row is here: make it stand out like a flagged result,
            // in bold red; the arrow says the direction also to whom red says nothing.
            QFont bold = child->font(ValueColumn);
            bold.setBold(true);
            child->setFont(ValueColumn, bold);
            child->setForeground(ValueColumn, QColor(0xb0, 0x00, 0x20));
        }
    }
    // Expanded so the critical values are read without a click; a row still collapses.
    expandAll();
}

void CriticalReportTree::setCheckedReportIds(const QList<qint64> &reportIds)
{
    {
        const QSignalBlocker quiet(this); // one checkedChanged for the whole change
        for (int i = 0; i < topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = topLevelItem(i);
            const bool ticked
                = reportIds.contains(row->data(TestColumn, ReportIdRole).toLongLong());
            row->setCheckState(TestColumn, ticked ? Qt::Checked : Qt::Unchecked);
        }
    }
    emit checkedChanged();
}

QList<qint64> CriticalReportTree::checkedReportIds() const
{
    QList<qint64> ids;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = topLevelItem(i);
        if (row->checkState(TestColumn) == Qt::Checked)
            ids << row->data(TestColumn, ReportIdRole).toLongLong();
    }
    return ids;
}

QHash<qint64, CriticalStatus> CriticalReportTree::shownStatuses() const
{
    QHash<qint64, CriticalStatus> statuses;
    for (const CriticalReport &report : m_reports)
        statuses.insert(report.reportId, report.status);
    return statuses;
}

QTreeWidgetItem *CriticalReportTree::itemForReport(qint64 reportId) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(TestColumn, ReportIdRole).toLongLong() == reportId)
            return topLevelItem(i);
    }
    return nullptr;
}

} // namespace calloutdesk
