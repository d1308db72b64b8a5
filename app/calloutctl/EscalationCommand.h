#pragma once

#include "models/EscalationContact.h"
#include "services/Failure.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl escalation add|list|remove` (SPEC T3): the lab's escalation contacts per
// department. add --lab ID --department ID --name NAME [--role ROLE] [--phone P]
// [--email E] [--order N]; list --lab ID [--department ID] [--json]; remove --id N.
// On PostgreSQL adding and removing take the administrator's login: desks only read them.
class EscalationCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    struct Arguments
    {
        QString action;
        std::optional<QString> lab;
        std::optional<QString> department;
        QString name;
        QString role;
        QString phone;
        QString email;
        std::optional<QString> order;
        std::optional<QString> id;
    };
    // What to do, checked before the database is touched.
    struct Plan
    {
        QString action;
        EscalationContact contact; // add: the checked contact; list: lab and department
        bool oneDepartment = false;
        qint64 id = 0; // remove
    };

    static Result<Plan> plan(const Arguments &arguments);

    EscalationCommand(DatabaseConnection &connection, CommandOutput &output);

    int run(const Plan &plan);

private:
    void print(const EscalationContact &contact);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
