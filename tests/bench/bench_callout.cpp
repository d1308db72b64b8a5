// Callout latency and statement count by order size, next to a naive per-report
// implementation (SPEC C5, issue targets: constant statements ≤ 8, 20 reports ≤ 10 ms p50,
// ≥ 10× fewer statements than naive at 50 reports).
//   bench_callout ADMIN_URL [ITERATIONS]
// ADMIN_URL is a PostgreSQL (or SQLite) URL; a fresh database bench_callout_<pid> is created
// next to it on PostgreSQL and dropped afterwards.
#include "CalloutFixture.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/MigrationRunner.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

struct Figures
{
    double p50 = 0;
    double p95 = 0;
    quint64 statements = 0;
};

Figures summarise(QList<double> millis, quint64 statements)
{
    std::sort(millis.begin(), millis.end());
    const auto at = [&](double q) {
        return millis.at(qsizetype(q * double(millis.size() - 1)));
    };
    return {at(0.5), at(0.95), statements};
}

// What a straightforward implementation does: one report at a time.
Status naiveCallout(DatabaseConnection &db, const SessionScope &scope, qint64 billId,
                    const QList<qint64> &reportIds, const QString &now)
{
    WriteTransaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    auto bill = db.run(u"bill"_s,
                       u"SELECT id FROM bill WHERE id = ? AND lab_id = ?"_s
                           + (db.isPostgreSql() ? u" FOR UPDATE"_s : QString()),
                       {billId, scope.labId()});
    if (!bill)
        return bill.failure();
    if (auto deleted = db.run(
            u"draft"_s, u"DELETE FROM critical_callout WHERE bill_id = ? AND is_draft"_s, {billId});
        !deleted) {
        return deleted.failure();
    }
    for (const qint64 id : reportIds) {
        auto report = db.run(
            u"report"_s, u"SELECT critical_values, lab_test_id FROM report WHERE id = ?"_s, {id});
        if (!report)
            return report.failure();
        auto values = db.run(
            u"values"_s, u"SELECT report_format_id, value FROM report_value WHERE report_id = ?"_s,
            {id});
        if (!values)
            return values.failure();
        QList<qint64> formats;
        while (values.value().next())
            formats << values.value().value(0).toLongLong();
        for (const qint64 format : formats) {
            auto bounds = db.run(u"format"_s,
                                 u"SELECT critical_low, critical_high, age_range_flag FROM "
                                 "report_format WHERE id = ?"_s,
                                 {format});
            if (!bounds)
                return bounds.failure();
        }
        auto inserted = db.run(
            u"audit"_s,
            u"INSERT INTO critical_callout (lab_id, bill_id, lab_report_id, is_draft, status, "
            "comment, performed_by_user_id, created_on) VALUES (?, ?, ?, false, 2, 'naive', ?, ?)"_s,
            {scope.labId(), billId, id, scope.userId(), now});
        if (!inserted)
            return inserted.failure();
        auto updated = db.run(
            u"update"_s, u"UPDATE report SET critical_values = 2, last_updated = ? WHERE id = ?"_s,
            {now, id});
        if (!updated)
            return updated.failure();
    }
    auto logged = db.run(
        u"log"_s,
        u"INSERT INTO activity_log (lab_id, log_category_id, bill_id, lab_report_id, "
        "lab_user_name, activity_text, activity_date) VALUES (?, 648, ?, ?, ?, 'naive', ?)"_s,
        {scope.labId(), billId, reportIds.first(), scope.userName(), now});
    if (!logged)
        return logged.failure();
    auto journaled = db.run(
        u"outbox"_s, u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (?, 'bill', ?)"_s,
        {scope.labId(), billId});
    if (!journaled)
        return journaled.failure();
    return transaction.commit();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_callout ADMIN_URL [ITERATIONS]\n");
        return 2;
    }
    const int iterations = args.size() > 2 ? args.at(2).toInt() : 200;
    const auto admin = DatabaseUrl::parse(args.at(1));
    if (!admin) {
        std::fprintf(stderr, "%s\n", qPrintable(admin.failure().message));
        return 2;
    }
    QTemporaryDir dir;
    DatabaseUrl url = admin.value();
    const QString name = u"bench_callout_%1"_s.arg(QCoreApplication::applicationPid());
    if (url.isPostgreSql()) {
        auto adminConnection = DatabaseConnection::open(url, u"admin"_s);
        if (!adminConnection
            || !adminConnection.value()->run(u"create"_s, u"CREATE DATABASE "_s + name)) {
            std::fprintf(stderr, "cannot create the benchmark database\n");
            return 1;
        }
        url = url.withDatabaseName(name);
    } else {
        url = DatabaseUrl::sqliteFile(dir.filePath(u"bench.db"_s));
    }

    int exitCode = 0;
    {
        auto opened = DatabaseConnection::open(url, u"bench"_s);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.failure().message));
            return 1;
        }
        DatabaseConnection &db = *opened.value();
        if (!MigrationRunner(db).migrate() || !test::CalloutFixture::seed(db)) {
            std::fprintf(stderr, "cannot prepare the benchmark database\n");
            return 1;
        }
        const SessionScope scope = SessionLoader(db).support(3).value();

        std::printf("engine=%s iterations=%d\n", url.isPostgreSql() ? "postgresql" : "sqlite",
                    iterations);
        std::printf("| reports | statements | p50 ms | p95 ms | naive statements | naive p50 ms | "
                    "naive p95 ms |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        qint64 bill = 1000;
        for (const int size : {1, 10, 20, 50, 200}) {
            const qint64 engineBill = ++bill;
            const qint64 naiveBill = ++bill;
            test::CalloutFixture::addLargeBill(db, engineBill, size, engineBill * 1000);
            test::CalloutFixture::addLargeBill(db, naiveBill, size, naiveBill * 1000);
            QList<qint64> engineReports;
            QList<qint64> naiveReports;
            for (int i = 0; i < size; ++i) {
                engineReports << engineBill * 1000 + i;
                naiveReports << naiveBill * 1000 + i;
            }

            QList<double> engineMillis;
            quint64 engineStatements = 0;
            for (int i = 0; i < iterations; ++i) {
                CalloutRequest request;
                request.billId = engineBill;
                request.reportIds = engineReports;
                // Alternate, as a desk does: an attempt, then the done callout.
                request.kind = i % 2 ? CalloutRequest::Kind::Done : CalloutRequest::Kind::Attempt;
                request.methods = {CommunicationMethod::Email};
                request.recipients = {RecipientKind::Organization};
                request.comment = u"Benchmark"_s;
                const quint64 before = db.statementCount();
                QElapsedTimer timer;
                timer.start();
                const auto outcome = CalloutEngine(db).submit(scope, request);
                engineMillis << double(timer.nsecsElapsed()) / 1e6;
                if (!outcome) {
                    std::fprintf(stderr, "%s\n", qPrintable(outcome.failure().message));
                    return 1;
                }
                engineStatements = db.statementCount() - before;
            }

            QList<double> naiveMillis;
            quint64 naiveStatements = 0;
            for (int i = 0; i < iterations; ++i) {
                const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
                const quint64 before = db.statementCount();
                QElapsedTimer timer;
                timer.start();
                const Status done = naiveCallout(db, scope, naiveBill, naiveReports, now);
                naiveMillis << double(timer.nsecsElapsed()) / 1e6;
                if (!done) {
                    std::fprintf(stderr, "%s\n", qPrintable(done.failure().message));
                    return 1;
                }
                naiveStatements = db.statementCount() - before;
            }
            const Figures engine = summarise(engineMillis, engineStatements);
            const Figures naive = summarise(naiveMillis, naiveStatements);
            std::printf("| %d | %llu | %.2f | %.2f | %llu | %.2f | %.2f |\n", size,
                        engine.statements, engine.p50, engine.p95, naive.statements, naive.p50,
                        naive.p95);
            std::fflush(stdout);
        }
    }
    if (url.isPostgreSql()) {
        auto adminConnection = DatabaseConnection::open(admin.value(), u"admin"_s);
        if (adminConnection)
            adminConnection.value()->run(u"drop"_s, u"DROP DATABASE %1 WITH (FORCE)"_s.arg(name));
    }
    return exitCode;
}
