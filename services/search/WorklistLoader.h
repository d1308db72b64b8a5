#pragma once

#include "IndexEndpoint.h"
#include "models/SessionScope.h"
#include "models/WorklistModel.h"
#include "models/WorklistPage.h"
#include "models/WorklistQuery.h"
#include "services/Failure.h"

#include <QFuture>

#include <memory>
#include <optional>

namespace calloutdesk {

class ConnectionPool;

// Loads worklist pages off the UI thread (SPEC U1, E1): from the search index when one is
// configured, on the I/O thread pool; from the database otherwise, on the desk's reading
// lane, which is the person's offline cache while the desk is offline (O2). The UI thread
// never waits on the database or the network.
class WorklistLoader
{
public:
    WorklistLoader(std::shared_ptr<ConnectionPool> database,
                   std::optional<IndexEndpoint> index = std::nullopt);

    QFuture<Result<WorklistPage>> load(const SessionScope &scope, const WorklistQuery &query) const;

    // What a WorklistModel calls for its pages, for one signed-in session.
    WorklistModel::Loader forModel(const SessionScope &scope) const;
    // What it calls to read changed orders again (SPEC T1): on the reading lane, from the
    // database (the cache while offline) even where an index serves the pages, since the
    // index learns of a change after the desk is told of it.
    WorklistModel::OrdersLoader forModelOrders(const SessionScope &scope) const;

    // A page from the search index, in the calling thread.
    static Result<WorklistPage> loadFromIndex(const IndexEndpoint &index, const SessionScope &scope,
                                              const WorklistQuery &query);

private:
    std::shared_ptr<ConnectionPool> m_database;
    std::optional<IndexEndpoint> m_index;
};

} // namespace calloutdesk
