#include "LabSettings.h"

#include "services/db/DatabaseConnection.h"

#include <QSqlQuery>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// Each setting is the lab column of its name. A switch has no range.
struct Definition
{
    const char *name;
    bool isSwitch;
    int minimum;
    int maximum;
};

constexpr std::array definitions{
    Definition{"gate_requires_done", true, 0, 1},
    Definition{"idle_lock_minutes", false, 1, 480},
    Definition{"outbox_retention_days", false, 1, 3650},
    Definition{"offline_window_days", false, 1, 3650},
    Definition{"callout_target_minutes", false, 1, 1440},
    Definition{"callout_warning_minutes", false, 1, 1440},
};

const Definition *definition(const QString &name)
{
    for (const Definition &known : definitions)
        if (QLatin1String(known.name) == name)
            return &known;
    return nullptr;
}

QString knownNames()
{
    QStringList names;
    for (const Definition &known : definitions)
        names << QString::fromLatin1(known.name);
    return names.join(u", "_s);
}

} // namespace

LabSettings::LabSettings(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<LabSettings::Setting>> LabSettings::read(qint64 labId)
{
    QStringList columns;
    for (const Definition &known : definitions)
        columns << QString::fromLatin1(known.name);
    auto query = m_connection.run(tr("Reading the lab's settings"),
                                  u"SELECT %1 FROM lab WHERE id = ?"_s.arg(columns.join(u", "_s)),
                                  {labId});
    if (!query)
        return query.failure();
    if (!query.value().next())
        return Failure::invalidInput(tr("There is no lab with id %1.").arg(labId));
    QList<Setting> settings;
    for (int i = 0; i < int(definitions.size()); ++i) {
        const QVariant value = query.value().value(i);
        settings.append({QString::fromLatin1(definitions[size_t(i)].name),
                         definitions[size_t(i)].isSwitch ? (value.toBool() ? u"on"_s : u"off"_s)
                                                         : value.toString()});
    }
    return settings;
}

Result<LabSettings::Setting> LabSettings::parse(const QString &assignment)
{
    const QString name = assignment.section(u'=', 0, 0).trimmed();
    const QString value = assignment.section(u'=', 1).trimmed();
    const Definition *known = definition(name);
    if (!assignment.contains(u'=') || !known)
        return Failure::invalidInput(
            tr("Say which setting as NAME=VALUE, NAME one of %1.").arg(knownNames()));
    if (known->isSwitch) {
        if (value != u"on" && value != u"off")
            return Failure::invalidInput(tr("%1 is on or off, not \"%2\".").arg(name, value));
        return Setting{name, value};
    }
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < known->minimum || number > known->maximum)
        return Failure::invalidInput(tr("%1 is a whole number from %2 to %3, not \"%4\".")
                                         .arg(name)
                                         .arg(known->minimum)
                                         .arg(known->maximum)
                                         .arg(value));
    return Setting{name, QString::number(number)};
}

Status LabSettings::write(qint64 labId, const Setting &setting)
{
    const Definition *known = definition(setting.name);
    if (!known)
        return parse(setting.name).failure();
    if (const Status clock = checkClock(labId, setting); !clock)
        return clock;
    const QVariant value
        = known->isSwitch ? QVariant(setting.value == u"on") : QVariant(setting.value.toInt());
    auto updated = m_connection.run(
        tr("Changing the lab's setting %1").arg(setting.name),
        u"UPDATE lab SET %1 = ? WHERE id = ?"_s.arg(QLatin1String(known->name)), {value, labId});
    if (!updated)
        return updated.failure();
    if (updated.value().numRowsAffected() != 1)
        return Failure::invalidInput(tr("There is no lab with id %1.").arg(labId));
    return Done{};
}

Status LabSettings::checkClock(qint64 labId, const Setting &setting)
{
    const bool target = setting.name == u"callout_target_minutes";
    if (!target && setting.name != u"callout_warning_minutes")
        return Done{};
    auto clock = m_connection.run(
        tr("Reading the lab's callout clock"),
        u"SELECT callout_target_minutes, callout_warning_minutes FROM lab WHERE id = ?"_s, {labId});
    if (!clock)
        return clock.failure();
    if (!clock.value().next())
        return Failure::invalidInput(tr("There is no lab with id %1.").arg(labId));
    const int targetMinutes = target ? setting.value.toInt() : clock.value().value(0).toInt();
    const int warningMinutes = target ? clock.value().value(1).toInt() : setting.value.toInt();
    if (warningMinutes >= targetMinutes)
        return Failure::invalidInput(
            tr("The warning time (callout_warning_minutes, %1) must be less than the target "
               "(callout_target_minutes, %2): set the other one first.")
                .arg(warningMinutes)
                .arg(targetMinutes));
    return Done{};
}

} // namespace calloutdesk
