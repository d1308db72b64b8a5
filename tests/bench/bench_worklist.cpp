// The worklist from the database (SqlWorklistSource) on a large lab: first page and tab
// counts (with the overdue counts of the callout clock, as the desk asks), p50/p95, with the
// query plans. Issue targets: first page ≤ 30 ms p50, counts
// ≤ 100 ms p50 on ~1 million reports (calloutctl demo --orders 250000).
//   bench_worklist URL [ITERATIONS] [SESSION]      SESSION (SQLite only) defaults to support:5;
//   on PostgreSQL the login of URL is the session, with its row-level security.
// Each tab is measured without a search and with three (issue target ≤ 30 ms p50 for page
// and counts on PostgreSQL): a name that matches nothing, a common surname, and the start
// of an order number.
#include "BenchSession.h"
#include "QueryPlan.h"
#include "services/db/DatabaseConnection.h"
#include "services/search/SqlWorklistSource.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

double percentile(QList<double> values, double q)
{
    std::sort(values.begin(), values.end());
    return values.at(qsizetype(q * double(values.size() - 1)));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_worklist URL [ITERATIONS] [SESSION]\n");
        return 2;
    }
    const int iterations = args.size() > 2 ? args.at(2).toInt() : 50;
    const QString session = args.size() > 3 ? args.at(3) : u"support:5"_s;
    auto bench = BenchSession::open(args.at(1), session);
    if (!bench)
        return 1;
    DatabaseConnection &db = *bench->db;
    const SessionScope &scope = bench->scope;
    SqlWorklistSource source(db);
    std::printf("session=%s iterations=%d\n", qPrintable(bench->name), iterations);
    std::printf("| tab | rows in tab | first page p50 ms | p95 ms | counts p50 ms | p95 ms |\n"
                "|---|---:|---:|---:|---:|---:|\n");
    const QStringList searches{QString(), u"zzqx"_s, u"silva"_s, u"rcl-00012"_s};
    const QDateTime overdueCutoff = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const auto measure = [&](const WorklistQuery &query, const QString &label) {
        QList<double> pageMs;
        QList<double> countMs;
        WorklistPage page;
        for (int i = 0; i < iterations; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (const Status counted = source.countInto(scope, query, page); !counted) {
                std::fprintf(stderr, "%s\n", qPrintable(counted.failure().message));
                return false;
            }
            countMs << double(timer.nsecsElapsed()) / 1e6;
            timer.restart();
            if (const Status paged = source.pageInto(scope, query, page); !paged) {
                std::fprintf(stderr, "%s\n", qPrintable(paged.failure().message));
                return false;
            }
            pageMs << double(timer.nsecsElapsed()) / 1e6;
        }
        std::printf("| %s | %lld | %.2f | %.2f | %.2f | %.2f |\n", qPrintable(label), page.total,
                    percentile(pageMs, 0.5), percentile(pageMs, 0.95), percentile(countMs, 0.5),
                    percentile(countMs, 0.95));
        std::fflush(stdout);
        return true;
    };
    for (const QString &search : searches) {
        for (const CriticalStatus tab : CriticalStatusInfo::calloutStatuses()) {
            WorklistQuery query;
            query.tab = tab;
            query.pageSize = 50;
            query.text = search;
            // As the desk asks: the first tab's page brings the overdue counts of the
            // callout clock (SPEC T2).
            if (tab == CriticalStatus::CalloutPending)
                query.overdueCutoff = overdueCutoff;
            const QString label = search.isEmpty()
                ? CriticalStatusInfo::label(tab)
                : u"%1, search \"%2\""_s.arg(CriticalStatusInfo::label(tab), search);
            if (!measure(query, label))
                return 1;
        }
    }
    // What the callout clock adds to the counts: Pending without it.
    if (!measure(WorklistQuery{}, u"Pending, counts without the overdue counts"_s))
        return 1;
    std::printf("\n");
    WorklistQuery query;
    query.overdueCutoff = overdueCutoff;
    WorklistPage page;
    source.countInto(scope, query, page);
    std::printf("\nPlan of the counts:\n");
    printLastQueryPlan(db);
    source.pageInto(scope, query, page);
    std::printf("\nPlan of the first Pending page:\n");
    printLastQueryPlan(db);
    query.text = u"silva"_s;
    source.countInto(scope, query, page);
    std::printf("\nPlan of the counts, search \"silva\":\n");
    printLastQueryPlan(db);
    source.pageInto(scope, query, page);
    std::printf("\nPlan of the first Pending page, search \"silva\":\n");
    printLastQueryPlan(db);
    return 0;
}
