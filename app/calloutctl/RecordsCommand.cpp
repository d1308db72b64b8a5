#include "RecordsCommand.h"

#include "CommandOutput.h"
#include "JsonOutput.h"
#include "services/callout/CriticalRecordsReader.h"

namespace calloutdesk {

RecordsCommand::RecordsCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int RecordsCommand::run(const SessionScope &scope, qint64 billId)
{
    return m_output.show(CriticalRecordsReader(m_db).read(scope, billId), JsonOutput::records,
                         [this](const BillRecords &records) { printText(records); });
}

void RecordsCommand::printText(const BillRecords &records)
{
    const auto line = CommandOutput::oneLine;
    QTextStream &out = m_output.out();
    out << tr("Order %1, patient %2: %3 critical report(s).")
               .arg(line(records.bill.labBillId), line(records.bill.patient.name))
               .arg(records.reports.size())
        << Qt::endl;
    for (const CriticalReport &report : records.reports) {
        out << "  " << report.reportId << "  " << line(report.testName) << "  ["
            << CriticalStatusInfo::label(report.status) << "]" << Qt::endl;
        for (const CriticalParameter &parameter : report.criticalParameters) {
            out << "      " << line(parameter.parameterName) << " = " << line(parameter.value)
                << ' ' << line(parameter.unit) << "  (reference " << line(parameter.referenceRange)
                << ")" << Qt::endl;
        }
    }
    if (records.draft)
        out << tr("Saved attempt: %1").arg(line(records.draft->comment)) << Qt::endl;
}

} // namespace calloutdesk
