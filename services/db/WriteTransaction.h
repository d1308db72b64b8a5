#pragma once

#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// One write transaction, rolled back unless commit() succeeds. On SQLite it starts with
// BEGIN IMMEDIATE, so two desks writing the same file queue up at the start instead of
// failing halfway with "database is locked".
class WriteTransaction
{
public:
    explicit WriteTransaction(DatabaseConnection &connection);
    ~WriteTransaction();

    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    Status begin();
    Status commit();
    void rollback();
    bool isActive() const { return m_active; }

private:
    DatabaseConnection &m_connection;
    bool m_active = false;
};

} // namespace calloutdesk
