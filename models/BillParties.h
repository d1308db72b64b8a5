#pragma once

#include "ContactDetails.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace calloutdesk {

// An order and the people on it (SPEC D1), as one callout needs them.
struct BillParties
{
    qint64 billId = 0;
    qint64 labId = 0;
    QString labName;
    QString labBillId;
    QDateTime billDate;
    qint64 patientId = 0;
    ContactDetails patient;
    QChar patientSex = u'U';
    QDate patientDateOfBirth;
    std::optional<ContactDetails> referral;
    std::optional<ContactDetails> organization;
    std::optional<qint64> assignedDoctorId;
};

} // namespace calloutdesk
