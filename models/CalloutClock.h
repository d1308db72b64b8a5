#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace calloutdesk {

// The callout clock of a lab (SPEC T2): a critical result must be called out within the
// target time from its result time; from the warning time on the desk warns. The lab keeps
// both (lab settings callout_target_minutes and callout_warning_minutes).
class CalloutClock
{
    Q_DECLARE_TR_FUNCTIONS(CalloutClock)

public:
    enum class Urgency
    {
        Normal,  // less than the warning time has passed
        Warning, // the warning time has passed, the target has not
        Overdue  // the target has passed
    };

    CalloutClock() = default;
    CalloutClock(int targetMinutes, int warningMinutes)
        : m_targetMinutes(targetMinutes)
        , m_warningMinutes(warningMinutes)
    { }

    int targetMinutes() const { return m_targetMinutes; }
    int warningMinutes() const { return m_warningMinutes; }

    QDateTime warningAt(const QDateTime &resultOn) const;
    QDateTime deadline(const QDateTime &resultOn) const;
    // At the warning time itself the report is in Warning; at the target itself, Overdue.
    Urgency urgencyAt(const QDateTime &resultOn, const QDateTime &now) const;
    // Seconds until the target; negative once overdue.
    qint64 secondsLeft(const QDateTime &resultOn, const QDateTime &now) const;
    // "25 min left", "Overdue 1 h 05 min": readable without the colour.
    QString text(const QDateTime &resultOn, const QDateTime &now) const;

    friend bool operator==(const CalloutClock &, const CalloutClock &) = default;

private:
    int m_targetMinutes = 60;
    int m_warningMinutes = 30;
};

} // namespace calloutdesk
