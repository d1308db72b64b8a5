#include "AuditCommand.h"

#include "CommandOutput.h"
#include "JsonOutput.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutAuditReader.h"

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
                   << "  " << CommandOutput::oneLine(row.comment) << Qt::endl;
}

} // namespace calloutdesk
