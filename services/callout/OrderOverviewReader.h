#pragma once

#include "models/OrderOverview.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// Reads one order for its overview: parties and settings, the reports the session may
// see (V1, V2) with their values, which of those values are critical for this patient
// (D3), how many callout history entries each report has (U4), and how the messages of
// its latest callout went (U11).
class OrderOverviewReader
{
public:
    explicit OrderOverviewReader(DatabaseConnection &connection);

    Result<OrderOverview> read(const SessionScope &scope, qint64 billId);

private:
    Status readValues(OrderOverview &overview);
    Status readDeliveries(OrderOverview &overview);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
