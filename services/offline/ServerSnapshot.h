#pragma once

#include "services/Failure.h"
#include "services/db/WriteTransaction.h"

#include <QList>
#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// One consistent read of the server for the offline cache (SPEC O1): a REPEATABLE READ,
// READ ONLY transaction, so the change feed and the orders read in it are of the same
// moment, and the facts of that moment. Ended (rolled back: it wrote nothing) when it goes.
class ServerSnapshot
{
public:
    explicit ServerSnapshot(DatabaseConnection &server);

    Status begin();
    // Ends the read early (before another transaction on the same connection).
    void end() { m_transaction.rollback(); }

    // pg_snapshot_xmin of this read: every transaction below it had ended, so what it
    // committed is in this read; the next read of the feed starts here.
    QString xmin() const { return m_xmin; }
    // The server's clock, ISO-8601 UTC as the cache stores times.
    QString now() const { return m_now; }
    // The lab's offline window (lab.offline_window_days).
    int windowDays() const { return m_windowDays; }

    // The change feed's rows of transactions at or above `watermark` that this read sees
    // (cache_feed, PostgreSQL migration 0015); row security keeps them to the login's lab.
    struct FeedRow
    {
        qint64 id = 0;
        qint64 billId = 0;
        bool atOrAboveXmin = false; // read again by the next refresh, which must skip it
    };
    Result<QList<FeedRow>> feedFrom(const QString &watermark);

private:
    DatabaseConnection &m_server;
    WriteTransaction m_transaction;
    QString m_xmin;
    QString m_now;
    int m_windowDays = 0;
};

} // namespace calloutdesk
