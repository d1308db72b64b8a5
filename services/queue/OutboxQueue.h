#pragma once

#include "FailureClass.h"
#include "services/Failure.h"

#include <QDateTime>
#include <QList>
#include <QSqlRecord>
#include <QString>
#include <QStringList>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// One outbox table as a work queue (DESIGN "One queue mechanism"): the index outbox, the
// notification outbox, and any later journal of pending work share this code, each naming
// its table in a Table.
//
// A worker claims items for a lease, so several workers draining one table never handle an
// item twice while a claim holds, and a worker that dies only delays its items until the
// lease runs out. Only the holder of a claim records its outcome: a worker whose lease ran
// out and whose items another took over changes nothing (the Result is false).
//
// The table has the columns id, lab_id, state ('pending', the claimed state, the done
// state, 'failed'), attempts (failed attempts), next_attempt_at, last_error, failure_class
// ('', 'transient', 'configuration', 'permanent'), claimed_by, claimed_until, created_on,
// the done time, and the lab's outbox_retention_days in the lab table.
class OutboxQueue
{
public:
    struct Table
    {
        QString name;
        // The state of a claimed item: a state of its own ("sending"), or "pending" when the
        // lease alone marks the claim.
        QString claimedState;
        QString doneState;
        QString doneColumn;
        // The column naming an item's lane (a notification's channel): a worker claims only
        // the lanes it serves and pauses one lane at a time. Empty: a single lane.
        QString laneColumn;
    };

    struct Counts
    {
        qint64 pending = 0;        // waiting to go, including the three below
        qint64 waitingToRetry = 0; // after at least one transient failure
        qint64 held = 0;           // refused by the server, retried on a long backoff
        qint64 paused = 0;         // waiting for a worker whose settings work
        qint64 claimed = 0;        // held by a worker now
        qint64 done = 0;
        qint64 failed = 0;
        QDateTime oldestPending;
        QString lastError; // of the latest pending item that failed
    };

    // The pending items of one lane that wait for one failure class.
    struct Waiting
    {
        QString lane;
        qint64 count = 0;       // items of that failure class
        qint64 laneWaiting = 0; // every pending item of the lane
        QString reason;         // the latest
    };

    // Which failed items to send again.
    struct Selection
    {
        qint64 labId = 0;
        std::optional<qint64> id;
        std::optional<QDateTime> since; // queued at or after
    };

    OutboxQueue(DatabaseConnection &connection, Table table);

    // Claims up to batchSize items that are due, only of these lanes when the table has
    // lanes, and returns `columns` of each, in id order.
    Result<QList<QSqlRecord>> claim(const QString &worker, const QString &columns, int batchSize,
                                    int leaseSeconds, const QStringList &lanes = {});
    // The number of these items recorded done (those whose claim `worker` still held).
    Result<int> complete(const QList<qint64> &ids, const QString &worker);
    // Back to pending, due again after `delayMs`, the attempt counted.
    Result<bool> retryLater(qint64 id, const QString &worker, FailureClass failureClass,
                            const QString &reason, qint64 delayMs);
    // Back to pending, due now, the attempt not counted: the worker's settings were refused,
    // and a worker whose settings work may take it.
    Result<bool> release(qint64 id, const QString &worker, const QString &reason);
    // Failed for good, until someone sends it again.
    Result<bool> fail(qint64 id, const QString &worker, const QString &reason);
    // Failed and held items of the selection are due again now, their attempts forgotten.
    Result<qint64> retryFailed(const Selection &selection);

    Result<Counts> counts();
    // For each lane with pending items of this failure class: how many, and why.
    Result<QList<Waiting>> waiting(FailureClass failureClass);
    // Deletes up to batchSize done items older than their lab's retention; the number
    // deleted. Each batch is a statement of its own, so no lock is held for long.
    Result<int> prune(int batchSize);

private:
    Result<bool> finish(const QString &what, const QString &assignments, const QVariantList &values,
                        qint64 id, const QString &worker);
    QString lane() const;

    DatabaseConnection &m_connection;
    Table m_table;
};

} // namespace calloutdesk
