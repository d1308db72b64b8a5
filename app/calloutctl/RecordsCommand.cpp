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
    QTextStream &out = m_output.out();
    out << tr("Order %1, patient %2: %3 critical report(s).")
               .arg(records.bill.labBillId, records.bill.patient.name)
               .arg(records.reports.size())
        << Qt::endl;
    for (const CriticalReport &report : records.reports) {
        out << "  " << report.reportId << "  " << report.testName << "  ["
            << CriticalStatusInfo::label(report.status) << "]" << Qt::endl;
        for (const CriticalParameter &parameter : report.criticalParameters) {
            out << "      " << parameter.parameterName << " = " << parameter.value << ' '
                << parameter.unit << "  (reference " << parameter.referenceRange << ")" << Qt::endl;
        }
    }
    if (records.draft)
        out << tr("Saved attempt: %1").arg(records.draft->comment) << Qt::endl;
}

} // namespace calloutdesk
