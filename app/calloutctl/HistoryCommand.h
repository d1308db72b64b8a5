#pragma once

#include <QCoreApplication>
#include <QList>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// `calloutctl history --reports IDS`: the callout history of reports (SPEC R4), oldest
// first.
class HistoryCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    HistoryCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const SessionScope &scope, const QList<qint64> &reportIds);

private:
    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
