#pragma once

#include "DatabaseUrl.h"

#include <QList>
#include <QString>

namespace calloutdesk {

// One numbered schema step, read from resources/migrations/<engine>/NNNN_name.sql.
struct Migration
{
    int version = 0;
    QString name;
    QString script;

    // The migrations the program carries for an engine, ordered by version.
    static QList<Migration> bundled(DatabaseUrl::Engine engine);
    static int latestVersion(DatabaseUrl::Engine engine);
};

} // namespace calloutdesk
