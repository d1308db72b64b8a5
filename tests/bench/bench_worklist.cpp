// The worklist from the database (SqlWorklistSource) on a large lab: first page and tab
// counts (with the overdue counts of the callout clock, as the desk asks), p50/p95, with the
// query plans. Issue targets: first page ≤ 30 ms p50, counts
// ≤ 100 ms p50 on ~1 million reports (calloutctl demo --orders 250000).
//   bench_worklist URL [ITERATIONS] [SESSION] [--baseline URL]
// SESSION (SQLite only) defaults to support:5; on PostgreSQL the login of URL is the session,
// with its row-level security.
// Each tab is measured without a search and with three (issue target ≤ 30 ms p50 for page
// and counts on PostgreSQL): a name that matches nothing, a common surname, and the start
// of an order number.
//
// --baseline: the same reads in the same session on a second database, in turns with URL
// every iteration, and for each row the median of the per-iteration ratios. For what
// row-level security costs, the baseline is a copy of the database with row security
// switched off. In turns, both meet the same machine; runs one after the other compare
// the machine's drift as much as the databases. Pin the server and the bench to different
// CPUs (README, Tests).
#include "BenchSession.h"
#include "QueryPlan.h"
#include "services/db/DatabaseConnection.h"
#include "services/search/SqlWorklistSource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

double percentile(QList<double> values, double q)
{
    std::sort(values.begin(), values.end());
    return values.at(qsizetype(q * double(values.size() - 1)));
}

// One reader of the worklist: a database, its session and its source.
struct Reader
{
    BenchSession bench;
    SqlWorklistSource source;

    explicit Reader(BenchSession opened)
        : bench(std::move(opened))
        , source(*bench.db)
    { }
};

struct Timings
{
    QList<double> pageMs;
    QList<double> countMs;
    qint64 total = 0;
};

bool readOnce(Reader &reader, const WorklistQuery &query, Timings &timings)
{
    WorklistPage page;
    QElapsedTimer timer;
    timer.start();
    if (const Status counted = reader.source.countInto(reader.bench.scope, query, page); !counted) {
        std::fprintf(stderr, "%s\n", qPrintable(counted.failure().message));
        return false;
    }
    timings.countMs << double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    if (const Status paged = reader.source.pageInto(reader.bench.scope, query, page); !paged) {
        std::fprintf(stderr, "%s\n", qPrintable(paged.failure().message));
        return false;
    }
    timings.pageMs << double(timer.nsecsElapsed()) / 1e6;
    timings.total = page.total;
    return true;
}

// The median of the per-iteration ratios, as a change: +12 % for 1.12.
double pairedChange(const QList<double> &measured, const QList<double> &baseline)
{
    QList<double> ratios;
    for (qsizetype i = 0; i < measured.size(); ++i)
        ratios << measured.at(i) / baseline.at(i);
    return (percentile(ratios, 0.5) - 1.0) * 100.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption baselineOption(
        u"baseline"_s, u"Take turns with this database and compare each row with it."_s, u"URL"_s);
    parser.addOption(baselineOption);
    parser.addPositionalArgument(u"URL"_s, u"The database to read."_s);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_worklist URL [ITERATIONS] [SESSION] [--baseline URL]\n");
        return 2;
    }
    const int iterations = args.size() > 1 ? args.at(1).toInt() : 50;
    const QString session = args.size() > 2 ? args.at(2) : u"support:5"_s;
    auto opened = BenchSession::open(args.at(0), session);
    if (!opened)
        return 1;
    Reader reader(std::move(opened.value()));
    std::unique_ptr<Reader> baseline;
    if (parser.isSet(baselineOption)) {
        auto openedBaseline = BenchSession::open(parser.value(baselineOption), session);
        if (!openedBaseline)
            return 1;
        baseline = std::make_unique<Reader>(std::move(openedBaseline.value()));
    }
    DatabaseConnection &db = *reader.bench.db;
    const SessionScope &scope = reader.bench.scope;
    SqlWorklistSource &source = reader.source;
    const QString against
        = baseline ? u" baseline=%1"_s.arg(baseline->bench.db->url().displayString()) : QString();
    std::printf("session=%s iterations=%d%s\n", qPrintable(reader.bench.name), iterations,
                qPrintable(against));
    if (baseline) {
        std::printf("| tab | rows in tab | first page p50 ms | baseline | change | counts p50 ms "
                    "| baseline | change |\n"
                    "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    } else {
        std::printf("| tab | rows in tab | first page p50 ms | p95 ms | counts p50 ms | p95 ms |\n"
                    "|---|---:|---:|---:|---:|---:|\n");
    }
    const QStringList searches{QString(), u"zzqx"_s, u"silva"_s, u"rcl-00012"_s};
    const QDateTime overdueCutoff = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const auto measure = [&](const WorklistQuery &query, const QString &label) {
        Timings measured;
        Timings compared;
        for (int i = 0; i < iterations; ++i) {
            // Every other iteration the baseline reads first, so neither always finds the
            // machine as the other left it.
            const bool baselineFirst = baseline && i % 2 == 1;
            if (baselineFirst && !readOnce(*baseline, query, compared))
                return false;
            if (!readOnce(reader, query, measured))
                return false;
            if (baseline && !baselineFirst && !readOnce(*baseline, query, compared))
                return false;
        }
        if (!baseline) {
            std::printf("| %s | %lld | %.2f | %.2f | %.2f | %.2f |\n", qPrintable(label),
                        measured.total, percentile(measured.pageMs, 0.5),
                        percentile(measured.pageMs, 0.95), percentile(measured.countMs, 0.5),
                        percentile(measured.countMs, 0.95));
        } else if (compared.total != measured.total) {
            std::fprintf(stderr,
                         "%s: the baseline has %lld rows in the tab, against %lld; compare a "
                         "database only with a copy of itself\n",
                         qPrintable(label), compared.total, measured.total);
            return false;
        } else {
            std::printf("| %s | %lld | %.2f | %.2f | %+.0f %% | %.2f | %.2f | %+.0f %% |\n",
                        qPrintable(label), measured.total, percentile(measured.pageMs, 0.5),
                        percentile(compared.pageMs, 0.5),
                        pairedChange(measured.pageMs, compared.pageMs),
                        percentile(measured.countMs, 0.5), percentile(compared.countMs, 0.5),
                        pairedChange(measured.countMs, compared.countMs));
        }
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
