#pragma once

#include "models/BillRecords.h"
#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "models/HistoryEntry.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QFuture>
#include <QList>

#include <memory>

namespace calloutdesk {

class CalloutKeeper;
class ConnectionPool;

// Everything the callout dialog of one order asks of the database (SPEC U2), off the UI
// thread on the desk's held connections: the records on the reading lane and the history
// on the other, so the two load in parallel (U2); a callout on the writing lane, or, with a
// keeper, in the desk's offline journal when the server cannot take it (O3).
// A value type: copy it into whatever needs it.
class OrderCalloutService
{
public:
    explicit OrderCalloutService(std::shared_ptr<ConnectionPool> database);

    // The order's critical reports, its saved attempt and the lab's settings (R1, R2).
    QFuture<Result<BillRecords>> records(const SessionScope &scope, qint64 billId) const;
    // The callout history of the order's reports the session may see (R4), oldest first.
    // It needs only the order's id, so it does not wait for records().
    QFuture<Result<QList<HistoryEntry>>> history(const SessionScope &scope, qint64 billId) const;
    // Keeps callouts on this desk while it is offline, and when a save finds the server
    // gone (SPEC O3); without one such a save fails and says why.
    void setKeeper(std::shared_ptr<const CalloutKeeper> keeper) { m_keeper = std::move(keeper); }
    // One callout through CalloutEngine (C1–C7). Offline, or when the server went away
    // during the save, the keeper keeps it with its request id (so a save that did commit
    // is answered by that id when it is sent, never applied twice, C9): the outcome then
    // has keptOfflineAs and changed nothing on the server yet. `order` is the order as the
    // person saw it, kept with it.
    QFuture<Result<CalloutOutcome>> submit(const SessionScope &scope, const CalloutRequest &request,
                                           const BillParties &order = {}) const;

private:
    std::shared_ptr<ConnectionPool> m_database;
    std::shared_ptr<const CalloutKeeper> m_keeper;
};

} // namespace calloutdesk
