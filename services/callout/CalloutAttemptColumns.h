#pragma once

#include "models/CalloutAttempt.h"

#include <QSqlQuery>

#include <optional>

namespace calloutdesk {

// The three columns of an attempt's outcome in critical_callout (migration 0010:
// attempt_outcome, attempt_target, attempt_party), read the same way by every reader.
class CalloutAttemptColumns
{
public:
    // From `first` on; none when the row has no outcome (a done row, an older draft).
    static std::optional<CalloutAttempt> read(const QSqlQuery &row, int first);
};

} // namespace calloutdesk
