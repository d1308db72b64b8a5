#pragma once

#include "services/notify/NotificationSetup.h"

#include <QTextStream>

namespace calloutdesk {

class DatabaseConnection;

// `calloutctl notify`: sends the messages of done callouts through this machine's
// channels (SPEC N1–N3), shows the outbox (--status) or sends a failed message again
// (--retry ID). Returns calloutctl's exit codes.
class NotifyCommand
{
public:
    struct Options
    {
        NotificationSetup::CommandLine channels;
        bool once = false;
        bool status = false;
        bool json = false;
        qint64 retryId = 0; // 0: none
        qint64 labId = 0;   // the lab of --retry
    };

    NotifyCommand(DatabaseConnection &db, QTextStream &out, QTextStream &err);
    int run(const Options &options);

    // `calloutctl mail-password`: the password of the configured mail login, read from
    // standard input, into the keychain. Needs no database.
    static int storeMailPassword(const QString &commandLineUrl, QTextStream &out,
                                 QTextStream &err);

private:
    int showStatus(bool json);
    int retry(qint64 id, qint64 labId);
    int send(const Options &options);

    DatabaseConnection &m_db;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace calloutdesk
