#pragma once

#include "models/BillRecords.h"
#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// Performs one order-wise callout (SPEC C1–C7, L1–L2): every read and every write in one
// transaction that holds the order's lock, with a fixed number of statements whatever
// the number of reports. Bad input is refused before anything is written.
class CalloutEngine
{
public:
    static constexpr int maxCommentLength = 2000;

    explicit CalloutEngine(DatabaseConnection &connection);

    // With a request id (SPEC C9), a submission that cannot be recorded because the same
    // id already was answers with the first outcome instead; one whose connection drops
    // while committing asks the database (reconnecting if needed) whether it was saved.
    Result<CalloutOutcome> submit(const SessionScope &scope, const CalloutRequest &request);

    // Every problem of the request that shows without the database, at most one per part
    // (Failure::field), in the order a form shows the parts: a form shows them all at
    // once (SPEC U8) instead of one per press. submit() refuses the first of them.
    static QList<Failure> problems(const CalloutRequest &request, const BillRecords &order);
    // The problems of those that show without the order (a request kept to be submitted
    // later, when the order's records may be out of reach).
    static QList<Failure> requestProblems(const CalloutRequest &request);

private:
    enum class Stage
    {
        BeforeCommit,
        Commit
    };
    Result<CalloutOutcome> record(const SessionScope &scope, const CalloutRequest &request,
                                  Stage &stage);
    Result<CalloutOutcome> answerByRequestId(const SessionScope &scope,
                                             const CalloutRequest &request, Stage stage,
                                             const Failure &failure);
    static QList<Failure> orderProblems(const CalloutRequest &request, const BillParties &bill,
                                        const NotificationSettings &settings,
                                        const QList<CriticalReport> &visible);
    static Status checkRequest(const CalloutRequest &request);
    static Status checkAgainstOrder(const CalloutRequest &request, const BillParties &bill,
                                    const NotificationSettings &settings,
                                    const QList<CriticalReport> &visible);
    Status checkNoneLeftTheCallout(const SessionScope &scope, const CalloutRequest &request,
                                   const BillParties &bill, const QList<CriticalReport> &visible);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
