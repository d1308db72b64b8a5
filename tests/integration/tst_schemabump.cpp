// A worker that runs for hours while the database's schema is upgraded past it (by a newer
// CalloutDesk's migrate): calloutctl sync and notify loops and the desk's background
// workers check the schema version at the start of every round and stop, with the
// message every other command gives for a newer schema, before writing anything more.
// On both engines; the upgrade is a schema_version row of a version this program lacks.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "IndexTestServer.h"
#include "SmtpTestServer.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/ConnectionPool.h"
#include "services/db/Migration.h"
#include "services/notify/EmailRenderer.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/NotificationWorker.h"
#include "services/notify/SmtpChannel.h"
#include "services/notify/SmtpSettings.h"
#include "services/search/IndexSyncWorker.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestSchemaBump : public EngineTestCase
{
    Q_OBJECT

private:
    int latest() { return Migration::latestVersion(database().url().engine()); }

    // What a newer CalloutDesk's migrate leaves behind, written as the test's superuser.
    void upgradePastThisProgram()
    {
        QVERIFY(exec(db(),
                     u"INSERT INTO schema_version (version, name, applied_on) "
                     "VALUES (%1, 'from a newer CalloutDesk', '2030-01-01')"_s.arg(latest() + 1)));
    }
    QString newerSchemaMessage()
    {
        return u"has schema version %1, but this CalloutDesk knows only versions up to %2. "
               "Install a newer CalloutDesk to use this database."_s.arg(latest() + 1)
                   .arg(latest());
    }

    // Sam Support's done callout of report `report` by email to the organisation and the
    // referring doctor: two messages and an index update to send.
    void calloutDone(qint64 report)
    {
        CalloutRequest request = CalloutFixture::doneRequest({report});
        request.recipients = {RecipientKind::Organization, RecipientKind::Referral};
        Desk &support = desk(u"support:3"_s);
        const auto outcome = CalloutEngine(support.db()).submit(support.scope, request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
    }
    int rows(const QString &table, const QString &state)
    {
        return scalar(db(), u"SELECT COUNT(*) FROM %1 WHERE state = '%2'"_s.arg(table, state))
            .toInt();
    }

    // calloutctl as a service runs it, on the test's administrator URL.
    void startCalloutctl(QProcess &process, const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &variable :
             {u"CALLOUTDESK_DB"_s, u"CALLOUTDESK_INDEX"_s, u"CALLOUTDESK_SMTP"_s})
            environment.remove(variable);
        // The sender's own log lines are not what this is about.
        environment.insert(u"QT_LOGGING_RULES"_s, u"calloutdesk.*=false"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(CALLOUTCTL_PATH),
                      QStringList{u"--db"_s, database().url().displayString()} + arguments);
        QVERIFY(process.waitForStarted(10000));
    }
    // Waits, with the event loop running for the in-process servers, until the loop has
    // sent something, upgrades the schema, queues more work, and sees the loop stop.
    void verifyLoopStops(QProcess &process)
    {
        QString out;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (out += QString::fromUtf8(process.readAllStandardOutput())).contains(u"Sent 1"_s)
                || out.contains(u"Sent 2"_s),
            qPrintable(out), 30000);
        upgradePastThisProgram();
        calloutDone(1);
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 30000);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        // Stale or conflicting (README: exit 3), as every command says of a newer schema.
        QCOMPARE(process.exitCode(), 3);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.startsWith(u"calloutctl: The database "_s)
                     && err.endsWith(newerSchemaMessage() + u'\n'),
                 qPrintable(err));
        QCOMPARE(err.count(u'\n'), 1);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void calloutctlSyncLoopStops()
    {
        IndexTestServer server;
        QVERIFY(server.start());
        calloutDone(2);
        QProcess sync;
        startCalloutctl(sync, {u"sync"_s, u"--index"_s, server.url()});
        verifyLoopStops(sync);
        // The order's update queued after the upgrade was left for a program that knows it.
        QCOMPARE(rows(u"index_outbox"_s, u"done"_s), 1);
        QCOMPARE(rows(u"index_outbox"_s, u"pending"_s), 1);
    }

    void calloutctlNotifyLoopStops()
    {
        SmtpTestServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        calloutDone(2);
        QProcess notify;
        startCalloutctl(notify, {u"notify"_s, u"--smtp"_s, server.url()});
        verifyLoopStops(notify);
        QCOMPARE(server.messages().size(), 2);
        QCOMPARE(rows(u"notification_outbox"_s, u"sent"_s), 2);
        QCOMPARE(rows(u"notification_outbox"_s, u"pending"_s), 2);
    }

    void desksWorkersStop()
    {
        IndexTestServer index;
        QVERIFY(index.start());
        SmtpTestServer mail;
        QString error;
        QVERIFY2(mail.start(&error), qPrintable(error));
        const auto smtp = SmtpSettings::parse(mail.url());
        QVERIFY(smtp.ok());
        const auto renderer = EmailRenderer::fromResources();
        QVERIFY(renderer.ok());

        const auto lanes = ConnectionPool::create(database().url());
        IndexSyncWorker indexWorker(lanes, IndexEndpoint::parse(index.url()).value(), {}, 100);
        NotificationDispatcher::Options options;
        options.worker = u"test-desk"_s;
        NotificationWorker mailWorker(
            lanes,
            [settings = smtp.value(), renderer = renderer.value()] {
                auto channels = std::make_unique<NotificationChannels>();
                channels->add({u"email"_s}, std::make_unique<SmtpChannel>(settings, renderer));
                return channels;
            },
            [](DatabaseConnection &connection, const NotificationMessage &message) {
                return NotificationContentReader(connection).read(message);
            },
            options, 100);
        QSignalSpy indexStopped(&indexWorker, &IndexSyncWorker::stopped);
        QSignalSpy mailStopped(&mailWorker, &NotificationWorker::stopped);
        calloutDone(2);
        indexWorker.start();
        mailWorker.start();
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"notification_outbox"_s, u"sent"_s), 2, 30000);
        // The order is indexed for the callout, and again as each of its two messages goes
        // (the worklist shows messages not yet sent, SPEC U11; migration 0012).
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"index_outbox"_s, u"done"_s), 3, 30000);

        upgradePastThisProgram();
        QTRY_COMPARE_WITH_TIMEOUT(indexStopped.count(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(mailStopped.count(), 1, 10000);
        for (const QSignalSpy *stopped : {&indexStopped, &mailStopped}) {
            const QString reason = stopped->at(0).at(0).toString();
            QVERIFY2(reason.endsWith(newerSchemaMessage()), qPrintable(reason));
        }
        // Stopped for good: work queued now waits, however many rounds would have passed.
        calloutDone(1);
        QTest::qWait(1000);
        QCOMPARE(rows(u"index_outbox"_s, u"pending"_s), 1);
        QCOMPARE(rows(u"notification_outbox"_s, u"pending"_s), 2);
        QCOMPARE(mail.messages().size(), 2);
        QCOMPARE(indexStopped.count(), 1);
        QCOMPARE(mailStopped.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSchemaBump)
#include "tst_schemabump.moc"
