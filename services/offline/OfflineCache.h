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
};

} // namespace calloutdesk
