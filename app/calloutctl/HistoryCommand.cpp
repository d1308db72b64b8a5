#include "HistoryCommand.h"

#include "CommandOutput.h"
#include "JsonOutput.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutHistoryReader.h"

namespace calloutdesk {

HistoryCommand::HistoryCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int HistoryCommand::run(const SessionScope &scope, const QList<qint64> &reportIds)
{
    return m_output.show(
        CalloutHistoryReader(m_db).read(scope, reportIds), JsonOutput::history,
        [this](const QList<HistoryEntry> &entries) {
            for (const HistoryEntry &entry : entries) {
                m_output.out() << DeskTime::shown(entry.activityDate) << "  "
                               << CommandOutput::oneLine(entry.activityText);
                // SPEC O3: recorded offline, made earlier than received.
                if (entry.madeAt.isValid())
                    m_output.out()
                        << "  " << tr("(made offline at %1)").arg(DeskTime::shown(entry.madeAt));
                m_output.out() << Qt::endl;
            }
        });
}

} // namespace calloutdesk
