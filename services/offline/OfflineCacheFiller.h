#pragma once

#include "services/Failure.h"

#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The first fill of a person's offline cache (SPEC O1): with a server connection signed
// in as the person (row security on) and the cache from OfflineCache::open, copies what
// the person may see of the lab's window, in one read snapshot and one cache transaction,
// and records the change feed's watermark for the refreshes after it. A fill replaces
// whatever orders the cache held.
class OfflineCacheFiller
{
public:
    struct Summary
    {
        qsizetype orders = 0;
        QString dataAsOf;
    };

    OfflineCacheFiller(DatabaseConnection &server, DatabaseConnection &cache);

    Result<Summary> fill();

private:
    DatabaseConnection &m_server;
    DatabaseConnection &m_cache;
};

} // namespace calloutdesk
