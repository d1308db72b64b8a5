#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// SPEC S1: the five states of a report's critical_values. This enum is the single source
// of truth; the database CHECK constraints list the same numbers.
enum class CriticalStatus : int
{
    Normal = 0,
    CalloutPending = 1,
    CalloutDone = 2,
    Abnormal = 3,
    CalloutAttempted = 4,
};

class CriticalStatusInfo
{
    Q_DECLARE_TR_FUNCTIONS(CriticalStatusInfo)

public:
    static QList<CriticalStatus> all();
    // SPEC S2: the statuses that appear in the worklist and the callout dialog.
    static QList<CriticalStatus> calloutStatuses();
    static bool isCalloutStatus(CriticalStatus status);

    static std::optional<CriticalStatus> fromInt(int value);
    static int toInt(CriticalStatus status) { return static_cast<int>(status); }

    // The word a lab user reads: "Pending", "Done", "Attempted", …
    static QString label(CriticalStatus status);
    // The stable identifier used in logs, JSON and the command line.
    static QString key(CriticalStatus status);
};

} // namespace calloutdesk
