#pragma once

#include "services/Failure.h"
#include "services/access/DeskLogins.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl user add | link | disable | list` (SPEC A7), run with the administrator's
// login: a person's own PostgreSQL login and its link to their lab_user or doctor row.
class UserCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    // What was typed after user: the subcommand, --login, --labuser, --doctor.
    struct Arguments
    {
        QString action;
        QString login;
        std::optional<QString> labUser;
        std::optional<QString> doctor;
    };

    // Checks everything typed before the database is touched.
    static Status check(const Arguments &arguments);

    UserCommand(DatabaseConnection &administrator, CommandOutput &output);

    int run(const Arguments &arguments);

private:
    static Result<DeskLogins::Person> person(const Arguments &arguments);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
