// The desk's reads while its server is away (SPEC O1, O2), through the real widgets
// offscreen, on PostgreSQL behind a relay the test takes away and brings back: online the
// desk fills the signed-in person's offline cache; offline the banner tells how old that
// data is and the worklist, an order's overview, its callout history and the export come
// from the cache, the same rows the server gave; back online the reads go to the server
// again. A department's login never sees another department's patients from its cache, and
// a person with no cache yet is told so.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TcpRelay.h"
#include "TestDatabase.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/ServerReachability.h"
#include "ui/LockScreen.h"
#include "ui/MainWindow.h"
#include "ui/OfflineBanner.h"
#include "ui/OrderOverviewPage.h"
#include "ui/SignInForm.h"

#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;
using namespace std::chrono_literals;

namespace {

constexpr int timeout = 30000;
constexpr CriticalStatus tabs[] = {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted,
                                   CriticalStatus::CalloutDone};

// The report ids each tab shows, in the order shown.
QMap<int, QList<qint64>> shownRows(MainWindow &window)
{
    QMap<int, QList<qint64>> rows;
    for (const CriticalStatus tab : tabs) {
        WorklistModel *model = worklistModel(window, tab);
        QList<qint64> ids;
        for (int row = 0; row < model->rowCount(); ++row)
            ids << model->rowAt(row).reportId;
        rows.insert(int(tab), ids);
    }
    return rows;
}

QStringList tabTexts(MainWindow &window)
{
    auto *tabWidget = window.findChild<QTabWidget *>(u"worklistTabs"_s);
    QStringList texts;
    for (int i = 0; i < tabWidget->count(); ++i)
        texts << tabWidget->tabText(i);
    return texts;
}

QStringList worklistErrors(MainWindow &window)
{
    QStringList errors;
    for (const CriticalStatus tab : tabs) {
        if (const QString error = worklistModel(window, tab)->lastError(); !error.isEmpty())
            errors << error;
    }
    return errors;
}

template <typename T> Result<T> waitFor(QFuture<Result<T>> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeout))
        return Failure::internal(u"no answer in time"_s);
    return future.result();
}

QList<qint64> historyIds(const Result<QList<HistoryEntry>> &history)
{
    QList<qint64> ids;
    if (history) {
        for (const HistoryEntry &entry : history.value())
            ids << entry.id;
    }
    return ids;
}

} // namespace

class TestOfflineReads : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<TcpRelay> m_relay;
    std::unique_ptr<QTemporaryDir> m_home;

    // The person's URL with the relay in place of the cluster.
    Result<DatabaseUrl> throughRelay(const QString &spec)
    {
        const auto direct = database().personUrl(spec);
        if (!direct)
            return direct.failure();
        return m_relay->relayed(direct.value());
    }
    static std::unique_ptr<MainWindow> openDesk(const DatabaseUrl &url)
    {
        auto window = std::make_unique<MainWindow>(DatabaseStartup(url, false), QString());
        window->setKeepsOfflineCache(true);
        window->setReachability(new ServerReachability(url, {500ms, 500ms, 1}));
        window->resize(1200, 760);
        window->show();
        return window;
    }
    // The desk of a person the sign-in dialog let in offline (SPEC O5).
    static std::unique_ptr<MainWindow> openOfflineDesk(const DatabaseUrl &url,
                                                       const SessionScope &person)
    {
        auto window = std::make_unique<MainWindow>(std::nullopt, QString());
        window->setKeepsOfflineCache(true);
        window->setReachability(new ServerReachability(url, {500ms, 500ms, 1}));
        window->openOffline(DatabaseStartup(url, false), person);
        window->show();
        return window;
    }
    static OfflineBanner *banner(MainWindow &window)
    {
        return window.findChild<OfflineBanner *>(u"offlineBanner"_s);
    }
    // Opens the person's desk and waits for the first fill of their cache.
    std::unique_ptr<MainWindow> openFilledDesk(const DatabaseUrl &url)
    {
        auto window = openDesk(url);
        QSignalSpy refreshed(window.get(), &MainWindow::offlineCacheRefreshed);
        QSignalSpy failed(window.get(), &MainWindow::offlineCacheSyncFailed);
        if (!QTest::qWaitFor([&] { return deskReady(*window) && !refreshed.isEmpty(); }, timeout)) {
            qWarning("no fill: %s",
                     qPrintable(failed.isEmpty() ? u"-"_s : failed.at(0).at(0).toString()));
            return nullptr;
        }
        return window;
    }
    // Cuts the server and waits until the desk shows its worklist again, from the cache.
    bool goOffline(MainWindow &window)
    {
        QSignalSpy counted(worklistModel(window, CriticalStatus::CalloutPending),
                           &WorklistModel::countsChanged);
        m_relay->stop();
        return QTest::qWaitFor([&] { return window.isOffline(); }, 5000)
            && QTest::qWaitFor([&] { return !counted.isEmpty() && worklistSettled(window); },
                               timeout);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        if (!isPostgres())
            QSKIP("Offline is about a server out of reach; SQLite is a file on this desk.");
        // Each test's caches in a data folder of its own.
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_DATA_HOME", m_home->path().toLocal8Bit());
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
        const auto admin = TestDatabase::postgresAdminUrl();
        QVERIFY(admin.ok());
        m_relay = std::make_unique<TcpRelay>(admin.value().host(), quint16(admin.value().port()));
        QVERIFY(m_relay->start());
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        m_relay.reset();
        m_home.reset();
        EngineTestCase::cleanup();
    }

    void offlineTheDeskReadsItsCacheAndOnlineTheServer()
    {
        // Bill 1's reports 1 and 2 called out, so the order has a history.
        Desk &sam = desk(u"support:3"_s);
        const auto called
            = CalloutEngine(sam.db()).submit(sam.scope, CalloutFixture::doneRequest({1, 2}));
        QVERIFY2(called.ok(), qPrintable(called ? QString() : called.failure().message));
        const auto url = throughRelay(u"support:3"_s);
        QVERIFY(url.ok());
        auto window = openFilledDesk(url.value());
        QVERIFY(window);
        const std::optional<QDateTime> asOf = window->offlineCacheDataAsOf();
        QVERIFY(asOf && asOf->isValid());
        QVERIFY(qAbs(asOf->secsTo(QDateTime::currentDateTimeUtc())) < 120);
        const std::shared_ptr<ConnectionPool> pool = window->connectionPool();
        QVERIFY(!pool->readsOffline());

        const QMap<int, QList<qint64>> online = shownRows(*window);
        QVERIFY(online.value(int(CriticalStatus::CalloutPending)).contains(3));
        QVERIFY(online.value(int(CriticalStatus::CalloutDone)).contains(1));
        const QStringList onlineTabs = tabTexts(*window);
        const OrderCalloutService service(pool);
        const auto historyOnline = waitFor(service.history(sam.scope, 1));
        QVERIFY(historyOnline.ok());
        QVERIFY(!historyOnline.value().isEmpty());
        OrderOverviewPage *overview = openFromTab(*window, CriticalStatus::CalloutPending, 3);
        QVERIFY(overview);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        const qsizetype reportsOnline = overview->overview()->reports.size();

        QSignalSpy overviewRead(overview, &OrderOverviewPage::loaded);
        QVERIFY(goOffline(*window));
        QVERIFY(pool->readsOffline());
        QVERIFY2(banner(*window)->text().endsWith(u" — data as of "_s + DeskTime::shown(*asOf)),
                 qPrintable(banner(*window)->text()));
        // The worklist from the cache: the same rows and counts, no "could not be loaded".
        QCOMPARE(worklistErrors(*window), QStringList());
        QCOMPARE(shownRows(*window), online);
        QCOMPARE(tabTexts(*window), onlineTabs);
        // The open order was read again, from the cache.
        QTRY_VERIFY_WITH_TIMEOUT(!overviewRead.isEmpty(), timeout);
        QTRY_VERIFY_WITH_TIMEOUT(overview->overview().has_value(), timeout);
        QCOMPARE(overview->billId(), qint64(1));
        QCOMPARE(overview->overview()->reports.size(), reportsOnline);
        // Its callout history, as the callout dialog reads it.
        const auto historyOffline = waitFor(service.history(sam.scope, 1));
        QVERIFY2(historyOffline.ok(),
                 qPrintable(historyOffline ? QString() : historyOffline.failure().message));
        QCOMPARE(historyIds(historyOffline), historyIds(historyOnline));
        // The export of the Pending tab.
        QTemporaryDir folder;
        QSignalSpy exported(window.get(), &MainWindow::exportFinished);
        const QString path = folder.filePath(u"pending.csv"_s);
        window->exportWorklist(ExportFormat::Csv, path);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, timeout);
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(exported.at(0).at(1).toString()));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + online.value(int(CriticalStatus::CalloutPending)).size());
        QVERIFY(lines.at(1).contains("RL-"));

        // Meanwhile the server gets an order the cache has not seen: once back online the
        // desk shows it, so its reads are the server's again.
        QVERIFY(db().run(u"t"_s,
                         u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, "
                         "bill_date) VALUES (6, 1, 'RL-6', 1, now())"_s)
                    .ok());
        QVERIFY(db().run(u"t"_s,
                         u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, "
                         "critical_values, sample_collected, completed, result_on) "
                         "VALUES (60, 1, 6, 2, 1, TRUE, TRUE, now())"_s)
                    .ok());
        QVERIFY(m_relay->start());
        QTRY_VERIFY_WITH_TIMEOUT(!window->isOffline(), 5000);
        QVERIFY(!pool->readsOffline());
        QVERIFY(!banner(*window)->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            shownRows(*window).value(int(CriticalStatus::CalloutPending)).contains(60), timeout);
        QCOMPARE(worklistErrors(*window), QStringList());
    }

    void aDepartmentsDeskNeverShowsAnotherDepartmentsPatientsFromItsCache()
    {
        // Order 5: Biochemistry only (Hana is Haematology's), recent, of a patient of its own.
        QVERIFY(db().run(u"t"_s,
                         u"INSERT INTO patient (id, lab_id, name, sex, date_of_birth) "
                         "VALUES (5, 1, 'Otto Other', 'M', '1970-01-01')"_s)
                    .ok());
        QVERIFY(db().run(u"t"_s,
                         u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, "
                         "bill_date) VALUES (5, 1, 'RL-5', 5, now())"_s)
                    .ok());
        QVERIFY(db().run(u"t"_s,
                         u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, "
                         "critical_values, sample_collected, completed, result_on) "
                         "VALUES (50, 1, 5, 2, 1, TRUE, TRUE, now())"_s)
                    .ok());
        const auto url = throughRelay(u"labuser:1"_s);
        QVERIFY(url.ok());
        auto window = openFilledDesk(url.value());
        QVERIFY(window);
        const QMap<int, QList<qint64>> online = shownRows(*window);
        QVERIFY(!online.value(int(CriticalStatus::CalloutPending)).isEmpty());
        for (const QList<qint64> &rows : online)
            QVERIFY(!rows.contains(50));

        QVERIFY(goOffline(*window));
        QCOMPARE(worklistErrors(*window), QStringList());
        QCOMPARE(shownRows(*window), online);
        // Search works from the cache: it finds Hana's patient, and not the other
        // department's.
        auto *search = window->findChild<QLineEdit *>(u"filterSearch"_s);
        QVERIFY(search);
        const auto searchFor = [&](const QString &text) {
            QSignalSpy counted(worklistModel(*window, CriticalStatus::CalloutPending),
                               &WorklistModel::countsChanged);
            search->setText(text);
            return QTest::qWaitFor([&] { return !counted.isEmpty() && worklistSettled(*window); },
                                   timeout);
        };
        QVERIFY(searchFor(u"Roe"_s));
        QCOMPARE(worklistErrors(*window), QStringList());
        const QList<qint64> found = shownRows(*window).value(int(CriticalStatus::CalloutPending));
        QVERIFY(!found.isEmpty());
        for (const qint64 report : found)
            QVERIFY2(report == 7 || report == 8, qPrintable(QString::number(report)));
        QVERIFY(searchFor(u"Otto"_s));
        QCOMPARE(worklistErrors(*window), QStringList());
        for (const QList<qint64> &rows : shownRows(*window))
            QVERIFY(rows.isEmpty());

        // Nor does the cache file hold them.
        const OfflineCacheLocation location(url.value(), url.value().userName());
        auto cache = OfflineCache::open(location);
        QVERIFY2(cache.ok(), qPrintable(cache ? QString() : cache.failure().message));
        auto held = cache.value()->run(u"t"_s,
                                       u"SELECT (SELECT count(*) FROM bill WHERE id = 5) "
                                       "+ (SELECT count(*) FROM patient WHERE id = 5) "
                                       "+ (SELECT count(*) FROM report WHERE id = 50), "
                                       "(SELECT count(*) FROM bill)"_s);
        QVERIFY(held.ok() && held.value().next());
        QCOMPARE(held.value().value(0).toInt(), 0);
        QVERIFY(held.value().value(1).toInt() > 0);
    }

    void anotherPersonAtTheLockScreenGetsTheirOwnCache()
    {
        const auto sam = throughRelay(u"support:3"_s);
        const auto hana = throughRelay(u"labuser:1"_s);
        QVERIFY(sam.ok() && hana.ok());
        auto window = openFilledDesk(sam.value());
        QVERIFY(window);
        window->setStartupFactory(
            [](const DatabaseUrl &signedIn) { return DatabaseStartup(signedIn, false); });
        QVERIFY(shownRows(*window).value(int(CriticalStatus::CalloutPending)).contains(2));

        QSignalSpy refreshed(window.get(), &MainWindow::offlineCacheRefreshed);
        window->lockNow();
        auto *lock = window->findChild<LockScreen *>(u"lockScreen"_s);
        lock->findChild<QPushButton *>(u"lockSwitch"_s)->click();
        QTest::keyClicks(lock->form()->findChild<QLineEdit *>(u"signInLogin"_s),
                         hana.value().userName());
        typePassword(lock->form(), QString::fromLatin1(TestDatabase::personPassword));
        lock->findChild<QPushButton *>(u"lockUnlock"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLocked() && deskReady(*window) && !refreshed.isEmpty(),
                                 timeout);
        QCOMPARE(window->database()->userName(), hana.value().userName());
        QVERIFY(QFile::exists(
            OfflineCacheLocation(hana.value(), hana.value().userName()).filePath()));
        // Potassium is Biochemistry's: Hana does not see report 2, online or offline.
        const QMap<int, QList<qint64>> online = shownRows(*window);
        QVERIFY(!online.value(int(CriticalStatus::CalloutPending)).contains(2));

        QVERIFY(goOffline(*window));
        QCOMPARE(worklistErrors(*window), QStringList());
        QCOMPARE(shownRows(*window), online);
    }

    void aPersonSignedInOfflineReadsTheCacheOrIsToldThereIsNone()
    {
        const auto url = throughRelay(u"support:3"_s);
        QVERIFY(url.ok());
        const SessionScope sam = SessionScope::support(1, 3, u"Sam Support"_s);
        m_relay->stop();
        {
            const auto window = openOfflineDesk(url.value(), sam);
            QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
            const QStringList errors = worklistErrors(*window);
            QCOMPARE(errors.size(), 3);
            QVERIFY2(errors.at(0).contains(
                         u"no offline copy of %1's data yet"_s.arg(url.value().userName())),
                     qPrintable(errors.at(0)));
            // The desk's offline journal may have made the file by now; it holds nothing
            // to read.
            QVERIFY(
                !OfflineCache::openFilled(OfflineCacheLocation(url.value(), url.value().userName()))
                     .ok());
        }

        QVERIFY(m_relay->start());
        QMap<int, QList<qint64>> online;
        {
            auto window = openFilledDesk(url.value());
            QVERIFY(window);
            online = shownRows(*window);
        }
        m_relay->stop();
        const auto window = openOfflineDesk(url.value(), sam);
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
        QCOMPARE(worklistErrors(*window), QStringList());
        QCOMPARE(shownRows(*window), online);
        QTRY_VERIFY_WITH_TIMEOUT(banner(*window)->text().contains(u"data as of"_s), timeout);
    }
};

QTEST_MAIN(TestOfflineReads)
#include "tst_offlinereads.moc"
