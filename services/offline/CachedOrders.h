#pragma once

#include "CacheTableCopy.h"
#include "services/Failure.h"

#include <QList>

#include <vector>

namespace calloutdesk {

class DatabaseConnection;

// The orders of one person's offline cache (SPEC O1), read from the server as that person
// and written into the cache: the rows the SQLite readers (worklist, order overview,
// callout history and audit, export) join for an order, and the lab's reference rows
// they name. Every call runs inside the caller's transactions: one read snapshot on the
// server, one write transaction on the cache.
class CachedOrders
{
public:
    CachedOrders(DatabaseConnection &server, DatabaseConnection &cache);

    // The orders of the lab's window the person sees: every order with an open callout
    // (a Pending or Attempted report) and every order with results in the last windowDays
    // days; among `candidates` only, when given.
    Result<QList<qint64>> inWindow(int windowDays);
    Result<QList<qint64>> inWindow(int windowDays, const QList<qint64> &candidates);

    // The orders the cache holds that have left the window since (results grown older than
    // windowDays, no open callout left): time passing writes nothing into the feed.
    Result<QList<qint64>> agedOut(int windowDays);

    // The lab's catalogue, staff and settings the person may read, replacing what the
    // cache had of them; nothing when they are as this object last copied them.
    Status copyReference();
    // These orders, whole, which the cache must not hold yet (remove them first).
    Status copy(const QList<qint64> &bills);
    // These orders and whatever hangs on them; their patients when no other order names
    // them. Orders the cache does not hold are skipped.
    Status remove(const QList<qint64> &bills);
    // Every order, before a new fill.
    Status removeAll();

private:
    // One table's part of an order, read by `where` with the order ids bound idLists times.
    struct OrderTable
    {
        CacheTableCopy copy;
        QString where;
        int idLists = 1;
        CacheTableCopy::Existing existing = CacheTableCopy::Existing::Absent;
    };

    static Result<QList<qint64>> ordersOf(DatabaseConnection &connection, const QString &sql,
                                          const QVariantList &values);
    void prepareTables();

    DatabaseConnection &m_server;
    DatabaseConnection &m_cache;
    // Kept, so each table's columns are read once, not on every refresh.
    QStringList m_referenceTableNames;
    std::vector<CacheTableCopy> m_referenceTables;
    QString m_referenceDigest; // of the reference rows last copied

    std::vector<OrderTable> m_orderTables;
};

} // namespace calloutdesk
