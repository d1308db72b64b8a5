#pragma once

#include "models/BillParties.h"
#include "models/CalloutRequest.h"
#include "models/CriticalReport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace calloutdesk {

// The record of one callout: the activity log's one-line text (SPEC L1) and
// machine-readable dumped_json (L2), and the critical_callout_meta of its audit rows (D4),
// all built from the same facts.
class ActivityEntry
{
public:
    static constexpr int calloutCategory = 648;

    ActivityEntry(const CalloutRequest &request, const BillParties &bill,
                  const QList<CriticalReport> &selected, const QString &performedBy);

    QString text() const;
    QJsonObject dumpedJson() const;
    // Methods, recipients, the other contact, phone calls and the log text; an attempt's
    // draft also names its tests (callout_for, R2) and its reports (lab_report_ids, C11).
    QJsonObject calloutMeta() const;

    // "Email, Fax", with a phone call recorded as "Phone call"; "-" when none.
    QString methodText() const;
    QString recipientText() const;
    // "Dr. Jones (Referral) at 2026-12-01T10:15:00+01:00; …": the calls made (U10).
    QString callText() const;
    // "Tried - Dr. Jones (Referral), Outcome - No answer"; empty unless an attempt says
    // how it went (U9).
    QString attemptText() const;

private:
    QJsonArray callsJson() const;

    const CalloutRequest &m_request;
    const BillParties &m_bill;
    const QList<CriticalReport> &m_selected;
    QString m_performedBy;
};

} // namespace calloutdesk
