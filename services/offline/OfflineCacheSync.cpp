#include "OfflineCacheSync.h"

#include "OfflineCache.h"
#include "OfflineCacheRefresher.h"

#include <QSemaphore>

namespace calloutdesk {

struct OfflineCacheSync::OnLane
{
    std::unique_ptr<DatabaseConnection> cache;
    // The server connection the refresher was made for: the lane opens it again in place
    // after an outage, so the reference stays valid.
    DatabaseConnection *server = nullptr;
    std::unique_ptr<OfflineCacheRefresher> refresher;
};

OfflineCacheSync::OfflineCacheSync(std::shared_ptr<ConnectionPool> database,
                                   OfflineCacheLocation location, int intervalMs)
    : m_database(std::move(database))
    , m_location(std::move(location))
    , m_onLane(std::make_shared<OnLane>())
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &OfflineCacheSync::refreshNow);
}

OfflineCacheSync::~OfflineCacheSync()
{
    m_timer.stop();
    // The cache's connection belongs to the lane's thread: closed there, after any round
    // still queued.
    QSemaphore done;
    m_database->lane(ConnectionPool::Lane::Writes).post([onLane = m_onLane, &done](ConnectionLane &) {
        onLane->refresher.reset();
        onLane->cache.reset();
        done.release();
    });
    done.acquire();
}

void OfflineCacheSync::start()
{
    m_timer.start();
    refreshNow();
}

void OfflineCacheSync::refreshNow()
{
    if (m_busy)
        return;
    m_busy = true;
    QPointer<OfflineCacheSync> self(this);
    m_database->post(ConnectionPool::Lane::Writes,
                     [self, onLane = m_onLane, location = m_location](
                         const Result<DatabaseConnection *> &server) {
        const auto report = [self](Result<OfflineCacheRefresher::Summary> outcome) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, outcome] {
                    if (!self)
                        return;
                    self->m_busy = false;
                    if (outcome)
                        emit self->refreshed(outcome.value().checkedAt,
                                             int(outcome.value().changedOrders));
                    else
                        emit self->failed(outcome.failure().message);
                },
                Qt::QueuedConnection);
        };
        if (!server) {
            report(server.failure());
            return;
        }
        if (!onLane->cache) {
            auto opened = OfflineCache::open(location);
            if (!opened) {
                report(opened.failure());
                return;
            }
            onLane->cache = std::move(opened.value());
        }
        if (!onLane->refresher || onLane->server != server.value()) {
            onLane->server = server.value();
            onLane->refresher
                = std::make_unique<OfflineCacheRefresher>(*server.value(), *onLane->cache);
        }
        const auto refreshed = onLane->refresher->refresh();
        if (refreshed) {
            // Housekeeping of the server's feed; a failure here is no failure of the round.
            (void)onLane->refresher->pruneFeedIfDue();
        }
        report(refreshed);
    });
}

} // namespace calloutdesk
