#pragma once

#include "models/BillRecords.h"
#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "models/HistoryEntry.h"
#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/db/DatabaseUrl.h"

#include <QFuture>
#include <QList>

namespace calloutdesk {

// Everything the callout dialog of one order asks of the database (SPEC U2), off the UI
// thread: each call runs on the global thread pool with a connection of its own, so the
// records and the history of an order load in parallel and the UI thread never waits.
// A value type: copy it into whatever needs it.
class OrderCalloutService
{
public:
    explicit OrderCalloutService(DatabaseUrl database);

    // The order's critical reports, its saved attempt and the lab's settings (R1, R2).
    QFuture<Result<BillRecords>> records(const SessionScope &scope, qint64 billId) const;
    // The callout history of the order's reports the session may see (R4), oldest first.
    // It needs only the order's id, so it does not wait for records().
    QFuture<Result<QList<HistoryEntry>>> history(const SessionScope &scope, qint64 billId) const;
    // One callout through CalloutEngine (C1–C7).
    QFuture<Result<CalloutOutcome>> submit(const SessionScope &scope,
                                           const CalloutRequest &request) const;

    // The same, in the calling thread (for the command line and the tests).
    Result<BillRecords> recordsNow(const SessionScope &scope, qint64 billId) const;
    Result<QList<HistoryEntry>> historyNow(const SessionScope &scope, qint64 billId) const;
    Result<CalloutOutcome> submitNow(const SessionScope &scope,
                                     const CalloutRequest &request) const;

    const DatabaseUrl &database() const { return m_database; }

private:
    DatabaseUrl m_database;
};

} // namespace calloutdesk
