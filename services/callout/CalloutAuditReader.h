#pragma once

#include "models/AuditRow.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QList>

namespace calloutdesk {

class DatabaseConnection;

// Callout audit rows of a set of reports with every name resolved (SPEC R5), for export:
// the completed rows of each report and the order's saved attempt (draft) once for every
// requested report it covers (the order's Attempted reports), with labReportId set to
// that report. Oldest first.
class CalloutAuditReader
{
public:
    explicit CalloutAuditReader(DatabaseConnection &connection);

    Result<QList<AuditRow>> read(const SessionScope &scope, const QList<qint64> &reportIds);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
