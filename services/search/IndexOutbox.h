#pragma once

#include "services/Failure.h"
#include "services/queue/OutboxQueue.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The index sync journal (SPEC E4, E5) as the workers see it: index_outbox as an
// OutboxQueue, the claimed rows read as Rows. A row the index refuses (HTTP 400, a mapping
// error) is held: retried on a long backoff and counted as an order not in the index, so
// the worklist never stays wrong silently.
class IndexOutbox
{
public:
    struct Row
    {
        qint64 id = 0;
        qint64 labId = 0;
        bool billScope = true; // 'bill': every report of the order; 'report': status only
        qint64 billId = 0;
        qint64 reportId = 0;
        int attempts = 0; // failed attempts so far
    };

    // A row the index refused, with its reason.
    struct HeldRow
    {
        qint64 id = 0;
        QString scope;
        qint64 targetId = 0;
        int attempts = 0;
        QString reason;
    };

    struct Summary
    {
        OutboxQueue::Counts counts;
        qint64 ordersNotIndexed = 0; // the orders of the held rows
        QString heldReason;          // the latest
        QList<HeldRow> heldRows;     // the latest 20
        // "N orders not in the index: <reason>", empty when none is held.
        QString alarm() const;
    };

    explicit IndexOutbox(DatabaseConnection &connection);

    Result<QList<Row>> claim(const QString &worker, int batchSize, int leaseSeconds);
    // The number of these rows recorded done.
    Result<int> complete(const QList<qint64> &ids, const QString &worker);
    // Back to pending after a transient failure, due again after `delayMs`.
    Result<bool> retryLater(qint64 id, const QString &worker, const QString &reason,
                            qint64 delayMs);
    // Refused by the index: held, due again after `delayMs` (a long backoff).
    Result<bool> hold(qint64 id, const QString &worker, const QString &reason, qint64 delayMs);
    Result<Summary> summary();
    // Only the alarm of summary(), cheap enough for every round of a worker.
    Result<QString> alarm();
    // The held and failed rows of this lab are due again now; how many.
    Result<qint64> retryFailed(qint64 labId);
    // Queues every order of the database for a full re-index.
    Result<qint64> enqueueAllBills();

    OutboxQueue &queue() { return m_queue; }

    static QString alarm(qint64 orders, const QString &reason);

private:
    Result<QPair<qint64, QString>> heldOrders();

    DatabaseConnection &m_connection;
    OutboxQueue m_queue;
};

} // namespace calloutdesk
