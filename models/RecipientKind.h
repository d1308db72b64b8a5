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
    // The party as a noun in a sentence: "patient", "referring doctor", "organisation",
    // "other contact".
    static QString noun(RecipientKind kind);
};

} // namespace calloutdesk
