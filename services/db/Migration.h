#pragma once

#include "DatabaseUrl.h"

#include <QList>
#include <QString>

namespace calloutdesk {

// One numbered schema step, read from resources/migrations/<set>/NNNN_name.sql.
struct Migration
{
    // A schema of its own: where its steps live, and the table that records which were
    // applied. An engine's schema is one; the offline cache (SPEC O1) keeps a second one,
    // its journal and watermarks, in the same SQLite file beside the engine's.
    struct Set
    {
        QString folder;
        QString versionTable;

        static Set of(DatabaseUrl::Engine engine);
        static Set offlineCache();
    };

    int version = 0;
    QString name;
    QString script;

    // The migrations the program carries for a set, ordered by version.
    static QList<Migration> bundled(const Set &set);
    static QList<Migration> bundled(DatabaseUrl::Engine engine);
    static int latestVersion(const Set &set);
    static int latestVersion(DatabaseUrl::Engine engine);
};

} // namespace calloutdesk
