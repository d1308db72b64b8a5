#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// SPEC T4: the role of the person who took a phone call about a critical result.
enum class CallTakerRole
{
    Doctor,
    Nurse,
    Patient,
    Other
};

class CallTakerRoleInfo
{
public:
    static QList<CallTakerRole> all();
    static QString label(CallTakerRole role); // "Doctor", "Nurse", …
    static QString key(CallTakerRole role);   // "doctor", "nurse", … as records keep it
    static std::optional<CallTakerRole> fromKey(const QString &key);
};

} // namespace calloutdesk
