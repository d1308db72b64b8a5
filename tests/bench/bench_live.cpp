// The live desk (SPEC T1, issue 15): how long after a COMMIT elsewhere the desk shows it,
// and how long the desk's event loop stalls while changes stream in.
//   bench_live DESK_URL WRITER_URL ADMIN_URL [ROUNDS] [STALL_SECONDS]
// DESK_URL is the desk's login (offscreen MainWindow, as a user opens it). Each round:
//   1. ADMIN_URL, as the laboratory system, adds a critical report to an order the desk
//      shows (one INSERT, autocommit): time from its COMMIT to the row on the desk's
//      Pending tab (sorted newest result first, so the new row belongs on the first page);
//   2. WRITER_URL, another desk's login, records a done callout of that report through the
//      callout engine: time from its COMMIT to the row gone from the desk's Pending tab.
// Then, for STALL_SECONDS (default 60), the desk only runs: the longest stall of its event
// loop and how many live updates it applied, while whatever load runs beside it (e.g.
// `calloutctl simulate --rate 600 --per minute`) writes, and every 10 s the time F5 takes to
// the first page and to the three counts. Issue targets: p95 ≤ 1 s from
// COMMIT to row; stall ≤ 50 ms at 600 results a minute.
#include "DeskProbe.h"
#include "StallMeter.h"
#include "models/WorklistModel.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseStartup.h"
#include "ui/MainWindow.h"
#include "ui/WorklistTab.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

void printFigures(const char *what, QList<double> millis)
{
    if (millis.isEmpty()) {
        std::printf("%-44s no rounds\n", what);
        return;
    }
    std::sort(millis.begin(), millis.end());
    const auto at = [&](double q) {
        return millis.at(qsizetype(q * double(millis.size() - 1)));
    };
    std::printf("%-44s n=%lld p50 %.1f ms  p95 %.1f ms  max %.1f ms\n", what,
                static_cast<long long>(millis.size()), at(0.5), at(0.95), millis.constLast());
}

std::unique_ptr<DatabaseConnection> connectTo(const QString &text, const char *what)
{
    const auto url = DatabaseUrl::parse(text);
    if (!url) {
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(url.failure().message));
        return nullptr;
    }
    auto connection = DatabaseConnection::open(url.value(), u"bench_live"_s);
    if (!connection) {
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(connection.failure().message));
        return nullptr;
    }
    return std::move(connection.value());
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"CalloutDeskBench"_s);
    QSettings().clear();
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr,
                     "usage: bench_live DESK_URL WRITER_URL ADMIN_URL [ROUNDS] "
                     "[STALL_SECONDS]\n");
        return 2;
    }
    const int rounds = args.size() > 4 ? args.at(4).toInt() : 100;
    const int stallSeconds = args.size() > 5 ? args.at(5).toInt() : 60;
    const auto deskUrl = DatabaseUrl::parse(args.at(1));
    if (!deskUrl) {
        std::fprintf(stderr, "%s\n", qPrintable(deskUrl.failure().message));
        return 2;
    }
    auto writer = connectTo(args.at(2), "WRITER_URL");
    auto admin = connectTo(args.at(3), "ADMIN_URL");
    if (!writer || !admin)
        return 2;
    const auto writerScope = SessionLoader(*writer).signedIn();
    if (!writerScope) {
        std::fprintf(stderr, "WRITER_URL: %s\n", qPrintable(writerScope.failure().message));
        return 2;
    }

    MainWindow window(DatabaseStartup(deskUrl.value(), false), QString());
    window.show();
    if (!QTest::qWaitFor([&] { return deskReady(window) && window.isLive(); }, 120000)) {
        std::fprintf(stderr, "the desk did not open and listen\n");
        return 1;
    }
    // Newest result first, so a new report belongs on the first page.
    auto *pendingTab = window.findChild<WorklistTab *>();
    emit pendingTab->sortRequested(WorklistModel::ResultTime, Qt::DescendingOrder);
    WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
    if (!QTest::qWaitFor([&] { return worklistSettled(window) && !pending->isRefreshing(); },
                         60000)) {
        std::fprintf(stderr, "the desk did not sort its worklist\n");
        return 1;
    }
    if (pending->rowCount() == 0) {
        std::fprintf(stderr, "the desk's Pending tab is empty\n");
        return 1;
    }

    QElapsedTimer clock;
    clock.start();
    qint64 awaited = 0;
    bool awaitShown = true;
    qint64 seenAt = -1;
    const auto check = [&] {
        if (awaited != 0 && seenAt < 0 && (rowOf(pending, awaited) >= 0) == awaitShown)
            seenAt = clock.nsecsElapsed();
    };
    QObject::connect(pending, &QAbstractItemModel::rowsInserted, pending, check);
    QObject::connect(pending, &QAbstractItemModel::rowsRemoved, pending, check);
    QObject::connect(pending, &QAbstractItemModel::modelReset, pending, check);
    QObject::connect(pending, &QAbstractItemModel::layoutChanged, pending, check);

    QList<double> shown;
    QList<double> calledOut;
    // The newest pending report with critical values is the model of the new ones.
    qint64 template_ = 0;
    for (int row = 0; row < pending->rowCount() && template_ == 0; ++row)
        if (!pending->rowAt(row).criticalParameters.isEmpty())
            template_ = pending->rowAt(row).reportId;
    if (template_ == 0) {
        std::fprintf(stderr, "no pending report with critical values on the first page\n");
        return 1;
    }
    for (int round = 0; round < rounds; ++round) {
        // 1. A new critical report of the order the desk's first row belongs to, with the
        //    values of that row's report (so the callout engine finds them critical).
        auto inserted = admin->run(
            u"bench: new report"_s,
            u"WITH r AS (INSERT INTO report (lab_id, bill_id, lab_test_id, critical_values, "
            "dismissed, sample_collected, completed, result_on) SELECT lab_id, bill_id, "
            "lab_test_id, 1, FALSE, TRUE, TRUE, now() FROM report WHERE id = ? "
            "RETURNING id, bill_id), v AS (INSERT INTO report_value (report_id, "
            "report_format_id, value) SELECT r.id, t.report_format_id, t.value FROM r, "
            "report_value t WHERE t.report_id = ?) SELECT id, bill_id FROM r"_s,
            {template_, template_});
        if (!inserted || !inserted.value().next()) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(inserted ? u"no row"_s : inserted.failure().message));
            return 1;
        }
        const qint64 report = inserted.value().value(0).toLongLong();
        const qint64 bill = inserted.value().value(1).toLongLong();
        awaited = report;
        awaitShown = true;
        seenAt = -1;
        qint64 committed = clock.nsecsElapsed();
        check();
        if (!QTest::qWaitFor([&] { return seenAt >= 0; }, 10000)) {
            std::fprintf(stderr, "round %d: report %lld did not show\n", round,
                         static_cast<long long>(report));
            return 1;
        }
        shown << double(seenAt - committed) / 1e6;

        // 2. Another desk calls it out.
        CalloutRequest request;
        request.billId = bill;
        request.reportIds = {report};
        request.kind = CalloutRequest::Kind::Done;
        request.methods = {CommunicationMethod::Email};
        request.recipients = {RecipientKind::Other};
        request.other.name = u"Ward 7 night nurse"_s;
        request.other.email = u"ward7@example.org"_s;
        request.comment = u"bench_live"_s;
        awaitShown = false;
        seenAt = -1;
        const auto outcome = CalloutEngine(*writer).submit(writerScope.value(), request);
        committed = clock.nsecsElapsed();
        if (!outcome) {
            std::fprintf(stderr, "round %d: %s\n", round, qPrintable(outcome.failure().message));
            return 1;
        }
        check();
        if (!QTest::qWaitFor([&] { return seenAt >= 0; }, 10000)) {
            std::fprintf(stderr, "round %d: report %lld stayed on Pending\n", round,
                         static_cast<long long>(report));
            return 1;
        }
        calledOut << double(seenAt - committed) / 1e6;
        awaited = 0;
        QTest::qWait(20);
    }
    printFigures("COMMIT of a new critical report -> row shown", shown);
    printFigures("COMMIT of a callout on another desk -> row gone", calledOut);

    if (stallSeconds > 0) {
        int applied = 0;
        int changedOrders = 0;
        QObject::connect(&window, &MainWindow::liveChangesApplied, &window,
                         [&](const QList<qint64> &orders) {
                             ++applied;
                             changedOrders += int(orders.size());
                         });
        // Meanwhile, every 10 s, the person presses F5: the first page and the counts as
        // the desk reads them while its lane also serves the live updates.
        QAction *refresh = window.findChild<QAction *>(u"actionRefresh"_s);
        QList<double> firstPage;
        QList<double> counts;
        StallMeter meter;
        meter.start();
        QElapsedTimer running;
        running.start();
        while (running.elapsed() < qint64(stallSeconds) * 1000) {
            QTest::qWait(10000);
            QElapsedTimer read;
            read.start();
            refresh->trigger();
            if (!QTest::qWaitFor([&] { return pending->rowCount() > 0; }, 30000))
                break;
            firstPage << double(read.nsecsElapsed()) / 1e6;
            if (!QTest::qWaitFor([&] { return worklistSettled(window); }, 30000))
                break;
            counts << double(read.nsecsElapsed()) / 1e6;
        }
        meter.stop();
        std::printf("%lld s running: %d live updates (%d orders), event loop stall max %.1f ms, "
                    "p99 %.1f ms\n",
                    static_cast<long long>(running.elapsed() / 1000), applied, changedOrders,
                    meter.max(), meter.p99());
        printFigures("F5 meanwhile -> first page", firstPage);
        printFigures("F5 meanwhile -> all three counts", counts);
    }
    return 0;
}
