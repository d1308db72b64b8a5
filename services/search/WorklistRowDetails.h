#pragma once

#include "models/CriticalParameter.h"
#include "models/WorklistPage.h"

#include <QDate>
#include <QList>
#include <QString>

namespace calloutdesk {

// What a worklist row shows beyond its report (SPEC U7, U11), read by the same query as
// the row: columns of the worklist page and of the index documents, each a subquery on
// one report or one order, so a page of 50 rows reads them for those 50 rows only.
class WorklistRowDetails
{
public:
    // The report's values with their formats and the formats' age/sex ranges, as JSON
    // text; `reportId` names the report's id column.
    static QString valuesColumn(bool postgres, const QString &reportId);
    // The order's messages not yet sent, "channel:state" joined by commas.
    static QString undeliveredColumn(bool postgres, const QString &billId);

    // The values of valuesColumn that lie beyond the bounds that apply to the patient
    // (SPEC D3), as CriticalParameterEvaluator finds them.
    static QList<CriticalParameter> criticalParameters(const QString &valuesJson, QChar sex,
                                                       const QDate &dateOfBirth,
                                                       const QDate &reportDate);
    static void readUndelivered(const QString &undelivered, WorklistRow &row);
};

} // namespace calloutdesk
