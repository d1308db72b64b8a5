#pragma once

#include "OfflineCacheLocation.h"
#include "OfflineJournalReplayer.h"
#include "services/queue/QueueWorker.h"

#include <memory>

namespace calloutdesk {

// Runs OfflineJournalReplayer for the desktop program (SPEC O3): as soon as it starts, then
// every few seconds, on the server's writing lane, so the UI thread never waits and the
// replay never races the desk's own callouts. The journal spans two databases: the server
// is the lane's connection, and the person's offline cache is opened on the lane's thread
// (an SQLite connection stays on the thread that opened it) and lives and goes there.
// A round that cannot reach the server does nothing and says why; the next one tries again.
// Its attention line says how many callouts recorded offline need attention.
class OfflineJournalWorker : public QueueWorker
{
    Q_OBJECT

public:
    OfflineJournalWorker(std::shared_ptr<ConnectionPool> server, OfflineCacheLocation cache,
                         SessionScope scope, OfflineJournalReplayer::Options options,
                         int intervalMs = 5000);
    ~OfflineJournalWorker() override;

    // A round now (unless one runs): the server is back, or a person recorded an entry
    // again, so the journal need not wait for the timer.
    void replayNow() { round(); }

private:
    void drain() override;
    // On the lane.
    void drainOn(const Result<DatabaseConnection *> &connection);

    OfflineCacheLocation m_location;
    SessionScope m_scope;
    OfflineJournalReplayer::Options m_options;
    // Opened, used and closed on the lane's thread.
    std::unique_ptr<DatabaseConnection> m_cache;
};

} // namespace calloutdesk
