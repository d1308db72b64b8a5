#pragma once

#include "models/Department.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

namespace calloutdesk {

class DatabaseConnection;

// The departments a session may filter its worklist by (SPEC U1, V2): those of its lab,
// narrowed to its own departments when the session is confined to them.
class DepartmentReader
{
public:
    explicit DepartmentReader(DatabaseConnection &connection);

    Result<QList<Department>> read(const SessionScope &scope);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
