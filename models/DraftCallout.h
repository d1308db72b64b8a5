#pragma once

#include "CalloutAttempt.h"
#include "ContactDetails.h"
#include "PhoneCall.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace calloutdesk {

// The order's saved attempt (SPEC R2): what the dialog restores when it opens again.
struct DraftCallout
{
    qint64 calloutId = 0;
    QStringList recipients;           // labels: "Patient", "Organization", …
    QStringList communicationMethods; // labels: "Email", "SMS", …
    QString comment;
    ContactDetails other;        // the "Other" recipient, when the draft names one
    QList<PhoneCall> phoneCalls; // already_notified.call: calls made before the attempt
    QJsonArray criticalValuesMeta;
    QList<qint64> calloutFor; // test ids of the reports in the draft
    QDateTime createdOn;
    QString performedBy;                   // who saved it
    std::optional<CalloutAttempt> attempt; // how it went (U9); none in older drafts
};

} // namespace calloutdesk
