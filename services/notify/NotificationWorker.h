#pragma once

#include "NotificationChannels.h"
#include "NotificationDispatcher.h"
#include "services/queue/QueueWorker.h"

#include <functional>
#include <memory>

namespace calloutdesk {

class DatabaseConnection;

// Runs NotificationDispatcher for the desktop program (SPEC N3, N4): it drains the outbox
// when it starts, then every few seconds, on the desk's writing lane, so the UI thread
// never waits on the database, SMTP or a gateway. Each batch is one job on that lane: a
// callout saved meanwhile waits for one batch at most, not for the whole outbox. Channels
// are made and used on the lane's thread: their network objects belong there. Before a
// paused channel is probed the channels are made again, so that a password or a setting
// changed meanwhile is the one tried. Its attention line names the channels this desk has
// paused, and why.
class NotificationWorker : public QueueWorker
{
    Q_OBJECT

public:
    using ChannelFactory = std::function<std::unique_ptr<NotificationChannels>()>;

    NotificationWorker(std::shared_ptr<ConnectionPool> database, ChannelFactory makeChannels,
                       NotificationDispatcher::ContentReader readContent,
                       NotificationDispatcher::Options options, int intervalMs = 10000);
    // Waits for the batch the lane is running, if any.
    ~NotificationWorker() override;

    // The settings changed: a paused channel is tried again at once with them.
    void reconfigure();

private:
    void drain() override;
    void nextBatch(const NotificationDispatcher::Report &total);
    // On the lane.
    NotificationDispatcher::Report drainBatch(const Result<DatabaseConnection *> &connection);
    void remakeChannels();

    ChannelFactory m_makeChannels;
    NotificationDispatcher::ContentReader m_readContent;
    NotificationDispatcher::Options m_options;
    // Made, used and destroyed on the lane's thread; the dispatcher keeps the pauses.
    std::unique_ptr<NotificationChannels> m_channels;
    std::unique_ptr<NotificationDispatcher> m_dispatcher;
};

} // namespace calloutdesk
