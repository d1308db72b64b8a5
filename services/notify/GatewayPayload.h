#pragma once

#include <QJsonObject>
#include <QString>

namespace calloutdesk {

struct NotificationContent;
struct NotificationMessage;

// The one JSON body every gateway gets, fax, SMS and WhatsApp alike (SPEC N2), so that a
// lab writes one adapter per provider and not one per channel:
//
//   {
//     "message_id": 42,                        outbox id; also the Idempotency-Key header
//     "channel": "fax" | "sms" | "whatsapp",
//     "to": "+4930123456",                     fax or phone number, as recorded
//     "recipient_name": "Dr A. Jones",
//     "lab": "City Lab",
//     "order_id": "B-1001",                    the lab-visible order number (lab_bill_id)
//     "patient": "Jane Doe",                   only with show_patient_name
//     "comment": "Please call back",           only with share_comment and a comment
//     "called_out_by": "Tech One",
//     "called_out_on": "2024-05-01T10:15:00Z", ISO 8601, UTC; null if unknown
//     "reports": [
//       { "test": "Electrolytes", "department": "Biochemistry",
//         "parameters": [
//           { "name": "Potassium", "value": "6.8", "unit": "mmol/L",
//             "reference_range": "3.5 - 5.1",
//             "critical_low": 2.5, "critical_high": 6.0 } ] } ],   a bound may be null
//     "text": "Critical Results Alert from City Lab for Order ID - B-1001\n…"
//   }
//
// "patient" and "comment" are left out, not null, when the content holds none: what the
// lab's settings keep back must not reach a gateway even as an empty field. "text" is a
// plain rendering for channels that carry only text (SMS, WhatsApp): the subject, then one
// line per critical parameter. Values stay strings as entered ("> 1000", "6.8").
class GatewayPayload
{
public:
    static QJsonObject build(const NotificationMessage &message,
                             const NotificationContent &content);
    // The "text" field alone.
    static QString text(const NotificationContent &content);
};

} // namespace calloutdesk
