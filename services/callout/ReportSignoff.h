#pragma once

#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// Signs a report (report entry's "Save & Sign") or approves it (the doctor's "Approve"),
// in one transaction under the order's lock, the same lock a callout takes. It refuses
// what the surfaces refuse, so a surface that forgot a check cannot get past it: an
// incomplete report is not signed, an unsigned one not approved, and with always_notify
// on a report that needs a callout gets none of either until one is saved (SPEC U4) —
// a done one when the lab's gate_requires_done is on (U13).
class ReportSignoff
{
public:
    enum class Action
    {
        Sign,
        Approve
    };

    explicit ReportSignoff(DatabaseConnection &connection);

    Status perform(const SessionScope &scope, qint64 reportId, Action action);

    // An SQL expression: how many done callouts name the report whose id is `reportId`
    // (an SQL expression too, such as "r.id"). A done callout writes one audit row per
    // report it names (C3); an attempt only the order's draft. The gate with the lab's
    // gate_requires_done on asks it (U13).
    static QString doneCountSql(const QString &reportId);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
