#pragma once

#include "models/ComplianceReport.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QCoreApplication>

namespace calloutdesk {

class DatabaseConnection;

// The compliance report (SPEC T5): how fast a lab called out its critical results, per
// department and ISO week, with its breaches. The figures, medians and 90th percentiles
// included, are computed by the database in one statement (figures and breaches), the
// same numbers on both engines. It reads as the connection's login: on PostgreSQL row security
// decides what is counted, and the session's visibility (V2) is applied on both engines.
// Runs on the thread that owns the connection (a pool lane in the desk).
class ComplianceReader
{
    Q_DECLARE_TR_FUNCTIONS(ComplianceReader)

public:
    explicit ComplianceReader(DatabaseConnection &connection);

    // Both days given, the first not after the last. Before any query.
    static Status check(const ComplianceQuery &query);

    // The report as produced at `producedAt` (now, except in tests): reports with no done
    // callout are still open then, and those past the target then are breaches.
    Result<ComplianceReport> read(const SessionScope &scope, const ComplianceQuery &query,
                                  const QDateTime &producedAt = QDateTime::currentDateTimeUtc());

private:
    struct Statement
    {
        QString sql;
        QVariantList values;
    };

    // The common table expressions both statements read: the critical reports of the query
    // (critical), the first done callout of each (first_done), and each report timed
    // against the target (timed).
    Statement timedReports(const SessionScope &scope, const ComplianceQuery &query,
                           const QDateTime &producedAt) const;
    // Milliseconds from `earlier` to `later` (two time expressions), a whole number.
    QString millisecondsBetween(const QString &later, const QString &earlier) const;
    // The select of one group's figures for SQLite, which has no percentile_cont and no
    // GROUPING SETS; `kind` numbers the group as PostgreSQL's GROUPING() does. moreColumns
    // end its select list.
    QString sqliteFigures(int kind, const QStringList &keys, int targetMinutes,
                          const QString &moreColumns) const;
    // The select of the breaches' rows, after as many empty columns as a figures' row has.
    QString breachesSelect(int targetMinutes) const;
    // The figures and the breaches, in one statement.
    Status readRows(const Statement &timed, ComplianceReport &report);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
