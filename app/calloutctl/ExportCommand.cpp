#include "ExportCommand.h"

#include "CommandOutput.h"
#include "StandardErrorCapture.h"
#include "TerminalMessages.h"
#include "services/db/DatabaseConnection.h"
#include "services/export/WorklistExporter.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ExportCommand::ExportCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

Status ExportCommand::readDay(const QString &option, const std::optional<QString> &typed,
                              QDate &into)
{
    if (!typed)
        return Done{};
    into = QDate::fromString(typed->trimmed(), Qt::ISODate);
    if (into.isValid())
        return Done{};
    return Failure::invalidInput(
        tr("--%1 must be a date written YYYY-MM-DD, not \"%2\".").arg(option, *typed));
}

Status ExportCommand::readDepartment(const std::optional<QString> &typed,
                                     std::optional<qint64> &into)
{
    if (!typed)
        return Done{};
    bool ok = false;
    const qint64 department = typed->trimmed().toLongLong(&ok);
    if (!ok || department <= 0) {
        return Failure::invalidInput(
            tr("--department must be a department id (a whole number), not \"%1\".").arg(*typed));
    }
    into = department;
    return Done{};
}

Result<ExportCommand::Job> ExportCommand::job(const Arguments &arguments)
{
    Job job;
    const auto format = ExportFormatInfo::fromKey(arguments.format.value_or(QString()));
    if (!format) {
        return Failure::invalidInput(
            arguments.format
                ? tr("Unknown format \"%1\"; expected csv or xlsx.").arg(*arguments.format)
                : tr("Say which file format with --format csv or --format xlsx."));
    }
    job.format = *format;
    job.path = arguments.path.trimmed();
    if (job.path.isEmpty())
        return Failure::invalidInput(tr("Name the file to write with --out FILE."));

    WorklistQuery &query = job.query;
    const QString tab = arguments.tab.trimmed().toLower();
    if (tab == u"pending")
        query.tab = CriticalStatus::CalloutPending;
    else if (tab == u"attempted")
        query.tab = CriticalStatus::CalloutAttempted;
    else if (tab == u"done")
        query.tab = CriticalStatus::CalloutDone;
    else
        return Failure::invalidInput(
            tr("Unknown tab \"%1\"; expected pending, attempted or done.").arg(tab));
    if (const Status from = readDay(u"from"_s, arguments.from, query.from); !from)
        return from.failure();
    if (const Status to = readDay(u"to"_s, arguments.to, query.to); !to)
        return to.failure();
    if (const Status department = readDepartment(arguments.department, query.departmentId);
        !department)
        return department.failure();
    query.text = arguments.search.trimmed();
    return job;
}

int ExportCommand::run(const SessionScope &scope, const Job &job,
                       const std::optional<IndexEndpoint> &index)
{
    // The same source as the desk's worklist: the index when one is configured.
    const WorklistExporter exporter(index);
    // The failure, if any, is said once below; libxlsxwriter's own lines only on request.
    StandardErrorCapture libraryOutput;
    const Result<ExportSummary> exported
        = exporter.exportNow(m_db, scope, job.query, job.format, job.path);
    for (const QString &line : libraryOutput.take().split(u'\n', Qt::SkipEmptyParts))
        qCDebug(lcLibraries).noquote() << line;
    return m_output.show(
        exported,
        [](const ExportSummary &summary) {
            return QJsonObject{{u"path"_s, summary.path},
                               {u"format"_s, ExportFormatInfo::key(summary.format)},
                               {u"rows"_s, summary.rows},
                               {u"milliseconds"_s, summary.milliseconds}};
        },
        [&](const ExportSummary &summary) {
            m_output.out() << tr("Exported %1 row(s) of the %2 tab to %3.")
                                  .arg(summary.rows)
                                  .arg(CriticalStatusInfo::label(job.query.tab), summary.path)
                           << Qt::endl;
        });
}

} // namespace calloutdesk
