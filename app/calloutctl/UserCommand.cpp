#include "UserCommand.h"

#include "CommandOutput.h"
#include "PasswordInput.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

UserCommand::UserCommand(DatabaseConnection &administrator, CommandOutput &output)
    : m_db(administrator)
    , m_output(output)
{ }

Result<DeskLogins::Person> UserCommand::person(const Arguments &arguments)
{
    if (arguments.labUser.has_value() == arguments.doctor.has_value()) {
        return Failure::invalidInput(
            tr("Name the person with exactly one of --labuser ID and --doctor ID."));
    }
    bool ok = false;
    const QString typed = arguments.labUser ? *arguments.labUser : *arguments.doctor;
    const qint64 id = typed.toLongLong(&ok);
    if (!ok || id <= 0)
        return Failure::invalidInput(tr("\"%1\" is not a person's id (a whole number).").arg(typed));
    return DeskLogins::Person{arguments.labUser ? DeskLogins::Person::Kind::LabUser
                                                : DeskLogins::Person::Kind::Doctor,
                              id};
}

Status UserCommand::check(const Arguments &arguments)
{
    static const QStringList actions{u"add"_s, u"link"_s, u"disable"_s, u"list"_s};
    if (!actions.contains(arguments.action)) {
        return Failure::invalidInput(
            tr("Unknown user command \"%1\"; expected user add, user link, user disable or "
               "user list.")
                .arg(arguments.action));
    }
    if (arguments.action == u"list")
        return Done{};
    if (arguments.login.isEmpty())
        return Failure::invalidInput(tr("Name the login with --login NAME."));
    if (const Status named = DeskLogins::checkLoginName(arguments.login); !named)
        return named;
    if (arguments.action == u"disable")
        return Done{};
    if (const auto named = person(arguments); !named)
        return named.failure();
    return Done{};
}

int UserCommand::run(const Arguments &arguments)
{
    DeskLogins logins(m_db);
    if (arguments.action == u"list") {
        return m_output.show(
            logins.list(),
            [](const QList<DeskLogins::Entry> &entries) {
                QJsonArray array;
                for (const DeskLogins::Entry &entry : entries) {
                    const bool doctor = entry.person.kind == DeskLogins::Person::Kind::Doctor;
                    array.append(QJsonObject{{u"login"_s, entry.login},
                                             {u"lab_id"_s, entry.labId},
                                             {doctor ? u"doctor_id"_s : u"lab_user_id"_s,
                                              entry.person.id},
                                             {u"name"_s, entry.personName},
                                             {u"disabled"_s, entry.disabled},
                                             {u"can_log_in"_s, entry.canLogIn}});
                }
                return array;
            },
            [this](const QList<DeskLogins::Entry> &entries) {
                for (const DeskLogins::Entry &entry : entries) {
                    const bool doctor = entry.person.kind == DeskLogins::Person::Kind::Doctor;
                    m_output.out()
                        << CommandOutput::oneLine(
                               tr("%1  lab %2  %3 %4 %5%6")
                                   .arg(entry.login)
                                   .arg(entry.labId)
                                   .arg(doctor ? tr("doctor") : tr("lab user"))
                                   .arg(entry.person.id)
                                   .arg(entry.personName,
                                        entry.disabled ? tr("  (disabled)")
                                        : entry.canLogIn ? QString()
                                                         : tr("  (cannot log in)")))
                        << Qt::endl;
                }
            });
    }
    if (arguments.action == u"disable") {
        const auto disabled = logins.disable(arguments.login);
        if (!disabled)
            return m_output.fail(disabled.failure());
        m_output.out() << tr("The login %1 is disabled; %n open session(s) ended.", nullptr,
                             disabled.value().sessionsEnded)
                              .arg(arguments.login)
                       << Qt::endl;
        if (!disabled.value().sessionsLeftBecause.isEmpty()) {
            m_output.out() << tr("Open sessions could not be ended (%1); they see and change "
                                 "nothing from now on.")
                                  .arg(disabled.value().sessionsLeftBecause)
                           << Qt::endl;
        }
        return 0;
    }
    const auto who = person(arguments);
    if (!who)
        return m_output.fail(who.failure());
    if (arguments.action == u"link") {
        if (const Status linked = logins.link(arguments.login, who.value()); !linked)
            return m_output.fail(linked.failure());
        m_output.out() << tr("The login %1 is linked.").arg(arguments.login) << Qt::endl;
        return 0;
    }
    const QString password = PasswordInput::read(tr("Password for %1: ").arg(arguments.login));
    if (password.isEmpty())
        return m_output.fail(Failure::invalidInput(tr("No password on standard input.")));
    if (const Status added = logins.add(arguments.login, who.value(), password); !added)
        return m_output.fail(added.failure());
    m_output.out() << tr("The login %1 can sign in.").arg(arguments.login) << Qt::endl;
    return 0;
}

} // namespace calloutdesk
