#pragma once

#include "IndexEndpoint.h"
#include "IndexSync.h"
#include "services/queue/QueueWorker.h"

#include <memory>

namespace calloutdesk {

class DatabaseConnection;
class IndexClient;

// Runs IndexSync for the desktop program (SPEC E4, E5): it drains the outbox as soon as it
// starts, then every few seconds, on the desk's writing lane, whose thread also receives
// the index's answers, so the UI thread never waits on either. While a round waits for the
// index, the lane runs other jobs. Its attention line says how many orders the index
// refuses, and why.
class IndexSyncWorker : public QueueWorker
{
    Q_OBJECT

public:
    IndexSyncWorker(std::shared_ptr<ConnectionPool> database, IndexEndpoint index,
                    IndexSync::Options options, int intervalMs = 5000);
    ~IndexSyncWorker() override;

private:
    void drain() override;
    // On the lane.
    void drainOn(const Result<DatabaseConnection *> &connection);

    IndexEndpoint m_index;
    IndexSync::Options m_options;
    // Made, used and destroyed on the lane's thread.
    std::unique_ptr<IndexClient> m_client;
    std::unique_ptr<IndexSync> m_sync;
};

} // namespace calloutdesk
