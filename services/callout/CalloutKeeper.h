#pragma once

#include "models/BillParties.h"
#include "models/CalloutRequest.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

// Where a desk keeps a callout that the server cannot take now, so it is sent later rather
// than lost (SPEC O3). The offline journal implements it (services/offline depends on this
// layer, not the other way round); OrderCalloutService turns to it when the desk is offline
// or the server went away during a save.
class CalloutKeeper
{
public:
    virtual ~CalloutKeeper() = default;

    // Whether the desk knows now that its server is out of reach; asked on the UI thread.
    virtual bool isOffline() const = 0;
    // Keeps `request` (with the request id made when Save was pressed) for `scope`'s person
    // on `order` as they saw it; the kept entry's id. From any thread.
    virtual Result<qint64> keep(const SessionScope &scope, const CalloutRequest &request,
                                const BillParties &order) const = 0;
};

} // namespace calloutdesk
