// Measures how long the demo generator takes to fill an empty database.
//   bench_demo_load URL [ORDERS]
// The database must exist and be empty; it is migrated first (not timed).
#include "services/db/DatabaseConnection.h"
#include "services/db/DemoDataGenerator.h"
#include "services/db/MigrationRunner.h"

#include <QCoreApplication>

#include <cstdio>

using namespace calloutdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_demo_load URL [ORDERS]\n");
        return 2;
    }
    const auto url = DatabaseUrl::parse(args.at(1));
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(url.failure().message));
        return 2;
    }
    auto connection = DatabaseConnection::open(url.value(), QStringLiteral("bench"));
    if (!connection) {
        std::fprintf(stderr, "%s\n", qPrintable(connection.failure().message));
        return 1;
    }
    if (const auto migrated = MigrationRunner(*connection.value()).migrate(); !migrated) {
        std::fprintf(stderr, "%s\n", qPrintable(migrated.failure().message));
        return 1;
    }
    DemoDataGenerator::Options options;
    options.orders = args.size() > 2 ? args.at(2).toInt() : 250000;
    options.anchor = QDate(2026, 11, 1);
    const auto summary = DemoDataGenerator(*connection.value()).generate(options);
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.failure().message));
        return 1;
    }
    const auto &s = summary.value();
    const double seconds = double(s.milliseconds) / 1000.0;
    const qint64 rows = s.patients + s.orders + s.reports + s.reportValues + s.callouts;
    std::printf(
        "engine=%s orders=%lld reports=%lld report_values=%lld seconds=%.1f rows_per_second=%.0f\n",
        url.value().isPostgreSql() ? "postgresql" : "sqlite", s.orders, s.reports, s.reportValues,
        seconds, double(rows) / seconds);
    return 0;
}
