#pragma once

#include "OfflineCacheLocation.h"
#include "services/Failure.h"

#include <memory>

namespace calloutdesk {

class DatabaseConnection;

// Opens one person's offline cache (SPEC O1): an SQLite file with the SQLite engine's
// schema, so the same readers serve it, and the cache's own schema beside it
// (Migration::Set::offlineCache). A new file is made for its server and login; an
// existing one is opened only for the server and login it was made for.
class OfflineCache
{
public:
    static Result<std::unique_ptr<DatabaseConnection>> open(const OfflineCacheLocation &location);
    // The cache to read from while the server is out of reach (SPEC O2): only one that was
    // filled whole; none yet (or one whose first fill has not ended) is a failure that says so.
    static Result<std::unique_ptr<DatabaseConnection>>
    openFilled(const OfflineCacheLocation &location);
};

} // namespace calloutdesk
