#pragma once

#include "models/BillParties.h"
#include "models/CalloutRequest.h"
#include "models/CriticalReport.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace calloutdesk {

// The activity-log record of one callout: its one-line text (SPEC L1) and its
// machine-readable dumped_json (L2), both built from the same facts.
class ActivityEntry
{
public:
    static constexpr int calloutCategory = 648;

    ActivityEntry(const CalloutRequest &request, const BillParties &bill,
                  const QList<CriticalReport> &selected, const QString &performedBy);

    QString text() const;
    QJsonObject dumpedJson() const;

    // "Email, Fax", with a phone call recorded as "Phone call"; "-" when none.
    QString methodText() const;
    QString recipientText() const;

private:
    const CalloutRequest &m_request;
    const BillParties &m_bill;
    const QList<CriticalReport> &m_selected;
    QString m_performedBy;
};

} // namespace calloutdesk
