// Going offline and back (SPEC O2), against the real test cluster behind a relay the test
// takes away and brings back: the desk learns within 5 seconds that the server cannot be
// reached, from its own probe or at once from a job that lost the server, says so in the
// log category calloutdesk.offline, and says "online again" by itself.
#include "TcpRelay.h"
#include "TestDatabase.h"
#include "services/db/ConnectionPool.h"
#include "services/offline/ServerReachability.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;
using namespace std::chrono_literals;

namespace {

// What the desk wrote to calloutdesk.offline.
QStringList offlineLog;
QtMessageHandler previousHandler = nullptr;

void recordOfflineLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArrayView(context.category) == "calloutdesk.offline")
        offlineLog << message;
    if (previousHandler)
        previousHandler(type, context, message);
}

QFuture<Status> askServer(ConnectionPool &pool)
{
    return pool.run(ConnectionPool::Lane::Reads, [](DatabaseConnection &connection) -> Status {
        const auto asked = connection.run(u"Asking the server"_s, u"SELECT 1"_s);
        if (!asked)
            return asked.failure();
        return Done{};
    });
}

bool logHas(const QString &start)
{
    return std::any_of(offlineLog.cbegin(), offlineLog.cend(),
                       [&start](const QString &line) { return line.startsWith(start); });
}

} // namespace

class TestServerReachability : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"calloutdesk.offline.info=true"_s);
        previousHandler = qInstallMessageHandler(recordOfflineLog);
        const auto admin = TestDatabase::postgresAdminUrl();
        QVERIFY2(admin.ok(), qPrintable(admin ? QString() : admin.failure().message));
        m_cluster = admin.value();
    }

    void init()
    {
        offlineLog.clear();
        m_relay = std::make_unique<TcpRelay>(m_cluster.host(), quint16(m_cluster.port()));
        QVERIFY(m_relay->start());
    }

    void cleanup() { m_relay.reset(); }

    void aServerThatGoesAndComesBackIsSaidOfflineWithinFiveSecondsThenOnline()
    {
        ServerReachability reachability(throughRelay(), {1000ms, 1000ms, 2});
        QSignalSpy offline(&reachability, &ServerReachability::offline);
        QSignalSpy online(&reachability, &ServerReachability::online);
        reachability.start();
        // Several probes that reach the server change nothing.
        QTest::qWait(2500);
        QVERIFY(reachability.isOnline());
        QCOMPARE(offline.count(), 0);
        QVERIFY(offlineLog.isEmpty());

        QElapsedTimer timer;
        timer.start();
        m_relay->stop();
        QVERIFY(offline.wait(5000));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!reachability.isOnline());
        QVERIFY(reachability.offlineSince().has_value());
        QVERIFY(logHas(u"offline since "_s));
        QCOMPARE(online.count(), 0);

        QVERIFY(m_relay->start());
        QVERIFY(online.wait(5000));
        QVERIFY(reachability.isOnline());
        QVERIFY(logHas(u"online again"_s));
        QCOMPARE(offline.count(), 1);
    }

    void aJobThatLosesTheServerMakesTheDeskProbeAtOnce()
    {
        // The probe's own timer is far away: only the job's report can find the outage.
        ServerReachability reachability(throughRelay(), {10min, 1000ms, 2});
        QSignalSpy offline(&reachability, &ServerReachability::offline);
        reachability.start();
        QTest::qWait(500);
        QVERIFY(reachability.isOnline());

        auto pool = ConnectionPool::create(throughRelay());
        pool->setTroubleReporter(
            [&reachability](const QString &reason) { reachability.reportTrouble(reason); });
        auto first = askServer(*pool);
        QTRY_VERIFY(first.isFinished());
        QVERIFY(first.result().ok());
        QCOMPARE(offline.count(), 0);

        QElapsedTimer timer;
        timer.start();
        m_relay->stop();
        auto lost = askServer(*pool);
        QVERIFY(offline.wait(5000));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QTRY_VERIFY(lost.isFinished());
        QVERIFY(!lost.result().ok());
        pool->setTroubleReporter({});
    }

    void aPortNobodyListensOnIsOfflineAtOnce()
    {
        quint16 port = 0;
        {
            QTcpServer free;
            QVERIFY(free.listen(QHostAddress::LocalHost));
            port = free.serverPort();
        }
        DatabaseUrl nowhere = DatabaseUrl::parse(
                                  u"postgresql://127.0.0.1:%1/calloutdesk"_s.arg(port))
                                  .value();
        ServerReachability reachability(nowhere, {1000ms, 1000ms, 2});
        QSignalSpy offline(&reachability, &ServerReachability::offline);
        reachability.start();
        QVERIFY(offline.wait(5000));
        QVERIFY2(reachability.problem().contains(u"does not answer"_s),
                 qPrintable(reachability.problem()));
    }

private:
    DatabaseUrl throughRelay() const
    {
        return DatabaseUrl::parse(u"postgresql://%1@127.0.0.1:%2/%3"_s.arg(
                                      m_cluster.userName(), QString::number(m_relay->port()),
                                      m_cluster.databaseName()))
            .value();
    }

    DatabaseUrl m_cluster;
    std::unique_ptr<TcpRelay> m_relay;
};

QTEST_GUILESS_MAIN(TestServerReachability)
#include "tst_serverreachability.moc"
