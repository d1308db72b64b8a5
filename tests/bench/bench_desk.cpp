// The desk on a large lab, as a user meets it: time from creating the window to the first
// page of the worklist and to all three tab counts, then the longest stall of the event
// loop while scrolling through pages and while filtering. Issue targets: first page
// under 1 s, no stall over 50 ms, on ~1 million reports (calloutctl demo --orders 250000).
//   bench_desk URL [SESSION]      SESSION (SQLite only) defaults to support:5; on PostgreSQL
//   the login of URL is the session. Runs offscreen.
// The time excludes starting the process and loading its libraries.
#include "DeskProbe.h"
#include "StallMeter.h"
#include "models/WorklistModel.h"
#include "services/db/DatabaseStartup.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    return true;
}

void report(const char *phase, const StallMeter &meter)
{
    std::printf("%-34s stall max %7.1f ms   p99 %6.1f ms   (%lld ticks)\n", phase, meter.max(),
                meter.p99(), static_cast<long long>(meter.ticks()));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"CalloutDesk-bench"_s);
    QSettings().clear(); // every run starts from the default set-up
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_desk URL [SESSION]\n");
        return 2;
    }
    const auto url = DatabaseUrl::parse(args.at(1));
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(url.failure().message));
        return 2;
    }
    const QString session = args.size() > 2 ? args.at(2) : u"support:5"_s;

    StallMeter meter;
    meter.start();
    QElapsedTimer clock;
    clock.start();
    // PostgreSQL: the URL's login is the session (SPEC A1); SESSION is for SQLite.
    MainWindow window(
        DatabaseStartup(url.value(), false, url.value().isSqlite() ? session : QString()),
        QString());
    window.show();
    const double shownMs = double(clock.nsecsElapsed()) / 1e6;
    double readyMs = 0;
    QObject::connect(&window, &MainWindow::stateChanged, &window, [&](MainWindow::State state) {
        if (state == MainWindow::State::Ready)
            readyMs = double(clock.nsecsElapsed()) / 1e6;
    });
    if (!waitUntil([&] {
            WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
            return window.state() == MainWindow::State::Failed
                || (pending && pending->rowCount() > 0);
        })
        || window.state() == MainWindow::State::Failed) {
        std::fprintf(stderr, "the worklist did not fill\n");
        return 1;
    }
    const double firstPageMs = double(clock.nsecsElapsed()) / 1e6;
    waitUntil([&] { return worklistSettled(window); });
    const double countsMs = double(clock.nsecsElapsed()) / 1e6;
    meter.stop();
    auto *tabs = window.findChild<QTabWidget *>(u"worklistTabs"_s);
    std::printf("window shown                       %7.1f ms\n", shownMs);
    std::printf("database opened (connect, schema)  %7.1f ms\n", readyMs);
    std::printf("first page of Pending              %7.1f ms\n", firstPageMs);
    std::printf("all tabs and counts                %7.1f ms   %s | %s | %s\n", countsMs,
                qPrintable(tabs->tabText(0)), qPrintable(tabs->tabText(1)),
                qPrintable(tabs->tabText(2)));
    report("start-up", meter);

    // Scrolling: the view asks for the next page each time it reaches the bottom.
    auto *view = window.findChild<QTableView *>(u"worklist_callout_pending"_s);
    WorklistModel *pending = worklistModel(window, CriticalStatus::CalloutPending);
    meter.start();
    for (int i = 0; i < 40; ++i) {
        view->scrollToBottom();
        QTest::qWait(20); // the view asks for more when it has laid out the bottom
        waitUntil([&] { return !pending->isLoading(); });
    }
    meter.stop();
    std::printf("rows after scrolling               %7d\n", pending->rowCount());
    report("scrolling 40 pages", meter);

    // Filtering: typing a name with human pauses, choosing a department, clearing.
    auto *search = window.findChild<QLineEdit *>(u"filterSearch"_s);
    auto *department = window.findChild<QComboBox *>(u"filterDepartment"_s);
    // A surname from the list, as a user would look one up.
    const QString surname = pending->rowAt(0).patientName.section(u' ', -1).left(4);
    meter.start();
    for (const QChar c : surname) {
        QTest::keyClick(search, c.toLatin1());
        QTest::qWait(120);
    }
    QTest::qWait(400);
    waitUntil([&] { return worklistSettled(window); });
    const int matching = pending->rowCount();
    if (department->count() > 1)
        department->setCurrentIndex(1);
    waitUntil([&] { return worklistSettled(window); });
    search->clear();
    QTest::qWait(400);
    waitUntil([&] { return worklistSettled(window); });
    meter.stop();
    std::printf("rows matching \"%s\" (first page)  %7d\n", qPrintable(surname), matching);
    report("typing, department, clearing", meter);
    return 0;
}
