#pragma once

#include "models/CriticalReport.h"

#include <QHash>
#include <QTreeWidget>

namespace calloutdesk {

// The order's critical reports as the callout dialog lists them (SPEC U2): one checkable
// row per report (test, department, status) with a child row per critical parameter
// (value and unit, reference range, critical bounds).
class CriticalReportTree : public QTreeWidget
{
    Q_OBJECT

public:
    enum Column
    {
        TestColumn,
        DepartmentColumn,
        StatusColumn,
        ValueColumn,
        ReferenceColumn,
        BoundsColumn,
        ColumnCount
    };
    static constexpr int ReportIdRole = Qt::UserRole + 1;

    explicit CriticalReportTree(QWidget *parent = nullptr);

    // Replaces the rows; nothing is ticked afterwards.
    void setReports(const QList<CriticalReport> &reports);
    const QList<CriticalReport> &reports() const { return m_reports; }

    // Ticks exactly these reports (ids the order does not have are ignored).
    void setCheckedReportIds(const QList<qint64> &reportIds);
    // The ticked reports, in the order they are listed.
    QList<qint64> checkedReportIds() const;
    // The status of every listed report as shown: what a callout expects to find (C6).
    QHash<qint64, CriticalStatus> shownStatuses() const;

    QTreeWidgetItem *itemForReport(qint64 reportId) const;

    static QString boundsText(const CriticalParameter &parameter);

private:
    QList<CriticalReport> m_reports;
};

} // namespace calloutdesk
