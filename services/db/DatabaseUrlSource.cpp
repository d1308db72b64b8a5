#include "DatabaseUrlSource.h"

#include "DatabaseUrl.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

std::optional<DatabaseUrlSource::Choice> DatabaseUrlSource::choose(const QString &commandLineValue,
                                                                   const QSettings &settings)
{
    if (!commandLineValue.trimmed().isEmpty())
        return Choice{commandLineValue.trimmed(), Origin::CommandLine};
    const QString environment = qEnvironmentVariable(environmentVariable).trimmed();
    if (!environment.isEmpty())
        return Choice{environment, Origin::Environment};
    const QString stored = settings.value(QLatin1StringView(settingsKey)).toString().trimmed();
    if (!stored.isEmpty())
        return Choice{stored, Origin::Settings};
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
