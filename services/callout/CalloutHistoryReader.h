#pragma once

#include "models/HistoryEntry.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QList>
#include <QStringList>

namespace calloutdesk {

class DatabaseConnection;

// The callout history of a set of reports (SPEC R4): activity-log entries of category
// 648 in the session's lab, oldest first, at most 1000.
class CalloutHistoryReader
{
public:
    static constexpr int maxEntries = 1000;

    explicit CalloutHistoryReader(DatabaseConnection &connection);

    Result<QList<HistoryEntry>> read(const SessionScope &scope, const QList<qint64> &reportIds);

    // The history of every report of one order that the session may see (SPEC U2). It
    // needs only the order's id, so the dialog can load it alongside the order's records
    // instead of after them.
    Result<QList<HistoryEntry>> readForBill(const SessionScope &scope, qint64 billId);

    // Report ids as a user or a script typed them ("1,2, 3"): every one must be a whole
    // number, checked before any query is made.
    static Result<QList<qint64>> parseReportIds(const QString &text);

    // An SQL expression: how many callouts name the report whose id is `reportId` (an SQL
    // expression too, such as "r.id"), counted through every report a callout names (C8).
    // The always_notify gate asks it (U4).
    static QString countSql(const QString &reportId);

private:
    // `reports` is a condition on the link "l" of a log row to a report, or on that report
    // "r", with its values.
    Result<QList<HistoryEntry>> readWhere(const SessionScope &scope, const QString &reports,
                                          const QVariantList &values);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
