#pragma once

#include "CriticalStatus.h"

#include <QDate>
#include <QString>
#include <QVariantList>

#include <optional>

namespace calloutdesk {

// One page request of the worklist (SPEC U1, E1): a tab, the filters, the sort and where
// the previous page ended. Both worklist sources answer it the same way.
struct WorklistQuery
{
    enum class SortColumn { ResultOn, LastUpdated, OrderNumber, Patient, Test, Department };

    CriticalStatus tab = CriticalStatus::CalloutPending;
    QDate from; // on the result date, inclusive; null for no bound
    QDate to;   // inclusive
    std::optional<qint64> departmentId;
    // Case-insensitive: an order number starting with it, or a word of the patient's name
    // starting with it.
    QString text;
    SortColumn sort = SortColumn::ResultOn;
    bool descending = true;
    int pageSize = 50;
    // The sort key of the last row of the previous page (WorklistRow::cursor); empty for
    // the first page.
    QVariantList after;
};

} // namespace calloutdesk
