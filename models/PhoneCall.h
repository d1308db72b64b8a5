#pragma once

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

    QJsonObject toJson() const;
    static PhoneCall fromJson(const QJsonObject &object);

    friend bool operator==(const PhoneCall &, const PhoneCall &) = default;
};

} // namespace calloutdesk
