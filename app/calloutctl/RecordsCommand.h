#pragma once

#include "models/BillRecords.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// `calloutctl records --bill ID`: the critical reports of an order and its saved attempt
// (SPEC R1, R2), as the callout dialog opens on them.
class RecordsCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    RecordsCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const SessionScope &scope, qint64 billId);

private:
    void printText(const BillRecords &records);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
