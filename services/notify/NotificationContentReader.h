#pragma once

#include "NotificationContent.h"
#include "NotificationMessage.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// What one queued message says (SPEC N1), read back from the database when it is sent:
// the lab, the order, who called out and when, and each report of the message with the
// critical parameters frozen in the callout's audit rows (D4), not as they are now. The
// lab's settings decide, at sending time, whether the patient's name and the comment go
// out (D6). Two statements whatever the number of reports.
class NotificationContentReader
{
public:
    explicit NotificationContentReader(DatabaseConnection &connection);

    // InvalidInput when the message no longer matches the database (its outbox row, order
    // or a report is gone): retrying cannot help. Unavailable when the database cannot be
    // reached.
    Result<NotificationContent> read(const NotificationMessage &message);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
