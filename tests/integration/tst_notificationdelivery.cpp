// SPEC N3 end to end, on both engines: a done callout's messages go out through the real
// channels (a real SMTP server and a real HTTP gateway on loopback) by way of the outbox
// and the dispatcher. A server that is down never costs the callout; the message waits,
// is retried and is delivered once; a refusal is recorded with the server's own reason.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "GatewayTestServer.h"
#include "SmtpTestServer.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/DatabaseConnection.h"
#include "services/notify/EmailRenderer.h"
#include "services/notify/GatewayChannel.h"
#include "services/notify/GatewayEndpoint.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/NotificationDispatcher.h"
#include "services/notify/NotificationOutbox.h"
#include "services/notify/SmtpChannel.h"
#include "services/notify/SmtpSettings.h"

#include <QTest>

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
    NotificationDispatcher dispatcher(const NotificationChannels &channels)
    {
        NotificationDispatcher::Options options;
        options.worker = u"test-desk"_s;
        return NotificationDispatcher(
            support().db(),
            [](DatabaseConnection &connection, const NotificationMessage &message) {
                return NotificationContentReader(connection).read(message);
            },
            channels, options);
    }
    void addSmtp(NotificationChannels &channels, const QString &url)
    {
        const auto settings = SmtpSettings::parse(url);
        QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.failure().message));
        const auto renderer = EmailRenderer::fromResources();
        QVERIFY(renderer.ok());
        channels.add({u"email"_s}, std::make_unique<SmtpChannel>(settings.value(), renderer.value()));
    }
    QString outboxState() { return scalar(db(), u"SELECT state FROM notification_outbox"_s).toString(); }
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
};

QTEST_MAIN(TestNotificationDelivery)
#include "tst_notificationdelivery.moc"
