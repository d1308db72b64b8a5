#pragma once

#include "services/Failure.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl simulate --rate N [--per second|minute|hour] [--for DURATION] [--lab ID]`:
// writes new results as the laboratory system would (SPEC T6, ResultSimulator), paced at
// the rate, for the duration or until Ctrl-C / SIGTERM, after which it ends cleanly with
// its summary. A laboratory system is not a desk person: on PostgreSQL it runs with the
// administrator's login, as demo does.
class SimulateCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    struct Arguments
    {
        std::optional<QString> rate;
        QString per;
        std::optional<QString> duration;
        std::optional<QString> lab;
    };
    struct Plan
    {
        double perSecond = 0;
        std::optional<qint64> milliseconds; // none: until stopped
        std::optional<qint64> labId;        // none: the lowest lab id
    };

    static constexpr int maxRatePerSecond = 1000;

    // Checks everything typed before the database is touched.
    static Result<Plan> plan(const Arguments &arguments);
    // "90s", "10m", "1h", "2h30m" or a number of seconds → milliseconds.
    static std::optional<qint64> parseDuration(const QString &text);

    SimulateCommand(DatabaseConnection &connection, CommandOutput &output);

    int run(const Plan &plan);

private:
    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
