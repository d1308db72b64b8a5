#pragma once

#include "services/Failure.h"
#include "services/db/DemoDataGenerator.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl migrate` creates or upgrades the schema; `calloutctl demo` does that, then
// fills an empty database with the deterministic sample lab.
class SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    // The texts typed after --seed, --orders and --anchor (empty when not given).
    struct DemoArguments
    {
        QString seed;
        QString orders;
        QString anchor;
    };

    // Documented in the README, for demo databases only.
    static constexpr QLatin1StringView demoPassword{"calloutdesk-demo"};

    explicit SchemaCommand(CommandOutput &output);

    static Result<DemoDataGenerator::Options> demoOptions(const DemoArguments &arguments);

    int migrate(DatabaseConnection &db);
    int demo(DatabaseConnection &db, const DemoDataGenerator::Options &options);

private:
    CommandOutput &m_output;
};

} // namespace calloutdesk
