#pragma once

#include "models/SessionScope.h"

#include <QString>
#include <QVariantList>

namespace calloutdesk {

// The SQL condition that confines a query to what a session may see (SPEC V1, V2),
// written once so that every read and every write applies the same rule.
// It expects the report as "r", its test as "t" and its bill as "b".
struct VisibilityClause
{
    QString sql;
    QVariantList values;

    static VisibilityClause forReports(const SessionScope &scope);
};

} // namespace calloutdesk
