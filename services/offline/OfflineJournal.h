#pragma once

#include "models/BillParties.h"
#include "models/CalloutRequest.h"
#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/queue/OutboxQueue.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The offline journal (SPEC O3) in the person's offline cache: callouts recorded while the
// server could not be reached, each kept whole with its request id (C9), the statuses the
// person saw (C6), who made it and when, until the server has it. It is a queue of the one
// queue mechanism (queue()); OfflineJournalReplayer sends it. What the server refused
// waits in "Needs attention" until the person records it again as a further communication
// or discards it with a reason; nothing in the journal is deleted before the server has it.
class OfflineJournal
{
public:
    struct Entry
    {
        qint64 id = 0;
        qint64 labId = 0;
        CalloutRequest request;
        // The order and patient as the person saw them (empty for entries kept before
        // cache migration 0006).
        QString orderNumber;
        QString patientName;
        QString madeBy;
        QDateTime madeAt;
        QString state; // see the cache migration 0003
        int attempts = 0;
        QString lastError;
        qint64 activityLogId = 0; // the server's record, once applied
        QString resolution;       // "recorded_again", "discarded", or empty
        QString resolutionReason;
        QString resolvedBy;
        QDateTime resolvedOn;
        qint64 resolvedInto = 0; // the entry that records it again
        // Why the kept request cannot be read (a file this program did not write); the
        // entry is then never sent, only shown.
        QString unreadable;

        bool needsAttention() const { return state == QLatin1String("failed"); }
    };

    static OutboxQueue::Table table();

    explicit OfflineJournal(DatabaseConnection &cache);

    // Keeps the callout `scope`'s person made on the order `order` (as they saw it, for
    // "Needs attention"); its id in the journal. The request carries the id made when Save
    // was pressed; a request without a time was made now.
    Result<qint64> record(const SessionScope &scope, CalloutRequest request,
                          const BillParties &order = {});
    // Every entry, in the order made.
    Result<QList<Entry>> entries();
    // The entries the server refused, waiting for the person, in the order made.
    Result<QList<Entry>> needsAttention();
    // A refused done callout, recorded again as a further communication on the reports'
    // current statuses, with its time kept and a new request id: a new entry, which the
    // replay sends; its id. The refused entry stays, resolved into the new one.
    Result<qint64> recordAgain(qint64 id, const SessionScope &scope);
    // A refused entry, not sent: the reason, who and when are kept with it.
    Status discard(qint64 id, const QString &reason, const SessionScope &scope);

    // The journal as a queue, and reading one claimed entry.
    OutboxQueue queue() const;
    static QString claimColumns();
    static Entry entryOf(const QSqlRecord &record);
    // Whether an entry made before `id` is not yet applied, refused or resolved: an entry
    // is sent only after every entry made before it.
    Result<bool> hasOpenEntryBefore(qint64 id);
    // Records an applied entry's server record, then marks it done (if `worker` still
    // holds it).
    Result<bool> markApplied(qint64 id, qint64 activityLogId, const QString &worker);

private:
    Result<QList<Entry>> read(const QString &where, const QVariantList &values);
    Result<qint64> insert(const SessionScope &scope, CalloutRequest request,
                          const QString &orderNumber, const QString &patientName);
    Result<Entry> unresolved(qint64 id);

    DatabaseConnection &m_cache;
};

} // namespace calloutdesk
