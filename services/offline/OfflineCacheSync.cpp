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
    std::unique_ptr<OfflineCacheFiller> filler; // while a fill is under way
};

struct OfflineCacheSync::Outcome
{
    enum class Kind
    {
        Refreshed,
        Failed,
        FillGoesOn
    };
    Kind kind = Kind::Failed;
    QString dataAsOf;
    qsizetype changedOrders = 0;
    QString message;
};

OfflineCacheSync::OfflineCacheSync(std::shared_ptr<ConnectionPool> database,
                                   OfflineCacheLocation location, int intervalMs,
                                   qsizetype ordersPerFillStep)
    : m_database(std::move(database))
    , m_location(std::move(location))
    , m_onLane(std::make_shared<OnLane>())
    , m_ordersPerFillStep(ordersPerFillStep)
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
    m_database->lane(ConnectionPool::Lane::Writes)
        .post([onLane = m_onLane, &done](ConnectionLane &) {
            onLane->filler.reset();
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
    postRound();
}

void OfflineCacheSync::take(const Outcome &outcome)
{
    switch (outcome.kind) {
    case Outcome::Kind::FillGoesOn:
        // Queued behind whatever the lane was given meanwhile.
        postRound();
        return;
    case Outcome::Kind::Refreshed:
        m_busy = false;
        emit refreshed(outcome.dataAsOf, int(outcome.changedOrders));
        return;
    case Outcome::Kind::Failed:
        m_busy = false;
        emit failed(outcome.message);
        return;
    }
}

void OfflineCacheSync::postRound()
{
    QPointer<OfflineCacheSync> self(this);
    m_database->post(
        ConnectionPool::Lane::Writes,
        [self, onLane = m_onLane, location = m_location,
         ordersPerStep = m_ordersPerFillStep](const Result<DatabaseConnection *> &server) {
            const auto report = [self](const Outcome &outcome) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, outcome] {
                        if (self)
                            self->take(outcome);
                    },
                    Qt::QueuedConnection);
            };
            const auto fail = [&report](const Failure &failure) {
                report({Outcome::Kind::Failed, {}, 0, failure.message});
            };
            if (!server) {
                fail(server.failure());
                return;
            }
            if (!onLane->cache) {
                auto opened = OfflineCache::open(location);
                if (!opened) {
                    fail(opened.failure());
                    return;
                }
                onLane->cache = std::move(opened.value());
            }
            if (!onLane->refresher || onLane->server != server.value()) {
                onLane->server = server.value();
                onLane->filler.reset();
                onLane->refresher
                    = std::make_unique<OfflineCacheRefresher>(*server.value(), *onLane->cache);
            }
            if (!onLane->filler) {
                const auto refreshed = onLane->refresher->refreshUnlessFillDue();
                if (!refreshed) {
                    fail(refreshed.failure());
                    return;
                }
                if (const auto &summary = refreshed.value()) {
                    // Housekeeping of the server's feed; a failure here is no failure of the round.
                    (void)onLane->refresher->pruneFeedIfDue();
                    report(
                        {Outcome::Kind::Refreshed, summary->checkedAt, summary->changedOrders, {}});
                    return;
                }
                onLane->filler = std::make_unique<OfflineCacheFiller>(
                    *server.value(), *onLane->cache, ordersPerStep);
            }
            const auto stepped = onLane->filler->step();
            if (!stepped) {
                // The next round starts the fill again: what a failed step read is not trusted.
                onLane->filler.reset();
                fail(stepped.failure());
                return;
            }
            if (!stepped.value()) {
                report({Outcome::Kind::FillGoesOn, {}, 0, {}});
                return;
            }
            const OfflineCacheFiller::Summary filled = *onLane->filler->summary();
            onLane->filler.reset();
            report({Outcome::Kind::Refreshed, filled.dataAsOf, filled.orders, {}});
        });
}

} // namespace calloutdesk
