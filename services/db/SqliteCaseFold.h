#pragma once

#include "services/Failure.h"

class QSqlDatabase;

namespace calloutdesk {

// SQLite's lower() and LIKE fold ASCII letters only, so a search for "çelik" missed
// "Çelik". This registers calloutdesk_fold(text), Unicode case folding by Qt, on an open
// SQLite connection; SqlDialect::folded() names it where PostgreSQL uses lower().
class SqliteCaseFold
{
public:
    static Status install(const QSqlDatabase &database);
};

} // namespace calloutdesk
