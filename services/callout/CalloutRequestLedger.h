#pragma once

#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "services/Failure.h"

#include <QJsonObject>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// SPEC C9: what each submission with a request id recorded. The activity log row of a
// callout keeps its request id (unique per lab) and its outcome, so the same id again, or
// a desk that lost its connection while committing, can ask what happened.
class CalloutRequestLedger
{
public:
    explicit CalloutRequestLedger(DatabaseConnection &connection);

    // Letters, digits and . _ : - only, 1 to 100 characters (the database checks the same).
    static bool isValidRequestId(const QString &requestId);

    // The outcome as kept with the callout. The engine makes it before writing; the writer
    // then sets what only the write knows: the audit row ids and whether a draft was
    // replaced.
    static QJsonObject outcomeJson(const CalloutRequest &request, const CalloutOutcome &outcome);
    static void setWritten(QJsonObject &outcome, bool replacedDraft,
                           const QList<qint64> &auditRowIds);

    // The callout recorded in `labId` under `requestId`, if any.
    Result<std::optional<CalloutOutcome>> find(qint64 labId, const QString &requestId);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
