#pragma once

#include "Department.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// What the compliance report covers (SPEC T5): the critical reports whose result time
// falls on a day from `from` to `to`, both included, in the local time of the computer
// that produces the report; one department, or every department the person may see.
struct ComplianceQuery
{
    QDate from;
    QDate to;
    std::optional<qint64> departmentId;

    friend bool operator==(const ComplianceQuery &, const ComplianceQuery &) = default;
};

// The figures of one group of critical reports: a department's week, a department over
// the period, the lab's week, the lab over the period. Time to notify runs from a
// report's result time to the time its first done callout was made.
struct ComplianceFigures
{
    int criticalReports = 0;      // reports in the group that became critical
    int notified = 0;             // of them, with a done callout
    int notifiedWithinTarget = 0; // of those, notified within the lab's target (T2)
    int stillOpen = 0;            // no done callout when the report was produced
    int openPastTarget = 0;       // of those, already past the target: breaches too
    // Over the notified reports, in minutes; none when no report was notified. Computed
    // by the database (percentile_cont, continuous: interpolated between two neighbours).
    std::optional<double> medianMinutes;
    std::optional<double> p90Minutes;

    // Reports whose outcome against the target is known: notified, or open past it.
    int judged() const { return notified + openPastTarget; }
    int breaches() const { return notified - notifiedWithinTarget + openPastTarget; }
    // Within target among the judged, from 0 to 1; none when none is judged yet.
    std::optional<double> shareWithinTarget() const
    {
        if (judged() == 0)
            return std::nullopt;
        return double(notifiedWithinTarget) / judged();
    }

    friend bool operator==(const ComplianceFigures &, const ComplianceFigures &) = default;
};

// One ISO week (Monday to Sunday, local time), named "2026-W48".
struct ComplianceWeek
{
    QDate monday;
    ComplianceFigures figures;

    QString isoWeek() const
    {
        int year = 0;
        const int week = monday.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }

    friend bool operator==(const ComplianceWeek &, const ComplianceWeek &) = default;
};

struct ComplianceDepartment
{
    Department department;
    QList<ComplianceWeek> weeks; // the weeks with critical reports, oldest first
    ComplianceFigures total;

    friend bool operator==(const ComplianceDepartment &, const ComplianceDepartment &) = default;
};

// A report notified later than the target, or still open past it.
struct ComplianceBreach
{
    qint64 billId = 0;
    qint64 reportId = 0;
    QString orderNumber; // the order's number as the lab knows it (lab_bill_id)
    QString department;
    QString test;
    QDateTime resultOn;
    QDateTime notifiedAt;   // invalid while the report is still open
    QString notifiedBy;     // who recorded the done callout; empty while open
    qint64 minutesOver = 0; // past the target, to the callout or to when the report was made
    bool readBack = false;  // the done callout's phone call was read back (T4)

    bool isOpen() const { return !notifiedAt.isValid(); }

    friend bool operator==(const ComplianceBreach &, const ComplianceBreach &) = default;
};

// The whole report, as the Compliance window and `calloutctl report compliance` give it.
struct ComplianceReport
{
    QString labName;
    int targetMinutes = 60;
    ComplianceQuery query;
    QDateTime producedAt;
    QList<ComplianceDepartment> departments; // by name
    QList<ComplianceWeek> labWeeks;          // every department of the query together
    ComplianceFigures labTotal;
    QList<ComplianceBreach> breaches; // most minutes over first

    friend bool operator==(const ComplianceReport &, const ComplianceReport &) = default;
};

} // namespace calloutdesk
