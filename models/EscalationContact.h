#pragma once

#include <QCoreApplication>
#include <QString>

namespace calloutdesk {

// Whom a lab calls about a department's critical result once the warning time has passed
// (SPEC T3): the on-call pathologist, the ward. Kept by the lab (calloutctl escalation),
// offered first by the callout dialog, in calling order.
struct EscalationContact
{
    Q_DECLARE_TR_FUNCTIONS(EscalationContact)

public:
    static constexpr int maxCallOrder = 999;

    qint64 id = 0;
    qint64 labId = 0;
    qint64 departmentId = 0;
    QString departmentName;
    QString name;
    QString role;
    QString phone;
    QString email;
    int callOrder = 0;

    // "Dr. Rao (on-call pathologist)": who is called, as a phone call records it.
    QString who() const;
    // "+1 555 0101 · rao@lab.example": how to reach them.
    QString reach() const;

    friend bool operator==(const EscalationContact &, const EscalationContact &) = default;
};

} // namespace calloutdesk
