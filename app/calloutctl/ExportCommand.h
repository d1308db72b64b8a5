#pragma once

#include "models/WorklistQuery.h"
#include "services/Failure.h"
#include "services/export/ExportFormat.h"
#include "services/search/IndexEndpoint.h"

#include <QCoreApplication>

#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// `calloutctl export`: one worklist tab to a CSV or XLSX file (SPEC U5), read from the
// same source as the desk's worklist.
class ExportCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    // The texts typed after the command's options; nullopt when an option is not given.
    struct Arguments
    {
        std::optional<QString> format;
        QString path;
        QString tab;
        std::optional<QString> from;
        std::optional<QString> to;
        std::optional<QString> department;
        QString search;
    };

    struct Job
    {
        ExportFormat format = ExportFormat::Csv;
        QString path;
        WorklistQuery query;
    };

    ExportCommand(DatabaseConnection &db, CommandOutput &output);

    // Checks everything typed, before the database is touched.
    static Result<Job> job(const Arguments &arguments);
    // A day typed as --option YYYY-MM-DD, left as it is when the option is not given; and a
    // department id typed as --department ID. Also for `report compliance`.
    static Status readDay(const QString &option, const std::optional<QString> &typed, QDate &into);
    static Status readDepartment(const std::optional<QString> &typed, std::optional<qint64> &into);

    int run(const SessionScope &scope, const Job &job, const std::optional<IndexEndpoint> &index);

private:
    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
