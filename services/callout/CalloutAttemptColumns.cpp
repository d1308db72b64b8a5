#include "CalloutAttemptColumns.h"

#include <QVariant>

namespace calloutdesk {

std::optional<CalloutAttempt> CalloutAttemptColumns::read(const QSqlQuery &row, int first)
{
    const std::optional<AttemptOutcome> outcome
        = AttemptOutcomeInfo::fromKey(row.value(first).toString());
    if (!outcome)
        return std::nullopt;
    CalloutAttempt attempt;
    attempt.outcome = *outcome;
    attempt.target.name = row.value(first + 1).toString();
    attempt.target.party = RecipientKindInfo::fromKey(row.value(first + 2).toString());
    return attempt;
}

} // namespace calloutdesk
