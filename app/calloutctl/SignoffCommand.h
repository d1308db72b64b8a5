#pragma once

#include "services/callout/ReportSignoff.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl sign --report ID` and `calloutctl approve --report ID`: the desk's "Save &
// Sign" and "Approve" through the same ReportSignoff, so a script meets the same rules,
// always_notify (SPEC U4) among them, and cannot go around them.
class SignoffCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    SignoffCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const SessionScope &scope, qint64 reportId, ReportSignoff::Action action);

private:
    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
