#pragma once

#include "NotificationChannels.h"
#include "NotificationDispatcher.h"
#include "services/db/DatabaseUrl.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

class QTimer;

namespace calloutdesk {

class DatabaseConnection;

// Runs NotificationDispatcher in a thread of its own for the desktop program (SPEC N3):
// it drains the outbox when it starts, then every few seconds, with its own database
// connection and channels, so the UI thread never waits on the database, SMTP or a
// gateway. Channels are made in the worker thread: their network objects belong there.
class NotificationWorker : public QObject
{
    Q_OBJECT

public:
    using ChannelFactory = std::function<std::unique_ptr<NotificationChannels>()>;

    NotificationWorker(DatabaseUrl database, ChannelFactory makeChannels,
                       NotificationDispatcher::ContentReader readContent,
                       NotificationDispatcher::Options options, int intervalMs = 10000);
    ~NotificationWorker() override;

    void start();

signals:
    // After the first round, and after every round that had something to do or failed.
    void drained(int sent, int retried, int failed, const QString &problem);
    // Once, when the worker stopped for good: the database's schema was upgraded past
    // this program while it ran.
    void stopped(const QString &reason);

private:
    void begin();
    void round();

    DatabaseUrl m_database;
    ChannelFactory m_makeChannels;
    NotificationDispatcher::ContentReader m_readContent;
    NotificationDispatcher::Options m_options;
    int m_intervalMs;
    QThread m_thread;
    // Created in the worker thread, destroyed there.
    std::unique_ptr<DatabaseConnection> m_connection;
    std::unique_ptr<NotificationChannels> m_channels;
    QTimer *m_timer = nullptr;
    bool m_reported = false;
};

} // namespace calloutdesk
