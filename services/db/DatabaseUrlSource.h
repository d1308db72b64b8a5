#pragma once

#include <QString>

#include <optional>

class QSettings;

namespace calloutdesk {

// Where the database URL comes from, in order: the command line (--db), the
// environment variable CALLOUTDESK_DB, then QSettings key "database/url".
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

    // nullopt when none of the three names a database.
    static std::optional<Choice> choose(const QString &commandLineValue, const QSettings &settings);

    // The embedded demo's SQLite file in the user's data directory.
    static QString demoDatabasePath();
    static Choice embeddedDemo();

    static QString describe(Origin origin);
};

} // namespace calloutdesk
