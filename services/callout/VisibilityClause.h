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
    // The same rule for a query that does not join the test: a department's reports are
    // named by their tests' ids. On PostgreSQL the ids are one array computed once, so
    // under row-level security the planner still reads the worklist index in order.
    // Where the database confines the session to its lab, the lab is left to the policy.
    static VisibilityClause forReportsWithoutTest(const SessionScope &scope, bool postgres);

private:
    static VisibilityClause confined(const SessionScope &scope, const QString &byDepartment,
                                     bool withLab = true);
};

} // namespace calloutdesk
