#pragma once

#include "models/BillParties.h"
#include "models/NotificationSettings.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// Reads one order of the session's lab with its parties and the lab's notification
// settings, in one query. With Lock::ForUpdate it also takes the order's row lock on
// PostgreSQL, which is what serialises two callouts on one bill (SPEC C6).
class BillReader
{
public:
    enum class Lock
    {
        None,
        ForUpdate
    };

    struct Bill
    {
        BillParties parties;
        NotificationSettings settings;
    };

    explicit BillReader(DatabaseConnection &connection);

    // An order of another lab, or one with no report the session may see, is "unknown",
    // exactly like one that does not exist (V1, V2).
    Result<Bill> read(const SessionScope &scope, qint64 billId, Lock lock = Lock::None);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
