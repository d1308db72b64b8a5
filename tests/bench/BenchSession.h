#pragma once

#include "models/SessionScope.h"
#include "services/db/DatabaseConnection.h"

#include <QString>

#include <memory>
#include <optional>

namespace calloutdesk {

// A benchmark's database and who it reads as: the URL opened, its schema checked current,
// and the session resolved (on PostgreSQL the URL's own login, with its row-level security,
// SPEC A1; on SQLite `session`, e.g. "support:5"). What went wrong is printed to standard
// error, and none is returned.
struct BenchSession
{
    std::unique_ptr<DatabaseConnection> db;
    SessionScope scope;
    QString name; // the login or the session, for the benchmark's header line

    static std::optional<BenchSession> open(const QString &url, const QString &session);
};

} // namespace calloutdesk
