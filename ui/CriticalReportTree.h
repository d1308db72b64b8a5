#pragma once

#include "models/CriticalReport.h"

#include <QHash>
#include <QTreeWidget>

namespace calloutdesk {

// The order's critical reports as the callout dialog lists them (SPEC U2, U8): one
// checkable row per report (test, status, department) with a child row per critical
// parameter (value and unit in red with ↑ or ↓, critical bounds, reference range).
class CriticalReportTree : public QTreeWidget
{
    Q_OBJECT

public:
    enum Column
    {
        // The danger first (SPEC U8): value and limits right after the test, where a
        // narrow dialog never cuts them off; the department, least needed, last.
        TestColumn,
        StatusColumn,
        ValueColumn,
        BoundsColumn,
        ReferenceColumn,
        DepartmentColumn,
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
    // "7.1 mmol/L ↑": the value with its unit and the direction it left the bounds.
    static QString valueText(const CriticalParameter &parameter);

signals:
    // A report was ticked or unticked.
    void checkedChanged();

private:
    QList<CriticalReport> m_reports;
};

} // namespace calloutdesk
