#pragma once

#include "CalloutAttempt.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace calloutdesk {

// A callout audit row with its names resolved, for export (SPEC R5).
struct AuditRow
{
    qint64 id = 0;
    qint64 billId = 0;
    qint64 labReportId = 0;
    bool isDraft = false;
    int status = 0;
    QString comment;
    QJsonObject criticalCalloutMeta;
    QString orgName;
    QString patientName;
    QString referralName;
    QString performedByUserName;
    QString performedByDoctorName;
    QDateTime createdOn; // when the server received it
    QDateTime madeAt;    // SPEC O3: when it was made offline; invalid when made online
    std::optional<CalloutAttempt> attempt; // an attempt's outcome and target (U9)
};

} // namespace calloutdesk
