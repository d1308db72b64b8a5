#pragma once

#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;
struct BillParties;
class NotificationSettings;
struct CriticalReport;

// Performs one order-wise callout (SPEC C1–C7, L1–L2): every read and every write in one
// transaction that holds the order's lock, with a fixed number of statements whatever
// the number of reports. Bad input is refused before anything is written.
class CalloutEngine
{
public:
    static constexpr int maxCommentLength = 2000;

    explicit CalloutEngine(DatabaseConnection &connection);

    Result<CalloutOutcome> submit(const SessionScope &scope, const CalloutRequest &request);

private:
    static Status checkRequest(const CalloutRequest &request);
    static Status checkAgainstOrder(const CalloutRequest &request, const BillParties &bill,
                                    const NotificationSettings &settings,
                                    const QList<CriticalReport> &visible);
    Status checkNoneLeftTheCallout(const SessionScope &scope, const CalloutRequest &request,
                                   const BillParties &bill, const QList<CriticalReport> &visible);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
