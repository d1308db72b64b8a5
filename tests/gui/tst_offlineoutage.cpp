// The offline desk through a real outage (SPEC O2, O3): the server is stopped with pg_ctl in
// the middle of a session, not cut off by a relay. The desk says so within 5 seconds, a
// callout is recorded from the offline cache, the desk is restarted while the server is
// still down, and once PostgreSQL runs again the callout is on the server exactly once with
// the time it was made. The test runs its own PostgreSQL cluster (tests/support/
// pg-cluster.sh), so stopping it does not disturb the tests that share ctest's cluster.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "TestDatabase.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineJournal.h"
#include "services/offline/ServerReachability.h"
#include "ui/MainWindow.h"
#include "ui/OfflineBanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;
using namespace std::chrono_literals;

namespace {

constexpr int timeout = 30000;

} // namespace

class TestOfflineOutage : public QObject
{
    Q_OBJECT

private:
    QString m_clusterDir;
    std::unique_ptr<TestDatabase> m_database;
    DatabaseUrl m_url;

    bool cluster(const QString &action)
    {
        QProcess script;
        script.setProcessChannelMode(QProcess::ForwardedChannels);
        script.start(QStringLiteral(PG_CLUSTER_SCRIPT), {action, m_clusterDir});
        return script.waitForFinished(120000) && script.exitStatus() == QProcess::NormalExit
            && script.exitCode() == 0;
    }
    QList<OfflineJournal::Entry> journalEntries()
    {
        auto cache = OfflineCache::open({m_url, m_url.userName()});
        if (!cache) {
            qWarning("%s", qPrintable(cache.failure().message));
            return {};
        }
        const auto entries = OfflineJournal(*cache.value()).entries();
        return entries ? entries.value() : QList<OfflineJournal::Entry>();
    }
    void addReachability(MainWindow &window)
    {
        window.setReachability(new ServerReachability(m_url, {500ms, 500ms, 1}));
        window.setKeepsOfflineCache(true);
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<CalloutDialog *>();
        // Not in a private temporary folder: the server's own user must reach it.
        m_clusterDir = QDir::temp().filePath(
            u"calloutdesk-outage-%1"_s.arg(QCoreApplication::applicationPid()));
        QVERIFY(cluster(u"start"_s));
        qputenv("CALLOUTDESK_TEST_PG_URL_FILE",
                QDir(m_clusterDir).filePath(u"url"_s).toLocal8Bit());
        m_database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(m_database);
        auto db = m_database->connectMigrated();
        QVERIFY(db);
        QVERIFY(CalloutFixture::seed(*db).ok());
        const auto url = m_database->personUrl(u"support:3"_s);
        QVERIFY(url.ok());
        m_url = url.value();
        QSettings().clear();
        QVERIFY(QDir(OfflineCacheLocation::rootFolder()).removeRecursively());
    }

    void cleanupTestCase()
    {
        DatabaseJob::pool()->waitForDone();
        m_database.reset();
        cluster(u"stop"_s);
    }

    void aCalloutRecordedThroughAnOutageReachesTheServerOnce()
    {
        auto window = std::make_unique<MainWindow>(DatabaseStartup(m_url, false), QString());
        addReachability(*window);
        QSignalSpy refreshed(window.get(), &MainWindow::offlineCacheRefreshed);
        window->resize(1200, 760);
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), timeout);

        QVERIFY(cluster(u"pause"_s));
        QElapsedTimer sinceStopped;
        sinceStopped.start();
        QTRY_VERIFY_WITH_TIMEOUT(window->isOffline(), 5000);
        QVERIFY2(sinceStopped.elapsed() <= 5000, "the desk took longer than 5 s to say so");
        auto *banner = window->findChild<OfflineBanner *>(u"offlineBanner"_s);
        QVERIFY(banner && banner->isVisible());
        QVERIFY2(banner->text().startsWith(u"Offline since "_s)
                     && banner->text().contains(u"data as of"_s),
                 qPrintable(banner->text()));

        // The order and its dialog come from the offline cache, once the worklist has been
        // read again from it.
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
        QPointer<CalloutDialog> dialog = openFilledCalloutDialog(*window, timeout);
        QVERIFY(dialog);
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::KeptOffline, timeout);
        const QList<OfflineJournal::Entry> kept = journalEntries();
        QCOMPARE(kept.size(), 1);
        const OfflineJournal::Entry entry = kept.first();
        dialog->findChild<QPushButton *>(u"cancelButton"_s)->click();

        // Restarted while the server is still down: the person signs in offline.
        window.reset();
        MainWindow restarted(std::nullopt, QString());
        addReachability(restarted);
        restarted.openOffline(DatabaseStartup(m_url, false),
                              SessionScope::support(1, 3, u"Sam Support"_s));
        restarted.show();
        QVERIFY(restarted.isOffline());
        QTest::qWait(1000);
        QCOMPARE(journalEntries().first().state, u"pending"_s);

        QVERIFY(cluster(u"resume"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!restarted.isOffline(), timeout);
        QTRY_COMPARE_WITH_TIMEOUT(journalEntries().first().state, u"applied"_s, timeout);
        // Another replay round would have run by now: still once.
        QTest::qWait(6000);
        auto db = m_database->connect(u"check"_s);
        QVERIFY(db);
        QCOMPARE(scalar(*db,
                        u"SELECT count(*) FROM activity_log WHERE request_id = '%1'"_s.arg(
                            entry.request.requestId))
                     .toInt(),
                 1);
        QCOMPARE(scalar(*db,
                        u"SELECT (extract(epoch FROM made_at) * 1000)::bigint FROM "
                        "activity_log WHERE request_id = '%1'"_s.arg(entry.request.requestId))
                     .toLongLong(),
                 entry.madeAt.toMSecsSinceEpoch());
    }
};

QTEST_MAIN(TestOfflineOutage)
#include "tst_offlineoutage.moc"
