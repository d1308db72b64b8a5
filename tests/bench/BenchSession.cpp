#include "BenchSession.h"

#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/MigrationRunner.h"

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

std::optional<BenchSession> BenchSession::open(const QString &url, const QString &session)
{
    const auto parsed = DatabaseUrl::parse(url);
    auto opened = parsed ? DatabaseConnection::open(parsed.value(), u"bench"_s)
                         : Result<std::unique_ptr<DatabaseConnection>>(parsed.failure());
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.failure().message));
        return std::nullopt;
    }
    DatabaseConnection &db = *opened.value();
    if (const Status current = MigrationRunner(db).checkUpToDate(); !current) {
        std::fprintf(stderr, "%s\n", qPrintable(current.failure().message));
        return std::nullopt;
    }
    const auto scope = SessionLoader(db).resolve(db.isPostgreSql() ? QString() : session);
    if (!scope) {
        std::fprintf(stderr, "%s\n", qPrintable(scope.failure().message));
        return std::nullopt;
    }
    const QString name = db.isPostgreSql() ? parsed.value().userName() : session;
    return BenchSession{std::move(opened.value()), scope.value(), name};
}

} // namespace calloutdesk
