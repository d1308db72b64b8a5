#pragma once

#include "services/Failure.h"
#include "services/db/DatabaseUrl.h"

#include <QString>

namespace calloutdesk {

// Where one person's offline cache of one server lives (SPEC O1): a file per server and
// login under the user's data folder, in folders only the operating-system user may
// enter, the file readable and writable by that user alone. Two persons at one desk get
// two files.
class OfflineCacheLocation
{
public:
    OfflineCacheLocation(const DatabaseUrl &server, const QString &login);

    // The folder of every cache of this operating-system user (what "clear the offline
    // cache" removes), in QStandardPaths::AppLocalDataLocation.
    static QString rootFolder();

    // "host:port/database", how the cache names its server.
    QString serverName() const { return m_serverName; }
    QString login() const { return m_login; }
    QString filePath() const;
    DatabaseUrl url() const;

    // Creates the folders (mode 0700) and an empty file (mode 0600) when missing, and
    // makes an existing one private again; fails naming the path when it cannot.
    Status prepare() const;

private:
    QString m_serverName;
    QString m_login;
};

} // namespace calloutdesk
