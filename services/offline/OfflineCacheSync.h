#pragma once

#include "OfflineCacheFiller.h"
#include "OfflineCacheLocation.h"
#include "services/db/ConnectionPool.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace calloutdesk {

// Keeps a person's offline cache up to date for the desktop program (SPEC O1): on the
// desk's writing lane, as soon as it starts and then every intervalMs, fills the cache
// if it never was and otherwise refreshes it from the change feed (OfflineCacheRefresher),
// so the UI thread never waits for it. A fill goes as one lane job per step
// (OfflineCacheFiller), so the callouts and sign-offs queued on the lane meanwhile run
// between its steps instead of after the whole fill. The cache file is opened on the lane
// and stays open there while this lives.
class OfflineCacheSync : public QObject
{
    Q_OBJECT

public:
    OfflineCacheSync(std::shared_ptr<ConnectionPool> database, OfflineCacheLocation location,
                     int intervalMs = 60 * 1000,
                     qsizetype ordersPerFillStep = OfflineCacheFiller::defaultOrdersPerStep);
    ~OfflineCacheSync() override;

    void start();
    // A round now, unless one is running.
    void refreshNow();

signals:
    // After each round that worked: the server's time of the data now in the cache
    // (ISO-8601 UTC, what "data as of" shows) and how many orders changed.
    void refreshed(const QString &dataAsOf, int changedOrders);
    // A round that failed (the server unreachable, the cache unwritable), in one sentence.
    void failed(const QString &message);

private:
    struct OnLane; // what lives on the lane: the cache's connection and the refresher's state
    struct Outcome;
    // One job on the lane: a refresh, or the next step of a fill.
    void postRound();
    void take(const Outcome &outcome);

    std::shared_ptr<ConnectionPool> m_database;
    OfflineCacheLocation m_location;
    std::shared_ptr<OnLane> m_onLane;
    qsizetype m_ordersPerFillStep;
    QTimer m_timer;
    bool m_busy = false;
};

} // namespace calloutdesk
