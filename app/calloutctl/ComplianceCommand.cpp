#include "ComplianceCommand.h"

#include "CommandOutput.h"
#include "ExportCommand.h"
#include "StandardErrorCapture.h"
#include "TerminalMessages.h"
#include "services/report/ComplianceReader.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

struct Written
{
    ComplianceReport report;
    QStringList paths;
};

} // namespace

ComplianceCommand::ComplianceCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

Result<ComplianceCommand::Job> ComplianceCommand::job(const Arguments &arguments)
{
    Job job;
    if (!arguments.from || !arguments.to)
        return Failure::invalidInput(
            tr("Give the period with --from YYYY-MM-DD and --to YYYY-MM-DD."));
    if (const Status from = ExportCommand::readDay(u"from"_s, arguments.from, job.query.from);
        !from)
        return from.failure();
    if (const Status to = ExportCommand::readDay(u"to"_s, arguments.to, job.query.to); !to)
        return to.failure();
    if (const Status checked = ComplianceReader::check(job.query); !checked)
        return checked.failure();
    if (const Status department
        = ExportCommand::readDepartment(arguments.department, job.query.departmentId);
        !department)
        return department.failure();
    const QString keys = ComplianceExporter::formatKeys().join(u", "_s);
    const auto format = ComplianceExporter::formatFromKey(arguments.format.value_or(QString()));
    if (!format) {
        return Failure::invalidInput(
            arguments.format
                ? tr("Unknown format \"%1\"; expected %2.").arg(*arguments.format, keys)
                : tr("Say which file format with --format (%1).").arg(keys));
    }
    job.format = *format;
    job.path = arguments.path.trimmed();
    if (job.path.isEmpty())
        return Failure::invalidInput(tr("Name the file to write with --out FILE."));
    return job;
}

int ComplianceCommand::run(const SessionScope &scope, const Job &job)
{
    Result<Written> written = [&]() -> Result<Written> {
        auto report = ComplianceReader(m_db).read(scope, job.query);
        if (!report)
            return report.failure();
        // The failure, if any, is said once; libxlsxwriter's own lines only on request.
        StandardErrorCapture libraryOutput;
        const Status saved = ComplianceExporter().write(report.value(), job.format, job.path);
        for (const QString &line : libraryOutput.take().split(u'\n', Qt::SkipEmptyParts))
            qCDebug(lcLibraries).noquote() << line;
        if (!saved)
            return saved.failure();
        return Written{report.value(), ComplianceExporter::paths(job.format, job.path)};
    }();
    return m_output.show(
        written,
        [&](const Written &done) {
            return QJsonObject{{u"paths"_s, QJsonArray::fromStringList(done.paths)},
                               {u"format"_s, ComplianceExporter::formatKey(job.format)},
                               {u"departments"_s, done.report.departments.size()},
                               {u"critical_reports"_s, done.report.labTotal.criticalReports},
                               {u"breaches"_s, done.report.breaches.size()}};
        },
        [&](const Written &done) {
            m_output.out()
                << tr("Wrote the compliance report from %1 to %2 (%3 critical report(s), "
                      "%4 breach(es)) to %5.")
                       .arg(job.query.from.toString(Qt::ISODate),
                            job.query.to.toString(Qt::ISODate))
                       .arg(done.report.labTotal.criticalReports)
                       .arg(done.report.breaches.size())
                       .arg(done.paths.join(u" and "_s))
                << Qt::endl;
        });
}

} // namespace calloutdesk
