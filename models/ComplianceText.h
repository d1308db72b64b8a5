#pragma once

#include "ComplianceReport.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace calloutdesk {

// How the compliance report's figures read on screen and on its printed page (SPEC T5),
// the same in every locale (as DeskTime's times are): minutes with one decimal, the share
// within target as a percentage with one decimal, floored (99.96 % within target is not 100).
class ComplianceText
{
    Q_DECLARE_TR_FUNCTIONS(ComplianceText)

public:
    // "12.5"; "–" when there is no figure (no report was notified).
    static QString minutes(std::optional<double> minutes);
    // "93.3 %"; "–" when no report is judged yet.
    static QString share(std::optional<double> share);
    // The share as a percentage with one decimal, floored: 93.3 for 0.93375. Floored, since
    // a lab at 99.96 % has breaches, and "100.0" would hide them.
    static double percent(double share);
    // "2026-12-01 to 2026-12-31"
    static QString period(const ComplianceQuery &query);

    // The figures table, as the window and the page show it: its column titles, and one
    // group's cells in that order.
    static QStringList figureTitles();
    static QStringList figureCells(const ComplianceFigures &figures);
    // The breach list, likewise.
    static QStringList breachTitles();
    static QStringList breachCells(const ComplianceBreach &breach);
};

} // namespace calloutdesk
