// SPEC N3, N4 end to end, on both engines: a done callout's messages go out through the
// real channels (a real SMTP server and a real HTTP gateway on loopback) by way of the
// outbox and the dispatcher. A server that is down never costs the callout; the message
// waits, is retried and is delivered once; a refusal is recorded with the server's own
// reason; settings the server refuses pause the channel, the message waits uncounted, and
// sending resumes once a probe works.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "GatewayTestServer.h"
#include "SmtpTestServer.h"
#include "TestCertificate.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/notify/EmailRenderer.h"
#include "services/notify/GatewayChannel.h"
#include "services/notify/GatewayEndpoint.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/NotificationDispatcher.h"
#include "services/notify/NotificationOutbox.h"
#include "services/notify/NotificationWorker.h"
#include "services/notify/SmtpChannel.h"
#include "services/notify/SmtpSettings.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestNotificationDelivery : public EngineTestCase
{
    Q_OBJECT

private:
    // Sam Support's desk: it records the callouts, and, seeing the whole lab, it is also the
    // login that claims and sends their messages (README: workers run on a support desk).
    Desk &support() { return desk(u"support:3"_s); }
    // Report 2 of RL-1, done, to the organisation (City Hospital) by the given method.
    void calloutDone(CommunicationMethod method)
    {
        CalloutRequest request;
        request.billId = 1;
        request.reportIds = {2};
        request.methods = {method};
        request.recipients = {RecipientKind::Organization};
        request.comment = u"Potassium 7.1 phoned through"_s;
        const auto outcome = CalloutEngine(support().db()).submit(support().scope, request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        QCOMPARE(outcome.value().notificationsQueued, 1);
    }
    static NotificationDispatcher::ContentReader contentReader()
    {
        return [](DatabaseConnection &connection, const NotificationMessage &message) {
            return NotificationContentReader(connection).read(message);
        };
    }
    // A paused channel is probed after probeIntervalMs.
    NotificationDispatcher dispatcher(const NotificationChannels &channels,
                                      qint64 probeIntervalMs = 5 * 60 * 1000)
    {
        NotificationDispatcher::Options options;
        options.worker = u"test-desk"_s;
        options.probeIntervalMs = probeIntervalMs;
        return NotificationDispatcher(support().db(), contentReader(), channels, options);
    }
    static void addSmtp(NotificationChannels &channels, const QString &url)
    {
        const auto settings = SmtpSettings::parse(url);
        QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.failure().message));
        const auto renderer = EmailRenderer::fromResources();
        QVERIFY(renderer.ok());
        channels.add({u"email"_s}, std::make_unique<SmtpChannel>(settings.value(), renderer.value()));
    }
    static QString withLogin(const SmtpTestServer &server, const QString &password)
    {
        return server.url().replace(u"smtp://"_s, u"smtp://desk:%1@"_s.arg(password));
    }
    QString outboxState() { return scalar(db(), u"SELECT state FROM notification_outbox"_s).toString(); }
    // SPEC N4: the message waits (pending), its attempt not counted, with why.
    void verifyWaitingForSettings(const QString &reasonPart)
    {
        QCOMPARE(outboxState(), u"pending"_s);
        QCOMPARE(scalar(db(), u"SELECT attempts FROM notification_outbox"_s).toInt(), 0);
        QCOMPARE(scalar(db(), u"SELECT failure_class FROM notification_outbox"_s).toString(),
                 u"configuration"_s);
        const QString reason
            = scalar(db(), u"SELECT last_error FROM notification_outbox"_s).toString();
        QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
    }
    void makeDue()
    {
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z'"_s, {})
                    .ok());
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void aMailServerThatIsDownDelaysTheMessageButNotTheCallout()
    {
        SmtpTestServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        NotificationChannels channels;
        addSmtp(channels, server.url());
        server.stop(); // the mail server goes down

        calloutDone(CommunicationMethod::Email);
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 2"_s).toInt(), 2);
        NotificationDispatcher sender = dispatcher(channels);
        NotificationDispatcher::Report report = sender.drainOnce();
        QCOMPARE(report.retried, 1);
        QCOMPARE(outboxState(), u"pending"_s);
        QCOMPARE(scalar(db(), u"SELECT attempts FROM notification_outbox"_s).toInt(), 1);
        QVERIFY(!scalar(db(), u"SELECT last_error FROM notification_outbox"_s).toString().isEmpty());
        // Not due again before its delay.
        QCOMPARE(sender.drainOnce().claimed, 0);

        QVERIFY2(server.restart(&error), qPrintable(error)); // back, on the same port
        makeDue();
        report = sender.drainOnce();
        QCOMPARE(report.sent, 1);
        QCOMPARE(outboxState(), u"sent"_s);
        makeDue();
        QCOMPARE(sender.drainOnce().claimed, 0);
        const QList<QJsonObject> mails = server.messages();
        QCOMPARE(mails.size(), 1); // delivered once
        QCOMPARE(mails.at(0).value(u"subject"_s).toString(),
                 u"Critical Results Alert from Riverside Lab for Order ID - RL-1"_s);
        QCOMPARE(mails.at(0).value(u"envelope"_s).toObject().value(u"rcpt_tos"_s).toArray(),
                 QJsonArray{u"city@hospital.example"_s});
    }

    void aRefusedRecipientIsRecordedWithTheServersReason()
    {
        SmtpTestServer::Options options;
        options.refusedRecipients = {u"city@hospital.example"_s};
        SmtpTestServer server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        NotificationChannels channels;
        addSmtp(channels, server.url());
        calloutDone(CommunicationMethod::Email);
        const NotificationDispatcher::Report report = dispatcher(channels).drainOnce();
        QCOMPARE(report.failed, 1);
        QCOMPARE(outboxState(), u"failed"_s);
        const QString reason = scalar(db(), u"SELECT last_error FROM notification_outbox"_s).toString();
        QVERIFY2(reason.contains(u"550"_s), qPrintable(reason));
        QVERIFY(server.messages().isEmpty());
        // The callout stands: the report is Done whatever the mail did.
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 2"_s).toInt(), 2);
    }

    void aGatewayErrorIsRetriedThenDelivered()
    {
        GatewayTestServer gateway;
        QVERIFY(gateway.start());
        const auto endpoint = GatewayEndpoint::parse(CommunicationMethod::Sms,
                                                     gateway.url(u"/sms"_s), u"s3cret"_s);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint ? QString() : endpoint.failure().message));
        NotificationChannels channels;
        channels.add({u"sms"_s}, std::make_unique<GatewayChannel>(QList<GatewayEndpoint>{endpoint.value()}));

        calloutDone(CommunicationMethod::Sms);
        gateway.respondWith(503, "busy");
        NotificationDispatcher sender = dispatcher(channels);
        QCOMPARE(sender.drainOnce().retried, 1);
        QVERIFY(scalar(db(), u"SELECT last_error FROM notification_outbox"_s).toString().contains(u"503"_s));

        gateway.respondWith(200, R"({"status":"queued"})");
        makeDue();
        QCOMPARE(sender.drainOnce().sent, 1);
        QCOMPARE(outboxState(), u"sent"_s);
        QCOMPARE(gateway.requests().size(), 2);
        const QJsonObject payload = gateway.lastRequest().json();
        QCOMPARE(payload.value(u"order_id"_s).toString(), u"RL-1"_s);
        QCOMPARE(payload.value(u"to"_s).toString(), u"111"_s);
        QCOMPARE(gateway.lastRequest().header("Authorization"), QByteArray("Bearer s3cret"));
    }

    void aWrongMailPasswordPausesTheChannelUntilAProbeWorks()
    {
        SmtpTestServer::Options options;
        options.login = u"desk:s3cret"_s;
        SmtpTestServer server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        NotificationChannels wrong;
        addSmtp(wrong, withLogin(server, u"wr0ng"_s));
        calloutDone(CommunicationMethod::Email);

        NotificationDispatcher sender = dispatcher(wrong, 500);
        NotificationDispatcher::Report report = sender.drainOnce();
        QCOMPARE(report.paused, 1);
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.retried, 0);
        verifyWaitingForSettings(u"535"_s);
        QVERIFY(sender.pauses().isPaused(u"email"_s));
        QVERIFY2(sender.pauses().describe().startsWith(u"email paused: "_s),
                 qPrintable(sender.pauses().describe()));
        QVERIFY(!sender.pauses().describe().contains(u"wr0ng"_s));
        QVERIFY(server.messages().isEmpty());
        // The status says which channel waits, how many messages, and why.
        const auto summary = NotificationOutbox(support().db()).summary();
        QVERIFY(summary.ok());
        QCOMPARE(summary.value().failed, 0);
        QCOMPARE(summary.value().paused.size(), 1);
        QCOMPARE(summary.value().paused.first().lane, u"email"_s);
        QCOMPARE(summary.value().paused.first().laneWaiting, 1);
        QVERIFY(summary.value().paused.first().reason.contains(u"535"_s));

        // Paused: the desk does not try the channel again before its probe.
        makeDue();
        QCOMPARE(sender.drainOnce().claimed, 0);
        // The slow timer's probe, with the password still wrong: paused again, not counted.
        QTRY_VERIFY_WITH_TIMEOUT(sender.pauses().anyProbeDue(), 5000);
        report = sender.drainOnce();
        QCOMPARE(report.claimed, 1);
        QCOMPARE(report.paused, 1);
        verifyWaitingForSettings(u"535"_s);

        // The password is put right: the next probe sends, and the channel works again.
        NotificationChannels right;
        addSmtp(right, withLogin(server, u"s3cret"_s));
        sender.setChannels(right);
        sender.probeSoon();
        report = sender.drainOnce();
        QCOMPARE(report.sent, 1);
        QCOMPARE(outboxState(), u"sent"_s);
        QVERIFY(sender.pauses().isEmpty());
        QCOMPARE(server.messages().size(), 1);
        QVERIFY(NotificationOutbox(support().db()).summary().value().paused.isEmpty());
    }

    void tlsTheServerDemandsOrDoesNotTrustPausesTheChannel()
    {
        TestCertificate certificate;
        QString error;
        QVERIFY2(certificate.make(&error), qPrintable(error));
        SmtpTestServer::Options options;
        options.tlsCertificate = certificate.certificateFile();
        options.tlsKey = certificate.keyFile();
        SmtpTestServer server(options); // STARTTLS required
        QVERIFY2(server.start(&error), qPrintable(error));
        calloutDone(CommunicationMethod::Email);

        // Plain SMTP to a server that demands STARTTLS: 530.
        NotificationChannels plain;
        addSmtp(plain, server.url());
        NotificationDispatcher sender = dispatcher(plain);
        QCOMPARE(sender.drainOnce().paused, 1);
        verifyWaitingForSettings(u"530"_s);

        // STARTTLS, but the server's certificate is not one the desk trusts.
        NotificationChannels untrusted;
        addSmtp(untrusted, server.url(u"starttls=1"_s));
        sender.setChannels(untrusted);
        sender.probeSoon();
        QCOMPARE(sender.drainOnce().paused, 1);
        verifyWaitingForSettings(u"certificate"_s);
        QVERIFY(server.messages().isEmpty());

        NotificationChannels trusted;
        addSmtp(trusted, server.url(u"starttls=1&ca="_s + certificate.certificateFile()));
        sender.setChannels(trusted);
        sender.probeSoon();
        QCOMPARE(sender.drainOnce().sent, 1);
        QCOMPARE(outboxState(), u"sent"_s);
        QCOMPARE(server.messages().size(), 1);
    }

    void aGatewayThatRefusesTheSecretPausesTheChannel()
    {
        GatewayTestServer gateway;
        QVERIFY(gateway.start());
        const auto endpoint = GatewayEndpoint::parse(CommunicationMethod::Sms,
                                                     gateway.url(u"/sms"_s), u"0ld-key"_s);
        QVERIFY(endpoint.ok());
        NotificationChannels channels;
        channels.add({u"sms"_s},
                     std::make_unique<GatewayChannel>(QList<GatewayEndpoint>{endpoint.value()}));
        calloutDone(CommunicationMethod::Sms);

        gateway.respondWith(401, R"({"error":"invalid api key"})");
        NotificationDispatcher sender = dispatcher(channels, 500);
        QCOMPARE(sender.drainOnce().paused, 1);
        verifyWaitingForSettings(u"401"_s);
        makeDue();
        QCOMPARE(sender.drainOnce().claimed, 0);
        QCOMPARE(gateway.requests().size(), 1);

        // The gateway accepts the key again (fixed at its end): the slow timer's probe sends.
        gateway.respondWith(200, R"({"status":"queued"})");
        QTRY_VERIFY_WITH_TIMEOUT(sender.pauses().anyProbeDue(), 5000);
        QCOMPARE(sender.drainOnce().sent, 1);
        QCOMPARE(outboxState(), u"sent"_s);
        QCOMPARE(gateway.requests().size(), 2);
        QVERIFY(sender.pauses().isEmpty());
    }

    void theDeskSaysWhatIsPausedAndResumesAfterASettingsChange()
    {
        SmtpTestServer::Options options;
        options.login = u"desk:s3cret"_s;
        SmtpTestServer server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        calloutDone(CommunicationMethod::Email);

        // The desk's settings, as its worker reads them each time it makes its channels.
        auto fixed = std::make_shared<std::atomic_bool>(false);
        const QString wrongUrl = withLogin(server, u"wr0ng"_s);
        const QString rightUrl = withLogin(server, u"s3cret"_s);
        const auto url = database().personUrl(u"support:3"_s);
        QVERIFY(url.ok());
        NotificationDispatcher::Options dispatch;
        dispatch.worker = u"test-desk"_s;
        NotificationWorker worker(
            ConnectionPool::create(url.value()),
            [fixed, wrongUrl, rightUrl] {
                auto channels = std::make_unique<NotificationChannels>();
                addSmtp(*channels, *fixed ? rightUrl : wrongUrl);
                return channels;
            },
            contentReader(), dispatch, 100);
        QSignalSpy drained(&worker, &NotificationWorker::drained);
        worker.start();
        const auto attention = [&drained] {
            return drained.isEmpty() ? QString() : drained.last().at(4).toString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(attention().startsWith(u"email paused: "_s), 10000);
        QVERIFY2(attention().contains(u"535"_s), qPrintable(attention()));
        verifyWaitingForSettings(u"535"_s);

        fixed->store(true);
        worker.reconfigure();
        QTRY_COMPARE_WITH_TIMEOUT(outboxState(), u"sent"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(attention().isEmpty(), 10000);
        QCOMPARE(server.messages().size(), 1);
    }
};

QTEST_MAIN(TestNotificationDelivery)
#include "tst_notificationdelivery.moc"
