#include "OrderCalloutService.h"

#include "CalloutEngine.h"
#include "CalloutHistoryReader.h"
#include "CriticalRecordsReader.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"

namespace calloutdesk {

OrderCalloutService::OrderCalloutService(std::shared_ptr<ConnectionPool> database)
    : m_database(std::move(database))
{ }

QFuture<Result<BillRecords>> OrderCalloutService::records(const SessionScope &scope,
                                                          qint64 billId) const
{
    return m_database->run(ConnectionPool::Lane::Reads,
                           [scope, billId](DatabaseConnection &connection) {
                               return CriticalRecordsReader(connection).read(scope, billId);
                           });
}

QFuture<Result<QList<HistoryEntry>>> OrderCalloutService::history(const SessionScope &scope,
                                                                  qint64 billId) const
{
    // Online beside the writes, so it shows the callout just saved; offline the writing
    // lane has no server, and the reading lane serves the history from the cache (SPEC O2).
    const auto lane
        = m_database->readsOffline() ? ConnectionPool::Lane::Reads : ConnectionPool::Lane::Writes;
    return m_database->run(lane, [scope, billId](DatabaseConnection &connection) {
        return CalloutHistoryReader(connection).readForBill(scope, billId);
    });
}

QFuture<Result<CalloutOutcome>> OrderCalloutService::submit(const SessionScope &scope,
                                                            const CalloutRequest &request) const
{
    return m_database->run(ConnectionPool::Lane::Writes,
                           [scope, request](DatabaseConnection &connection) {
                               return CalloutEngine(connection).submit(scope, request);
                           });
}

} // namespace calloutdesk
