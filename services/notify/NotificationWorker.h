#pragma once

#include "NotificationChannels.h"
#include "NotificationDispatcher.h"
#include "services/Failure.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace calloutdesk {

class ConnectionPool;
class DatabaseConnection;

// Runs NotificationDispatcher for the desktop program (SPEC N3): it drains the outbox when
// it starts, then every few seconds, on the desk's writing lane, so the UI thread never
// waits on the database, SMTP or a gateway. Each batch is one job on that lane: a callout
// saved meanwhile waits for one batch at most, not for the whole outbox. Channels are made
// and used on the lane's thread: their network objects belong there.
class NotificationWorker : public QObject
{
    Q_OBJECT

public:
    using ChannelFactory = std::function<std::unique_ptr<NotificationChannels>()>;

    NotificationWorker(std::shared_ptr<ConnectionPool> database, ChannelFactory makeChannels,
                       NotificationDispatcher::ContentReader readContent,
                       NotificationDispatcher::Options options, int intervalMs = 10000);
    // Waits for the batch the lane is running, if any.
    ~NotificationWorker() override;

    void start();

signals:
    // After the first round, and after every round that had something to do or failed.
    void drained(int sent, int retried, int failed, const QString &problem);
    // Once, when the worker stopped for good: the database's schema was upgraded past
    // this program while it ran.
    void stopped(const QString &reason);

private:
    void round();
    // Upgraded past this program while it ran: no more rounds.
    void stop(const QString &reason);
    void nextBatch(const NotificationDispatcher::Report &total);
    // On the lane.
    NotificationDispatcher::Report drainBatch(const Result<DatabaseConnection *> &connection);
    void finish(const NotificationDispatcher::Report &total);

    std::shared_ptr<ConnectionPool> m_database;
    ChannelFactory m_makeChannels;
    NotificationDispatcher::ContentReader m_readContent;
    NotificationDispatcher::Options m_options;
    QTimer m_timer;
    bool m_busy = false;
    bool m_reported = false;
    // Made, used and destroyed on the lane's thread.
    std::unique_ptr<NotificationChannels> m_channels;
};

} // namespace calloutdesk
