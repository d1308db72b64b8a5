#pragma once

#include "models/CalloutRequest.h"
#include "services/Failure.h"

#include <QString>

namespace calloutdesk {
class DatabaseConnection;
}

namespace calloutdesk::test {

// A small, exact lab for the callout tests, the same on both engines:
//
// lab 1 "Riverside Lab": departments 1 Haematology, 2 Biochemistry
//   doctors   1 Dr. Haem (docType 0, dept 1), 2 Dr. Assigned (docType 2),
//             3 Dr. Unlinked (docType 0, no department)
//   lab users 1 Hana Haem (type 0, home 1), 2 Bo Linked (type 1, linked 2),
//             3 Sam Support (support)
//   tests     1 Complete Blood Count (dept 1): Haemoglobin [age/sex ranges], WBC Count
//             2 Potassium (dept 2), 3 Blood Culture (dept 1, text)
//   bill 1 "RL-1": Jane Doe (F, 1980), referral Dr. Jones, City Hospital, assigned Dr. Assigned
//     report 1 CBC        pending  Hb 5.0 (critical), WBC 8 (normal)
//     report 2 Potassium  pending  K 7.1 (critical)
//     report 3 Culture    pending  "Gram positive cocci" (text: never critical)
//     report 4 CBC        pending  dismissed
//     report 5 Potassium  pending  sample not collected
//     report 6 Potassium  normal   K 4.0
//   bill 2 "RL-2": Baby Roe (M, born 10 days before the result), no referral, no organisation
//     report 7 CBC pending Hb 9.5 (critical for a newborn: bound 10)
//     report 8 CBC pending Hb 22  (not critical for a newborn: bound 24)
// lab 2 "Other Lab": department 3, lab user 4 Olga Other (type 0, home 3),
//   bill 3 "OL-1" with report 9 Potassium pending K 1.9
//
// Settings of lab 1: email, fax, sms on; whatsapp off; comment not mandatory;
// share_comment on; show_patient_name off.
class CalloutFixture
{
public:
    static Status seed(DatabaseConnection &connection);

    // Adds a bill of lab 1 with `count` critical Potassium reports (ids from firstReportId)
    // for the tests and the benchmark that vary the size of an order.
    static Status addLargeBill(DatabaseConnection &connection, qint64 billId, int count,
                               qint64 firstReportId);

    // A done callout of bill 1's `reports` by email to the organisation, with a comment;
    // an attempt of the same.
    static CalloutRequest doneRequest(QList<qint64> reports);
    static CalloutRequest attemptRequest(QList<qint64> reports);
};

} // namespace calloutdesk::test
