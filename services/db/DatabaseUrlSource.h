#pragma once

#include "services/Failure.h"

#include <QString>

#include <optional>

class QSettings;

namespace calloutdesk {

// Where the database URL comes from, in order: the command line (--db), the
// environment variable CALLOUTDESK_DB, then QSettings key "database/url". The settings
// key may name a user but never a password (SPEC A6): that goes into ~/.pgpass or
// PGPASSWORD, which libpq reads when the URL gives none.
class DatabaseUrlSource
{
public:
    enum class Origin
    {
        CommandLine,
        Environment,
        Settings,
        EmbeddedDemo
    };

    struct Choice
    {
        QString url;
        Origin origin;
    };

    static constexpr const char *environmentVariable = "CALLOUTDESK_DB";
    static constexpr const char *settingsKey = "database/url";

    // nullopt when none of the three names a database; a failure when the settings key
    // holds a password.
    static std::optional<Result<Choice>> choose(const QString &commandLineValue,
                                                const QSettings &settings);

    // The embedded demo's SQLite file in the user's data directory.
    static QString demoDatabasePath();
    static Choice embeddedDemo();

    static QString describe(Origin origin);
};

} // namespace calloutdesk
