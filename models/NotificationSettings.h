#pragma once

#include "CommunicationMethod.h"

#include <QHash>
#include <QString>

namespace calloutdesk {

// A lab's notification settings (SPEC D6), read from its setting keys. A key that is
// absent is off: a channel nobody enabled is never offered.
class NotificationSettings
{
public:
    void set(const QString &key, bool enabled) { m_values.insert(key, enabled); }
    bool isOn(const QString &key) const { return m_values.value(key, false); }

    bool allows(CommunicationMethod method) const
    {
        return isOn(CommunicationMethodInfo::settingKey(method));
    }
    bool alwaysNotify() const { return isOn(QStringLiteral("always_notify")); }
    bool mandatoryComment() const { return isOn(QStringLiteral("mandatory_comment")); }
    bool shareComment() const { return isOn(QStringLiteral("share_comment")); }
    bool showPatientName() const { return isOn(QStringLiteral("show_patient_name")); }
    // SPEC U13: whether the always_notify gate takes only a done callout. A lab setting of
    // its own (lab.gate_requires_done, on unless the lab turns it off), carried here
    // because every reader of the gate reads these settings with the order.
    static QString gateRequiresDoneKey() { return QStringLiteral("gate_requires_done"); }
    bool gateRequiresDone() const { return m_values.value(gateRequiresDoneKey(), true); }

private:
    QHash<QString, bool> m_values;
};

} // namespace calloutdesk
