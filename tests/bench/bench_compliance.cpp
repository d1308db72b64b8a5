// The compliance report (SPEC T5, ComplianceReader) of one year on a large lab: p50 and max
// of several runs, and the plan of its statement. Issue target: ≤ 2 s on
// PostgreSQL for a year of a lab with one million reports (calloutctl demo --orders 250000).
//   bench_compliance URL [ITERATIONS] [SESSION] [FROM TO]
// SESSION (SQLite only) defaults to support:5; on PostgreSQL the login of URL is the
// session, with its row-level security. The period defaults to the year that ends today.
#include "BenchSession.h"
#include "QueryPlan.h"
#include "services/db/DatabaseConnection.h"
#include "services/report/ComplianceReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_compliance URL [ITERATIONS] [SESSION] [FROM TO]\n");
        return 2;
    }
    const int iterations = args.size() > 2 ? args.at(2).toInt() : 7;
    const QString session = args.size() > 3 ? args.at(3) : u"support:5"_s;
    ComplianceQuery query{QDate::currentDate().addYears(-1).addDays(1), QDate::currentDate(), {}};
    if (args.size() > 5) {
        query.from = QDate::fromString(args.at(4), Qt::ISODate);
        query.to = QDate::fromString(args.at(5), Qt::ISODate);
    }
    auto bench = BenchSession::open(args.at(1), session);
    if (!bench)
        return 1;
    DatabaseConnection &db = *bench->db;
    const SessionScope &scope = bench->scope;
    std::printf("session=%s period=%s..%s iterations=%d\n", qPrintable(bench->name),
                qPrintable(query.from.toString(Qt::ISODate)),
                qPrintable(query.to.toString(Qt::ISODate)), iterations);
    QList<double> ms;
    ComplianceReport report;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto read = ComplianceReader(db).read(scope, query);
        if (!read) {
            std::fprintf(stderr, "%s\n", qPrintable(read.failure().message));
            return 1;
        }
        ms << double(timer.nsecsElapsed()) / 1e6;
        report = read.value();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("| critical reports | departments | lab weeks | breaches | p50 ms | max ms |\n"
                "|---:|---:|---:|---:|---:|---:|\n"
                "| %d | %lld | %lld | %lld | %.0f | %.0f |\n",
                report.labTotal.criticalReports, qint64(report.departments.size()),
                qint64(report.labWeeks.size()), qint64(report.breaches.size()),
                ms.at(ms.size() / 2), ms.last());
    std::printf("lab: notified %d, within target %d, still open %d, median %.1f min, p90 "
                "%.1f min\n",
                report.labTotal.notified, report.labTotal.notifiedWithinTarget,
                report.labTotal.stillOpen, report.labTotal.medianMinutes.value_or(-1),
                report.labTotal.p90Minutes.value_or(-1));
    std::printf("\nPlan of the statement:\n");
    printLastQueryPlan(db);
    return 0;
}
