#pragma once

#include "models/BillRecords.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// What the callout dialog opens on: the order's critical reports (SPEC R1) and its
// saved attempt, if any (R2).
class CriticalRecordsReader
{
public:
    explicit CriticalRecordsReader(DatabaseConnection &connection);

    Result<BillRecords> read(const SessionScope &scope, qint64 billId);

private:
    Result<std::optional<DraftCallout>> readDraft(qint64 labId, qint64 billId);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
