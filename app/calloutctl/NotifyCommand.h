#pragma once

#include "services/notify/NotificationSetup.h"

#include <QCoreApplication>
#include <QDate>

#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl notify`: sends the messages of done callouts through this machine's
// channels (SPEC N1–N4), shows the outbox (--status), sends a failed message again
// (--retry ID) or all failed messages of the lab (--retry-failed [--since DATE]). Returns
// calloutctl's exit codes.
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
        bool retryFailed = false;
        std::optional<QDate> since; // of --retry-failed
        qint64 labId = 0;           // the lab of --retry and --retry-failed
    };

    NotifyCommand(DatabaseConnection &db, CommandOutput &output);
    int run(const Options &options);

    // `calloutctl mail-password`: the password of the configured mail login, read from
    // standard input, into the keychain. Needs no database.
    static int storeMailPassword(const QString &commandLineUrl, CommandOutput &output);

private:
    int showStatus();
    int retry(qint64 id, qint64 labId);
    int retryFailed(qint64 labId, const std::optional<QDate> &since);
    int send(const Options &options);
    // Says which channels this machine paused (SPEC N4) when that changed since `shown`.
    void showPauses(const QString &pauses, QString &shown);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
