#pragma once

#include "IndexEndpoint.h"
#include "IndexSync.h"
#include "services/Failure.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace calloutdesk {

class ConnectionPool;
class DatabaseConnection;
class IndexClient;

// Runs IndexSync for the desktop program (SPEC E4): it drains the outbox as soon as it
// starts, then every few seconds, on the desk's writing lane, whose thread also receives
// the index's answers, so the UI thread never waits on either. While a round waits for the
// index, the lane runs other jobs.
class IndexSyncWorker : public QObject
{
    Q_OBJECT

public:
    IndexSyncWorker(std::shared_ptr<ConnectionPool> database, IndexEndpoint index,
                    IndexSync::Options options, int intervalMs = 5000);
    ~IndexSyncWorker() override;

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
    // On the lane.
    void drain(const Result<DatabaseConnection *> &connection);
    void finish(const IndexSync::Report &report);

    std::shared_ptr<ConnectionPool> m_database;
    IndexEndpoint m_index;
    IndexSync::Options m_options;
    QTimer m_timer;
    bool m_busy = false;
    bool m_reported = false; // the first round is always reported, even with nothing to do
    // Made, used and destroyed on the lane's thread.
    std::unique_ptr<IndexClient> m_client;
    std::unique_ptr<IndexSync> m_sync;
};

} // namespace calloutdesk
