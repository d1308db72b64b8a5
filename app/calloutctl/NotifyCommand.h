#pragma once

#include "services/notify/NotificationSetup.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl notify`: sends the messages of done callouts through this machine's
// channels (SPEC N1–N3), shows the outbox (--status) or sends a failed message again
// (--retry ID). Returns calloutctl's exit codes.
class NotifyCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    struct Options
    {
        NotificationSetup::CommandLine channels;
        bool once = false;
        bool status = false;
        qint64 retryId = 0; // 0: none
        qint64 labId = 0;   // the lab of --retry
    };

    NotifyCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const Options &options);

    // `calloutctl mail-password`: the password of the configured mail login, read from
    // standard input, into the keychain. Needs no database.
    static int storeMailPassword(const QString &commandLineUrl, CommandOutput &output);

private:
    int showStatus();
    int retry(qint64 id, qint64 labId);
    int send(const Options &options);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
