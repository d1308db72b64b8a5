#include "SettingsSecret.h"

#include "UrlPassword.h"

#include <QCoreApplication>
#include <QSettings>

namespace calloutdesk {

namespace {

Failure refusal(const QSettings &settings, const QString &key, const char *what,
                const QString &whereInstead)
{
    return Failure::invalidInput(
        QCoreApplication::translate("SettingsSecret",
                                    "The setting %1 in %2 holds %3, which a settings file must "
                                    "not: remove it and put it in %4 instead.")
            .arg(key, settings.fileName(), QCoreApplication::translate("SettingsSecret", what),
                 whereInstead));
}

} // namespace

Result<QString> SettingsSecret::url(const QSettings &settings, const QString &key,
                                    const QString &whereInstead)
{
    const QString value = settings.value(key).toString().trimmed();
    if (UrlPassword::isPresent(value))
        return refusal(settings, key, QT_TRANSLATE_NOOP("SettingsSecret", "a password"),
                       whereInstead);
    return value;
}

Status SettingsSecret::absent(const QSettings &settings, const QString &key,
                              const QString &whereInstead)
{
    if (!settings.value(key).toString().trimmed().isEmpty())
        return refusal(settings, key, QT_TRANSLATE_NOOP("SettingsSecret", "a secret"),
                       whereInstead);
    return Done{};
}

} // namespace calloutdesk
