// The offline cache (SPEC O1) on a large lab: the first fill of a person's cache, one
// incremental refresh after 100 changed orders (issue target ≤ 200 ms), and the worklist's
// first page read from the cache (issue target ≤ 50 ms).
//   bench_cache PERSON_URL ADMIN_URL [RUNS]
// PERSON_URL is a person's own login (row-level security on: the cache holds what that
// person sees); ADMIN_URL changes the orders between refreshes. Each fill is into a new
// cache file in a temporary folder; figures are p50 (min–max) over RUNS.
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheFiller.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineCacheRefresher.h"
#include "services/search/SqlWorklistSource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

struct Figures
{
    QList<double> ms;
    void add(const QElapsedTimer &timer) { ms << double(timer.nsecsElapsed()) / 1e6; }
    QString text() const
    {
        QList<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return u"%1 (%2–%3)"_s.arg(sorted.at(sorted.size() / 2), 0, 'f', 1)
            .arg(sorted.first(), 0, 'f', 1)
            .arg(sorted.last(), 0, 'f', 1);
    }
};

std::unique_ptr<DatabaseConnection> connect(const QString &text, const QString &purpose)
{
    const auto url = DatabaseUrl::parse(text);
    auto opened = url ? DatabaseConnection::open(url.value(), purpose)
                      : Result<std::unique_ptr<DatabaseConnection>>(url.failure());
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.failure().message));
        return nullptr;
    }
    return std::move(opened.value());
}

qint64 count(DatabaseConnection &db, const QString &sql)
{
    QSqlQuery query(db.database());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_cache PERSON_URL ADMIN_URL [RUNS]\n");
        return 2;
    }
    const int runs = args.size() > 3 ? std::max(1, args.at(3).toInt()) : 5;
    auto person = connect(args.at(1), u"bench person"_s);
    auto admin = connect(args.at(2), u"bench admin"_s);
    if (!person || !admin)
        return 1;
    const auto scope = SessionLoader(*person).resolve(QString());
    if (!scope)
        return fail(scope.failure().message);

    Figures fill;
    Figures refresh;
    Figures page;
    Figures counts;
    qint64 reports = 0;
    qint64 orders = 0;
    qint64 changed = 0;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir home;
        qputenv("XDG_DATA_HOME", home.path().toLocal8Bit());
        auto cache = OfflineCache::open(OfflineCacheLocation(person->url(), u"bench"_s));
        if (!cache)
            return fail(cache.failure().message);
        DatabaseConnection &cached = *cache.value();

        QElapsedTimer timer;
        timer.start();
        const auto filled = OfflineCacheFiller(*person, cached).fill();
        if (!filled)
            return fail(filled.failure().message);
        fill.add(timer);
        orders = filled.value().orders;
        reports = count(cached, u"SELECT count(*) FROM report"_s);

        // 100 orders of the cache change on the server, one report of each, and the cache
        // is refreshed; twice, the second timed: a desk keeps its refresher between rounds
        // (OfflineCacheSync), which reads the tables' columns at its first change.
        OfflineCacheRefresher refresher(*person, cached);
        for (int round = 0; round < 2; ++round) {
            QSqlQuery picked(cached.database());
            picked.exec(
                u"SELECT min(id) FROM report GROUP BY bill_id ORDER BY random() LIMIT 100"_s);
            QStringList ids;
            while (picked.next())
                ids << picked.value(0).toString();
            picked.finish();
            if (auto changedRows = admin->run(
                    u"bench"_s,
                    u"UPDATE report SET comments = 'bench run %1.%2' WHERE id IN (%3)"_s.arg(run)
                        .arg(round)
                        .arg(ids.join(u',')));
                !changedRows) {
                return fail(changedRows.failure().message);
            }
            timer.restart();
            const auto refreshed = refresher.refresh();
            if (!refreshed)
                return fail(refreshed.failure().message);
            if (round == 1) {
                refresh.add(timer);
                changed = refreshed.value().changedOrders;
            }
        }

        SqlWorklistSource source(cached);
        for (int i = 0; i < 10; ++i) {
            WorklistQuery query;
            WorklistPage result;
            timer.restart();
            if (const Status paged = source.pageInto(scope.value(), query, result); !paged)
                return fail(paged.failure().message);
            page.add(timer);
            timer.restart();
            if (const Status counted = source.countInto(scope.value(), query, result); !counted)
                return fail(counted.failure().message);
            counts.add(timer);
        }
    }
    std::printf("login=%s runs=%d orders in cache=%lld reports in cache=%lld\n",
                qPrintable(person->url().userName()), runs, orders, reports);
    std::printf("| step | p50 ms (min–max) | target |\n|---|---:|---:|\n");
    std::printf("| first fill (%lld reports) | %s | |\n", reports, qPrintable(fill.text()));
    std::printf("| refresh after %lld changed orders | %s | ≤ 200 |\n", changed,
                qPrintable(refresh.text()));
    std::printf("| worklist first page from the cache | %s | ≤ 50 |\n", qPrintable(page.text()));
    std::printf("| worklist tab counts from the cache | %s | |\n", qPrintable(counts.text()));
    return 0;
}
