#pragma once

#include "services/access/LabSettings.h"

#include <QCoreApplication>
#include <QStringList>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl lab show --lab ID` and `calloutctl lab set --lab ID NAME=VALUE`: the
// settings a lab keeps in its own row (gate_requires_done, idle_lock_minutes,
// outbox_retention_days, offline_window_days, callout_target_minutes,
// callout_warning_minutes). On PostgreSQL changing one takes the
// administrator's login.
class LabCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    struct Arguments
    {
        QString action;
        QString lab;
        QStringList assignments;
    };

    // Checks everything typed before the database is touched.
    static Status check(const Arguments &arguments);

    LabCommand(DatabaseConnection &connection, CommandOutput &output);

    int run(const Arguments &arguments);

private:
    static Result<qint64> labId(const Arguments &arguments);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
