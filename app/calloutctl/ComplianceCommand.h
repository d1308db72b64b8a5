#pragma once

#include "models/ComplianceReport.h"
#include "services/Failure.h"
#include "services/export/ComplianceExporter.h"

#include <QCoreApplication>

#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// `calloutctl report compliance`: the compliance report (SPEC T5) of a period to a file,
// the figures the Compliance window shows, as the signed-in person may see them.
class ComplianceCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    // The texts typed after the command's options; nullopt when an option is not given.
    struct Arguments
    {
        std::optional<QString> from;
        std::optional<QString> to;
        std::optional<QString> department;
        std::optional<QString> format;
        QString path;
    };

    struct Job
    {
        ComplianceQuery query;
        ComplianceExporter::Format format = ComplianceExporter::Format::Csv;
        QString path;
    };

    ComplianceCommand(DatabaseConnection &db, CommandOutput &output);

    // Checks everything typed, before the database is touched.
    static Result<Job> job(const Arguments &arguments);

    int run(const SessionScope &scope, const Job &job);

private:
    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
