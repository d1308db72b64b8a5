#pragma once

#include "IndexEndpoint.h"
#include "IndexSync.h"
#include "services/db/DatabaseUrl.h"

#include <QObject>
#include <QThread>

#include <memory>

class QTimer;

namespace calloutdesk {

class DatabaseConnection;
class IndexClient;

// Runs IndexSync in a thread of its own for the desktop program (SPEC E4): it drains the
// outbox as soon as it starts, then every few seconds, with its own database connection
// and network client, so the UI thread never waits on either.
class IndexSyncWorker : public QObject
{
    Q_OBJECT

public:
    IndexSyncWorker(DatabaseUrl database, IndexEndpoint index, IndexSync::Options options,
                    int intervalMs = 5000);
    ~IndexSyncWorker() override;

    // Moves the worker to its thread and starts draining.
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
    IndexEndpoint m_index;
    IndexSync::Options m_options;
    int m_intervalMs;
    QThread m_thread;
    // Created in the worker thread, destroyed there.
    std::unique_ptr<DatabaseConnection> m_connection;
    std::unique_ptr<IndexClient> m_client;
    std::unique_ptr<IndexSync> m_sync;
    QTimer *m_timer = nullptr;
    bool m_busy = false;
    bool m_reported = false; // the first round is always reported, even with nothing to do
};

} // namespace calloutdesk
