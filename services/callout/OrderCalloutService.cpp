#include "OrderCalloutService.h"

#include "CalloutEngine.h"
#include "CalloutHistoryReader.h"
#include "CriticalRecordsReader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

OrderCalloutService::OrderCalloutService(DatabaseUrl database)
    : m_database(std::move(database))
{ }

QFuture<Result<BillRecords>> OrderCalloutService::records(const SessionScope &scope,
                                                          qint64 billId) const
{
    return QtConcurrent::run(
        DatabaseJob::pool(), [service = *this, scope, billId] { return service.recordsNow(scope, billId); });
}

QFuture<Result<QList<HistoryEntry>>> OrderCalloutService::history(const SessionScope &scope,
                                                                  qint64 billId) const
{
    return QtConcurrent::run(
        DatabaseJob::pool(), [service = *this, scope, billId] { return service.historyNow(scope, billId); });
}

QFuture<Result<CalloutOutcome>> OrderCalloutService::submit(const SessionScope &scope,
                                                            const CalloutRequest &request) const
{
    return QtConcurrent::run(
        DatabaseJob::pool(), [service = *this, scope, request] { return service.submitNow(scope, request); });
}

// Each call opens its own connection: a QSqlDatabase belongs to the thread that opened
// it, and the pool gives no promise about which thread runs a task.

Result<BillRecords> OrderCalloutService::recordsNow(const SessionScope &scope, qint64 billId) const
{
    auto connection = DatabaseConnection::open(m_database, u"callout-records"_s);
    if (!connection)
        return connection.failure();
    return CriticalRecordsReader(*connection.value()).read(scope, billId);
}

Result<QList<HistoryEntry>> OrderCalloutService::historyNow(const SessionScope &scope,
                                                            qint64 billId) const
{
    auto connection = DatabaseConnection::open(m_database, u"callout-history"_s);
    if (!connection)
        return connection.failure();
    return CalloutHistoryReader(*connection.value()).readForBill(scope, billId);
}

Result<CalloutOutcome> OrderCalloutService::submitNow(const SessionScope &scope,
                                                      const CalloutRequest &request) const
{
    auto connection = DatabaseConnection::open(m_database, u"callout"_s);
    if (!connection)
        return connection.failure();
    return CalloutEngine(*connection.value()).submit(scope, request);
}

} // namespace calloutdesk
