#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// SPEC C1: whom a callout reaches.
enum class RecipientKind
{
    Patient,
    Referral,
    Organization,
    Other
};

class RecipientKindInfo
{
public:
    static QList<RecipientKind> all();
    static QString label(RecipientKind kind); // "Patient", "Referral", …
    static QString key(RecipientKind kind);   // "patient", "referral", …
    static std::optional<RecipientKind> fromKey(const QString &key);
};

} // namespace calloutdesk
