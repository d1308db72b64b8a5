#pragma once

#include "CallTakerRole.h"
#include "RecipientKind.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace calloutdesk {

// A call made by phone (SPEC C1, U10): whom and when. A call that reached someone is
// evidence of a done callout ("spoke with"); a call that did not is the target of an
// attempt (U9). The time is kept as ISO 8601 with the offset (DeskTime::exported);
// records written before the time was a real date and time hold what the user typed
// ("14:05"), which is shown as it is.
// SPEC T4: who took the call, their role, and whether they read the result back, with
// the value they read back when it was typed. Whether that value matches the reports'
// critical values is the engine's finding (ReadBackComparison), kept with the record; a
// mismatch recorded anyway carries the reason it was overridden. Calls recorded before
// read-back was kept have none of this: they count as not read back.
struct PhoneCall
{
    PhoneCall() = default;
    PhoneCall(QString name, QString at, std::optional<RecipientKind> party = std::nullopt)
        : name(std::move(name))
        , at(std::move(at))
        , party(party)
    { }

    QString name;                       // who was called
    QString at;                         // when: ISO 8601, or older free text
    std::optional<RecipientKind> party; // the order's party called, when it was one
    std::optional<CallTakerRole> role;  // the role of who took the call, when given
    bool readBack = false;              // they read the result back
    QString readBackValue;              // the value they read back, when typed
    std::optional<bool> readBackMatches; // whether it matched (set when recorded)
    QString readBackOverride;            // why a mismatch was recorded anyway

    // "Dr. Jones (Referral)": the name, with the party when it is one.
    QString who() const;
    // The time as a date and time; invalid for older free text.
    QDateTime when() const;
    // The time as a desk shows it (DeskTime::shown), or the older free text.
    QString shownTime() const;
    // The time as files and outputs give it (DeskTime::exported), or the older free text.
    QString exportedTime() const;
    // "Dr. Jones (referring doctor) at 2026-12-01 14:05".
    QString text() const;
    // "nurse, read back 7.2 — matches": the role and read-back, or empty for neither.
    QString readBackText() const;

    QJsonObject toJson() const;
    static PhoneCall fromJson(const QJsonObject &object);

    friend bool operator==(const PhoneCall &, const PhoneCall &) = default;
};

} // namespace calloutdesk
