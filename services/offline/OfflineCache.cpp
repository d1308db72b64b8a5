#include "OfflineCache.h"

#include "CacheSyncState.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/Migration.h"
#include "services/db/MigrationRunner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OfflineCache", text);
}

// The file's owner, recorded when it is new; refused when it names someone else.
Status claimOwner(DatabaseConnection &cache, const OfflineCacheLocation &location)
{
    auto owner = cache.run(tr("Reading the offline cache's owner"),
                           u"SELECT server, login FROM cache_owner WHERE id = 1"_s);
    if (!owner)
        return owner.failure();
    if (owner.value().next()) {
        const QString server = owner.value().value(0).toString();
        const QString login = owner.value().value(1).toString();
        if (server != location.serverName() || login != location.login()) {
            return Failure::conflict(tr("The offline cache %1 belongs to %2 on %3, not to %4 on "
                                        "%5; it is not opened.")
                                         .arg(location.filePath(), login, server, location.login(),
                                              location.serverName()));
        }
        return Done{};
    }
    auto claimed = cache.run(
        tr("Recording the offline cache's owner"),
        u"INSERT INTO cache_owner (id, server, login, created_on) VALUES (1, ?, ?, ?)"_s,
        {location.serverName(), location.login(),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    if (!claimed)
        return claimed.failure();
    return Done{};
}

} // namespace

Result<std::unique_ptr<DatabaseConnection>> OfflineCache::open(const OfflineCacheLocation &location)
{
    if (const Status prepared = location.prepare(); !prepared)
        return prepared.failure();
    auto cache = DatabaseConnection::open(location.url(), u"offline-cache"_s);
    if (!cache)
        return cache.failure();
    DatabaseConnection &connection = *cache.value();
    if (const auto engine = MigrationRunner(connection).migrate(); !engine)
        return engine.failure();
    if (const auto own = MigrationRunner(connection, Migration::Set::offlineCache()).migrate();
        !own) {
        return own.failure();
    }
    if (const Status owner = claimOwner(connection, location); !owner)
        return owner.failure();
    return cache;
}

Result<std::unique_ptr<DatabaseConnection>>
OfflineCache::openFilled(const OfflineCacheLocation &location)
{
    const Failure none = Failure::unavailable(
        tr("The server cannot be reached and this desk has no offline copy of %1's data yet: "
           "the copy is made while the desk is online.")
            .arg(location.login()));
    // Not made here: an empty file would be no copy either.
    if (!QFileInfo::exists(location.filePath()))
        return none;
    auto cache = open(location);
    if (!cache)
        return cache.failure();
    const auto state = CacheSyncState::read(*cache.value());
    if (!state)
        return state.failure();
    if (!state.value())
        return none;
    return cache;
}

} // namespace calloutdesk
