#pragma once

#include "services/callout/ReportSignoff.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl sign --report ID` and `calloutctl approve --report ID`: the desk's "Save &
// Sign" and "Approve" through the same ReportSignoff, so a script meets the same rules,
// always_notify (SPEC U4) among them, and cannot go around them. On PostgreSQL, approve
// is an electronic signature (SPEC A4): it reads the login's password as one line from
// standard input and proves it with CredentialCheck before anything is written.
class SignoffCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    SignoffCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const SessionScope &scope, qint64 reportId, ReportSignoff::Action action);

private:
    Status confirmSignature() const;

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
