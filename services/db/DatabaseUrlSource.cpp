#include "DatabaseUrlSource.h"

#include "DatabaseUrl.h"
#include "SettingsSecret.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

std::optional<Result<DatabaseUrlSource::Choice>>
DatabaseUrlSource::choose(const QString &commandLineValue, const QSettings &settings)
{
    if (!commandLineValue.trimmed().isEmpty())
        return Choice{commandLineValue.trimmed(), Origin::CommandLine};
    const QString environment = qEnvironmentVariable(environmentVariable).trimmed();
    if (!environment.isEmpty())
        return Choice{environment, Origin::Environment};
    const Result<QString> stored = SettingsSecret::url(
        settings, QLatin1StringView(settingsKey),
        QCoreApplication::translate("DatabaseUrlSource",
                                    "~/.pgpass or the environment variable PGPASSWORD"));
    if (!stored)
        return stored.failure();
    if (!stored.value().isEmpty())
        return Choice{stored.value(), Origin::Settings};
    return std::nullopt;
}

QString DatabaseUrlSource::demoDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + u"/calloutdesk-demo.db"_s;
}

DatabaseUrlSource::Choice DatabaseUrlSource::embeddedDemo()
{
    return {DatabaseUrl::sqliteFile(demoDatabasePath()).displayString(), Origin::EmbeddedDemo};
}

QString DatabaseUrlSource::describe(Origin origin)
{
    switch (origin) {
    case Origin::CommandLine:
        return QCoreApplication::translate("DatabaseUrlSource", "the --db option");
    case Origin::Environment:
        return QCoreApplication::translate("DatabaseUrlSource", "the environment variable %1")
            .arg(QLatin1StringView(environmentVariable));
    case Origin::Settings:
        return QCoreApplication::translate("DatabaseUrlSource", "the settings key %1")
            .arg(QLatin1StringView(settingsKey));
    case Origin::EmbeddedDemo:
        return QCoreApplication::translate("DatabaseUrlSource", "the embedded demo");
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace calloutdesk
