#include "OrderCalloutService.h"

#include "CalloutEngine.h"
#include "CalloutHistoryReader.h"
#include "CalloutKeeper.h"
#include "CriticalRecordsReader.h"
#include "EscalationContacts.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"

#include <QCoreApplication>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace calloutdesk {

namespace {

// Keeps `request` made at `madeAt` (when Save was pressed, not when the server was given
// up on).
Result<CalloutOutcome> keptOffline(const CalloutKeeper &keeper, const SessionScope &scope,
                                   CalloutRequest request, const QDateTime &madeAt,
                                   const BillParties &order,
                                   const std::optional<Failure> &serverGone = std::nullopt)
{
    if (!request.madeAt.isValid())
        request.madeAt = madeAt;
    const auto kept = keeper.keep(scope, request, order);
    if (!kept) {
        // What the input lacks is shown at its field, as the server would have.
        if (kept.failure().kind == Failure::Kind::InvalidInput)
            return kept.failure();
        const QString why = serverGone
            ? QCoreApplication::translate("OrderCalloutService",
                                          "%1 The callout could not be kept on this desk either: "
                                          "%2")
                  .arg(serverGone->message, kept.failure().message)
            : kept.failure().message;
        // Still unknown to the server: the dialog keeps the request id for the next press.
        return Failure::unavailable(why);
    }
    CalloutOutcome outcome;
    outcome.requestId = request.requestId;
    outcome.keptOfflineAs = kept.value();
    return outcome;
}

} // namespace

OrderCalloutService::OrderCalloutService(std::shared_ptr<ConnectionPool> database)
    : m_database(std::move(database))
{ }

QFuture<Result<BillRecords>> OrderCalloutService::records(const SessionScope &scope,
                                                          qint64 billId) const
{
    return m_database->run(
        ConnectionPool::Lane::Reads,
        [scope, billId](DatabaseConnection &connection) -> Result<BillRecords> {
            auto records = CriticalRecordsReader(connection).read(scope, billId);
            if (!records)
                return records;
            // SPEC T3: whom to escalate to, for the departments of the reports shown.
            QList<qint64> departments;
            for (const CriticalReport &report : records.value().reports) {
                if (!departments.contains(report.departmentId))
                    departments << report.departmentId;
            }
            auto contacts
                = EscalationContacts(connection).forDepartments(scope.labId(), departments);
            if (!contacts)
                return contacts.failure();
            records.value().escalationContacts = contacts.value();
            return records;
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
                                                            const CalloutRequest &request,
                                                            const BillParties &order) const
{
    const QDateTime pressed = QDateTime::currentDateTimeUtc();
    // Offline the writing lane would only wait for a server that is not there.
    if (m_keeper && m_keeper->isOffline()) {
        return QtConcurrent::run(DatabaseJob::pool(),
                                 [keeper = m_keeper, scope, request, pressed, order] {
                                     return keptOffline(*keeper, scope, request, pressed, order);
                                 });
    }
    auto promise = std::make_shared<QPromise<Result<CalloutOutcome>>>();
    QFuture<Result<CalloutOutcome>> future = promise->future();
    promise->start();
    m_database->post(ConnectionPool::Lane::Writes,
                     [promise, keeper = m_keeper, scope, request, pressed,
                      order](const Result<DatabaseConnection *> &connection) {
                         Result<CalloutOutcome> sent = connection
                             ? CalloutEngine(*connection.value()).submit(scope, request)
                             : Result<CalloutOutcome>(connection.failure());
                         // The server went away: kept with its request id, the callout is
                         // sent later; one that did commit is then answered by that id.
                         if (!sent && keeper && sent.failure().kind == Failure::Kind::Unavailable)
                             sent = keptOffline(*keeper, scope, request, pressed, order,
                                                sent.failure());
                         promise->addResult(sent);
                         promise->finish();
                     });
    return future;
}

} // namespace calloutdesk
