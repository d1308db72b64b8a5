#pragma once

#include "services/Failure.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The index sync journal (SPEC E4) as the workers see it. Rows are claimed for a lease,
// so several desks draining one outbox never send a row twice while a claim holds, and a
// desk that dies only delays its rows until the lease runs out.
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
        int attempts = 0;
    };

    struct FailedRow
    {
        qint64 id = 0;
        QString scope;
        qint64 targetId = 0;
        int attempts = 0;
        QString reason;
    };

    struct Summary
    {
        qint64 pending = 0;
        qint64 waitingToRetry = 0; // pending with at least one failed attempt
        qint64 done = 0;
        qint64 failed = 0;
        QDateTime oldestPending;
        QString lastError;
        QList<FailedRow> failedRows; // the latest 20
    };

    explicit IndexOutbox(DatabaseConnection &connection);

    Result<QList<Row>> claim(const QString &worker, int batchSize, int leaseSeconds);
    Status complete(const QList<qint64> &ids);
    // Back to pending, due again after `delayMs`.
    Status retryLater(qint64 id, const QString &reason, qint64 delayMs);
    Status fail(qint64 id, const QString &reason);
    Result<Summary> summary();
    // Queues every order of the database for a full re-index.
    Result<qint64> enqueueAllBills();

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
