#pragma once

#include "models/AuditRow.h"

#include <QCoreApplication>
#include <QList>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// `calloutctl audit --reports IDS`: the callout records of reports with the names of the
// parties and of who acted resolved (SPEC R5).
class AuditCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    AuditCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const SessionScope &scope, const QList<qint64> &reportIds);

private:
    void printRow(const AuditRow &row);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
