#pragma once

#include "CalloutAttempt.h"
#include "CommunicationMethod.h"
#include "ContactDetails.h"
#include "CriticalStatus.h"
#include "PhoneCall.h"
#include "RecipientKind.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// One callout action for a whole order (SPEC C1): the selected reports, how and whom.
struct CalloutRequest
{
    enum class Kind
    {
        Attempt,
        Done
    };

    qint64 billId = 0;
    QList<qint64> reportIds;
    Kind kind = Kind::Done;
    QList<CommunicationMethod> methods;
    QList<RecipientKind> recipients;
    ContactDetails other;
    QList<PhoneCall> phoneCalls;
    QString comment;
    // SPEC U9: how an attempt went and whom it tried; only an attempt has one.
    std::optional<CalloutAttempt> attempt;
    // The statuses the caller saw (SPEC C6); a report whose status differs makes the
    // request stale. Reports not named here are not compared.
    QHash<qint64, CriticalStatus> expectedStatuses;
    // SPEC C9: one id per submission (a press of Save attempt or Callout done, one run of
    // calloutctl callout). The same id again returns the first outcome and writes nothing.
    // Letters, digits and . _ : - only, at most 100 characters.
    QString requestId;
    // A done callout whose reports are all Done already is taken as a repeat of that
    // callout and refused, unless the caller says it records a further communication.
    bool furtherCommunication = false;
    // SPEC O3: when a callout recorded on a desk that was offline was made; the record
    // keeps it beside the time the server received it. Invalid (the default): made now.
    QDateTime madeAt;

    bool isAttempt() const { return kind == Kind::Attempt; }

    // The parts of a request a refusal can be about: Failure::field holds fieldKey() of
    // one, so a form shows the message next to the control that holds that part.
    enum class Field
    {
        Reports,
        Methods,
        Recipients,
        Other,
        PhoneCalls,
        Comment,
        Attempt
    };
    static QString fieldKey(Field field)
    {
        switch (field) {
        case Field::Reports:
            return QStringLiteral("reports");
        case Field::Methods:
            return QStringLiteral("methods");
        case Field::Recipients:
            return QStringLiteral("recipients");
        case Field::Other:
            return QStringLiteral("other");
        case Field::PhoneCalls:
            return QStringLiteral("phone_calls");
        case Field::Comment:
            return QStringLiteral("comment");
        case Field::Attempt:
            return QStringLiteral("attempt");
        }
        return {};
    }
};

} // namespace calloutdesk
