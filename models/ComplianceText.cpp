#include "ComplianceText.h"

#include "DeskTime.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

const QString none = u"–"_s;

} // namespace

QString ComplianceText::minutes(std::optional<double> minutes)
{
    return minutes ? QString::number(*minutes, 'f', 1) : none;
}

QString ComplianceText::share(std::optional<double> share)
{
    return share ? u"%1 %"_s.arg(QString::number(percent(*share), 'f', 1)) : none;
}

double ComplianceText::percent(double share)
{
    // The small addition keeps 0.8 * 1000 (799.99…) at 800.
    return std::floor(share * 1000.0 + 1e-6) / 10.0;
}

QString ComplianceText::period(const ComplianceQuery &query)
{
    return tr("%1 to %2").arg(query.from.toString(Qt::ISODate), query.to.toString(Qt::ISODate));
}

QStringList ComplianceText::figureTitles()
{
    return {tr("Critical reports"), tr("Notified"),   tr("Median min"), tr("90th pct min"),
            tr("Within target"),    tr("Still open"), tr("Breaches")};
}

QStringList ComplianceText::figureCells(const ComplianceFigures &figures)
{
    return {QString::number(figures.criticalReports), QString::number(figures.notified),
            minutes(figures.medianMinutes),           minutes(figures.p90Minutes),
            share(figures.shareWithinTarget()),       QString::number(figures.stillOpen),
            QString::number(figures.breaches())};
}

QStringList ComplianceText::breachTitles()
{
    return {tr("Order"),   tr("Test"), tr("Department"), tr("Result"),
            tr("Callout"), tr("By"),   tr("Min over"),   tr("Read back")};
}

QStringList ComplianceText::breachCells(const ComplianceBreach &breach)
{
    return {breach.orderNumber,
            breach.test,
            breach.department,
            DeskTime::shown(breach.resultOn),
            breach.isOpen() ? tr("still open") : DeskTime::shown(breach.notifiedAt),
            breach.isOpen() ? none : breach.notifiedBy,
            QString::number(breach.minutesOver),
            breach.isOpen() ? none : (breach.readBack ? tr("yes") : tr("no"))};
}

} // namespace calloutdesk
