#include "NotificationWorker.h"

#include "services/db/DatabaseConnection.h"

namespace calloutdesk {

NotificationWorker::NotificationWorker(std::shared_ptr<ConnectionPool> database,
                                       ChannelFactory makeChannels,
                                       NotificationDispatcher::ContentReader readContent,
                                       NotificationDispatcher::Options options, int intervalMs)
    : QueueWorker(std::move(database), intervalMs)
    , m_makeChannels(std::move(makeChannels))
    , m_readContent(std::move(readContent))
    , m_options(std::move(options))
{ }

NotificationWorker::~NotificationWorker()
{
    tearDownOnLane([this] {
        m_dispatcher.reset();
        m_channels.reset();
    });
}

void NotificationWorker::reconfigure()
{
    post([this](const Result<DatabaseConnection *> &) {
        if (!m_dispatcher || m_dispatcher->pauses().isEmpty())
            return;
        remakeChannels();
        m_dispatcher->probeSoon();
    });
    round();
}

void NotificationWorker::drain()
{
    nextBatch({});
}

void NotificationWorker::nextBatch(const NotificationDispatcher::Report &total)
{
    post([this, total](const Result<DatabaseConnection *> &connection) {
        // Before each batch: not one more with a schema upgraded past it.
        if (upgradedPast(connection))
            return;
        NotificationDispatcher::Report sum = total;
        const NotificationDispatcher::Report batch = drainBatch(connection);
        sum.add(batch);
        const bool more = batch.claimed > 0 && batch.problem.isEmpty();
        if (!more && sum.problem.isEmpty() && m_dispatcher)
            m_dispatcher->prune(sum);
        const QString attention = m_dispatcher ? m_dispatcher->pauses().describe() : QString();
        // Back through this object's thread, so jobs queued meanwhile (a callout) run
        // before the next batch.
        QMetaObject::invokeMethod(
            this,
            [this, sum, more, attention] {
                more ? nextBatch(sum) : finish({sum, sum.problem, attention});
            },
            Qt::QueuedConnection);
    });
}

void NotificationWorker::remakeChannels()
{
    std::unique_ptr<NotificationChannels> fresh = m_makeChannels();
    if (m_dispatcher)
        m_dispatcher->setChannels(*fresh);
    m_channels = std::move(fresh);
}

NotificationDispatcher::Report
NotificationWorker::drainBatch(const Result<DatabaseConnection *> &connection)
{
    NotificationDispatcher::Report report;
    // A lost connection is opened again by the lane for the next round.
    if (!connection) {
        report.problem = connection.failure().message;
        return report;
    }
    if (!m_channels)
        m_channels = m_makeChannels();
    // The lane keeps one connection object for its life, opened again in place.
    if (!m_dispatcher) {
        m_dispatcher = std::make_unique<NotificationDispatcher>(*connection.value(), m_readContent,
                                                                *m_channels, m_options);
    } else if (m_dispatcher->pauses().anyProbeDue()) {
        remakeChannels();
    }
    // Sends block the lane's thread only: the window keeps its own.
    return m_dispatcher->drainOnce();
}

} // namespace calloutdesk
