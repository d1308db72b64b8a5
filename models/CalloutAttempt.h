#pragma once

#include "AttemptOutcome.h"
#include "PhoneCall.h"

namespace calloutdesk {

// SPEC U9: an attempt that reached nobody — whom it tried (a party of the order or a
// name) and how it went. Stored in the attempt's record (migration 0010).
struct CalloutAttempt
{
    AttemptOutcome outcome = AttemptOutcome::NoAnswer;
    PhoneCall target; // name and party

    // {"outcome": "no_answer", "name": …, "party": …} as records and outputs keep it.
    QJsonObject toJson() const
    {
        QJsonObject object = target.toJson();
        object.remove(QStringLiteral("at"));
        // SPEC T4: an attempt reached no one, so nothing was read back.
        object.remove(QStringLiteral("read_back"));
        object.insert(QStringLiteral("outcome"), AttemptOutcomeInfo::key(outcome));
        return object;
    }

    friend bool operator==(const CalloutAttempt &, const CalloutAttempt &) = default;
};

} // namespace calloutdesk
