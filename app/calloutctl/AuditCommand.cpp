#include "AuditCommand.h"

#include "CommandOutput.h"
#include "JsonOutput.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/export/ExportColumns.h"

namespace calloutdesk {

AuditCommand::AuditCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int AuditCommand::run(const SessionScope &scope, const QList<qint64> &reportIds)
{
    return m_output.show(CalloutAuditReader(m_db).read(scope, reportIds), JsonOutput::audit,
                         [this](const QList<AuditRow> &rows) {
                             for (const AuditRow &row : rows)
                                 printRow(row);
                         });
}

void AuditCommand::printRow(const AuditRow &row)
{
    m_output.out() << DeskTime::shown(row.createdOn) << "  report " << row.labReportId << "  "
                   << (row.isDraft ? tr("attempt") : tr("done")) << "  "
                   << CommandOutput::oneLine(row.performedByDoctorName.isEmpty()
                                                 ? row.performedByUserName
                                                 : row.performedByDoctorName)
                   << "  " << CommandOutput::oneLine(row.comment);
    // SPEC U9, U10: how an attempt went, and whom the calls reached and when.
    if (const QString attempt = ExportColumns::attempt(row); !attempt.isEmpty())
        m_output.out() << "  " << CommandOutput::oneLine(attempt);
    if (row.madeAt.isValid())
        m_output.out() << "  " << tr("made offline at %1").arg(DeskTime::shown(row.madeAt));
    for (const PhoneCall &call : ExportColumns::calls(row)) {
        m_output.out() << "  "
                       << CommandOutput::oneLine(
                              tr("spoke with %1 at %2").arg(call.name, call.exportedTime()));
        // SPEC T4: the role and read-back of that call.
        if (const QString readBack = call.readBackText(); !readBack.isEmpty())
            m_output.out() << " (" << CommandOutput::oneLine(readBack) << ")";
    }
    m_output.out() << Qt::endl;
}

} // namespace calloutdesk
