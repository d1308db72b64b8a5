#pragma once

#include "CalloutWritePlan.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// Writes a CalloutWritePlan inside the caller's transaction: delete the order's draft,
// then the audit rows, the status changes, the activity log and the outbox rows.
// On PostgreSQL all of it is one statement (data-modifying WITH clauses), so a callout
// costs the same few round trips whatever the size of the order; on SQLite, which is
// in-process and has no such clauses, it is one statement per table.
class CalloutWriter
{
public:
    struct Written
    {
        bool replacedDraft = false;
        QList<qint64> auditRowIds;
        qint64 activityLogId = 0;
    };

    explicit CalloutWriter(DatabaseConnection &connection);

    Result<Written> write(const CalloutWritePlan &plan);

private:
    Result<Written> writePostgres(const CalloutWritePlan &plan);
    Result<Written> writeSqlite(const CalloutWritePlan &plan);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
