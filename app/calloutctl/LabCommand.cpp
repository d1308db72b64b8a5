#include "LabCommand.h"

#include "CommandOutput.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

LabCommand::LabCommand(DatabaseConnection &connection, CommandOutput &output)
    : m_db(connection)
    , m_output(output)
{ }

Result<qint64> LabCommand::labId(const Arguments &arguments)
{
    bool ok = false;
    const qint64 id = arguments.lab.toLongLong(&ok);
    if (!ok || id <= 0)
        return Failure::invalidInput(tr("Name the lab with --lab ID (a whole number)."));
    return id;
}

Status LabCommand::check(const Arguments &arguments)
{
    if (arguments.action != u"show" && arguments.action != u"set")
        return Failure::invalidInput(
            tr("Unknown lab command \"%1\"; expected lab show or lab set NAME=VALUE.")
                .arg(arguments.action));
    if (const auto lab = labId(arguments); !lab)
        return lab.failure();
    if (arguments.action == u"show")
        return arguments.assignments.isEmpty()
            ? Status(Done{})
            : Failure::invalidInput(tr("lab show takes no NAME=VALUE."));
    if (arguments.assignments.size() != 1)
        return Failure::invalidInput(tr("lab set takes one NAME=VALUE."));
    if (const auto setting = LabSettings::parse(arguments.assignments.first()); !setting)
        return setting.failure();
    return Done{};
}

int LabCommand::run(const Arguments &arguments)
{
    const qint64 lab = labId(arguments).value();
    LabSettings settings(m_db);
    if (arguments.action == u"set") {
        const Status written
            = settings.write(lab, LabSettings::parse(arguments.assignments.first()).value());
        if (!written)
            return m_output.fail(written.failure());
    }
    return m_output.show(
        settings.read(lab),
        [lab](const QList<LabSettings::Setting> &all) {
            QJsonObject object{{u"lab_id"_s, lab}};
            for (const LabSettings::Setting &setting : all) {
                bool number = false;
                const int value = setting.value.toInt(&number);
                object.insert(setting.name,
                              number ? QJsonValue(value) : QJsonValue(setting.value == u"on"));
            }
            return object;
        },
        [this](const QList<LabSettings::Setting> &all) {
            for (const LabSettings::Setting &setting : all)
                m_output.out() << setting.name << u" = "_s << setting.value << Qt::endl;
        });
}

} // namespace calloutdesk
