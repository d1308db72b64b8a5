#pragma once

#include "models/BillParties.h"
#include "models/CriticalReport.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QList>

namespace calloutdesk {

class DatabaseConnection;

// The reports of an order that belong in the callout dialog (SPEC R1): not dismissed,
// sample collected, in a callout status, visible to the session (V1, V2), each with its
// critical parameters (R3). One query for the reports plus the evaluator's three.
class CriticalReportReader
{
public:
    explicit CriticalReportReader(DatabaseConnection &connection);

    // Reports with no critical parameter are left out unless keepAll is set (the engine
    // needs every visible callout-status report to reset stale attempts, SPEC C2).
    Result<QList<CriticalReport>> read(const SessionScope &scope, const BillParties &bill,
                                       bool keepAll = false);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
