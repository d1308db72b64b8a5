#pragma once

#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "services/Failure.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// `calloutctl callout`: saves an attempt or marks a callout done for reports of one order
// (SPEC C1–C7), through the same engine as the desk's dialog.
class CalloutCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    // The texts typed after the command's options; empty when an option is not given.
    struct Arguments
    {
        QString bill;
        std::optional<QString> reports;
        bool attempt = false;
        bool done = false;
        QString methods;
        QString recipients;
        ContactDetails other;
        QStringList calls; // --called, one per call
        QString outcome;   // --outcome
        QString tried;     // --tried
        QString comment;
        QString expect;
        std::optional<QString> requestId;
    };

    CalloutCommand(DatabaseConnection &db, CommandOutput &output);

    // Checks everything typed, before the database is touched. Without --request-id the
    // request gets a new id; with one it may record a further communication (SPEC C9).
    static Result<CalloutRequest> request(const Arguments &arguments);

    int run(const SessionScope &scope, const CalloutRequest &request);

private:
    // --called "name@time;role=nurse;readback=yes;value=7.2;override=reason": all but
    // whom and when optional (SPEC U10, T4); a value implies readback=yes.
    static Result<PhoneCall> phoneCall(const QString &typed);
    // A party's key (patient, referral, organization) names that party of the order;
    // anything else is a name.
    static PhoneCall partyOrName(const QString &typed);
    void printText(const CalloutOutcome &outcome);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
