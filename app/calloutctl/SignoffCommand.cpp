#include "SignoffCommand.h"

#include "CommandOutput.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

SignoffCommand::SignoffCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int SignoffCommand::run(const SessionScope &scope, qint64 reportId, ReportSignoff::Action action)
{
    const bool sign = action == ReportSignoff::Action::Sign;
    return m_output.show(
        ReportSignoff(m_db).perform(scope, reportId, action),
        [&](const Done &) {
            return QJsonObject{{u"lab_report_id"_s, reportId},
                               {sign ? u"signed"_s : u"approved"_s, true}};
        },
        [&](const Done &) {
            m_output.out()
                << (sign ? tr("Report %1 is signed.") : tr("Report %1 is approved.")).arg(reportId)
                << Qt::endl;
        });
}

} // namespace calloutdesk
