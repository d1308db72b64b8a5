// SPEC N2: fax, SMS and WhatsApp go through HTTP gateways with one payload shape. Each
// delivery runs as the outbox worker will run it: blocking, on a thread with no event loop
// of its own, against a real HTTP server on loopback (GatewayTestServer).
#include "GatewayTestServer.h"
#include "TestCertificate.h"
#include "services/notify/GatewayChannel.h"
#include "services/notify/GatewayEndpoint.h"
#include "services/notify/GatewayPayload.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSettings>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <QtTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using calloutdesk::test::GatewayTestServer;
using calloutdesk::test::TestCertificate;

namespace {

const QString secret = u"s3cr3t-token"_s;

// QVERIFY2 builds its message even when the check passes: a result's failure, or nothing.
template <typename T> QString messageOf(const Result<T> &result)
{
    return result ? QString() : result.failure().message;
}

NotificationContent sampleContent(bool withPatientAndComment)
{
    NotificationContent content;
    content.labName = u"City Lab"_s;
    content.labBillId = u"B-1001"_s;
    content.recipientName = u"Dr Ada Jones"_s;
    content.calledOutBy = u"Tech One"_s;
    // 12:15 at UTC+2: the payload must say 10:15Z.
    content.calledOutOn = QDateTime(QDate(2024, 5, 1), QTime(12, 15), QTimeZone(2 * 3600));
    if (withPatientAndComment) {
        content.patientName = u"Jane Doe"_s;
        content.comment = u"Call back <now> & \"urgently\""_s;
    }
    content.reports = {
        {101,
         u"Electrolytes"_s,
         u"Biochemistry"_s,
         {{u"Potassium"_s, u"6.8"_s, u"mmol/L"_s, u"3.5 - 5.1"_s, 2.5, 6.0},
          {u"Sodium"_s, u"118"_s, u"mmol/L"_s, u"135 - 145"_s, 120.0, std::nullopt}}},
        {102,
         u"Blood count"_s,
         u"Haematology"_s,
         {{u"Platelets"_s, u"12"_s, u"10^9/L"_s, QString(), std::nullopt, 1000.0}}},
    };
    return content;
}

NotificationMessage sampleMessage(const QString &channel, qint64 id = 42)
{
    NotificationMessage message;
    message.id = id;
    message.labId = 1;
    message.billId = 7;
    message.channel = channel;
    message.recipientKind = u"referral"_s;
    message.address = u"+4930123456"_s;
    return message;
}

GatewayEndpoint endpointOf(CommunicationMethod method, const QString &url,
                           const QString &key = secret)
{
    const Result<GatewayEndpoint> endpoint = GatewayEndpoint::parse(method, url, key);
    if (!endpoint)
        qFatal("%s", qPrintable(endpoint.failure().message));
    return endpoint.value();
}

// The keys of an object and, under "<key>/", of the first element of its arrays of objects:
// the shape of a payload without its values.
QStringList shapeOf(const QJsonObject &object, const QString &prefix = QString())
{
    QStringList keys;
    for (auto it = object.begin(); it != object.end(); ++it) {
        keys << prefix + it.key();
        const QJsonArray array = it.value().toArray();
        if (!array.isEmpty() && array.first().isObject())
            keys << shapeOf(array.first().toObject(), prefix + it.key() + u'/');
    }
    return keys;
}

} // namespace

class TestGateways : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void payloadCarriesTheCalloutForEveryChannel_data();
    void payloadCarriesTheCalloutForEveryChannel();
    void payloadHasTheSameShapeForEveryChannel();
    void patientAndCommentOnlyWhenTheContentHasThem();
    void textHasTheSubjectAndOneLinePerParameter();
    void customHeaderCarriesTheSecretAsItIs();

    void transientAnswersAreUnavailable_data();
    void transientAnswersAreUnavailable();
    void clientErrorIsInvalidInputWithTheAnswer();
    void redirectIsNotFollowed();
    void silentGatewayIsUnavailableWithinTheTimeout();
    void refusedConnectionIsUnavailable();
    void droppedConnectionIsUnavailable();
    void tlsWithTheLabsOwnAuthority();
    void channelWithoutGatewayIsInternal();
    void messageWithoutNumberIsInvalidInput();

    void endpointParses_data();
    void endpointParses();
    void endpointParseErrorsSayWhatIsWrong_data();
    void endpointParseErrorsSayWhatIsWrong();
    void endpointConfigurationPrecedence();
    void channelConfigurationFailsOnABrokenGateway();

private:
    // Runs channel.deliver() on a thread of its own, as the outbox worker will, while this
    // thread's event loop serves the test server.
    void deliverOnThread(GatewayChannel &channel, const NotificationMessage &message,
                         const NotificationContent &content, std::optional<Status> &result,
                         qint64 *elapsedMs = nullptr);

    std::unique_ptr<GatewayTestServer> m_server;
};

void TestGateways::init()
{
    m_server = std::make_unique<GatewayTestServer>();
    QVERIFY(m_server->start());
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        qunsetenv(GatewayEndpoint::environmentVariable(method).toLatin1().constData());
        qunsetenv(GatewayEndpoint::secretVariable(method).toLatin1().constData());
    }
}

void TestGateways::cleanup()
{
    m_server.reset();
}

void TestGateways::deliverOnThread(GatewayChannel &channel, const NotificationMessage &message,
                                   const NotificationContent &content,
                                   std::optional<Status> &result, qint64 *elapsedMs)
{
    std::unique_ptr<QThread> thread(QThread::create([&] {
        QElapsedTimer timer;
        timer.start();
        result = channel.deliver(message, content);
        if (elapsedMs)
            *elapsedMs = timer.elapsed();
    }));
    thread->start();
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 30000);
    QVERIFY(result.has_value());
}

void TestGateways::payloadCarriesTheCalloutForEveryChannel_data()
{
    QTest::addColumn<CommunicationMethod>("method");
    QTest::newRow("fax") << CommunicationMethod::Fax;
    QTest::newRow("sms") << CommunicationMethod::Sms;
    QTest::newRow("whatsapp") << CommunicationMethod::WhatsApp;
}

void TestGateways::payloadCarriesTheCalloutForEveryChannel()
{
    QFETCH(CommunicationMethod, method);
    const QString key = CommunicationMethodInfo::key(method);
    GatewayChannel channel({endpointOf(method, m_server->url(u"/send/"_s + key))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(key), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(*result, qPrintable(messageOf(*result)));

    QCOMPARE(m_server->requests().size(), 1);
    const GatewayTestServer::Request request = m_server->lastRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, u"/send/"_s + key);
    QVERIFY(request.header("Content-Type").startsWith("application/json"));
    QCOMPARE(request.header("Authorization"), "Bearer " + secret.toUtf8());
    QCOMPARE(request.header("Idempotency-Key"), QByteArray("42"));

    const QJsonObject payload = request.json();
    QCOMPARE(payload[u"message_id"_s].toInteger(), qint64(42));
    QCOMPARE(payload[u"channel"_s].toString(), key);
    QCOMPARE(payload[u"to"_s].toString(), u"+4930123456"_s);
    QCOMPARE(payload[u"recipient_name"_s].toString(), u"Dr Ada Jones"_s);
    QCOMPARE(payload[u"lab"_s].toString(), u"City Lab"_s);
    QCOMPARE(payload[u"order_id"_s].toString(), u"B-1001"_s);
    QCOMPARE(payload[u"patient"_s].toString(), u"Jane Doe"_s);
    QCOMPARE(payload[u"comment"_s].toString(), u"Call back <now> & \"urgently\""_s);
    QCOMPARE(payload[u"called_out_by"_s].toString(), u"Tech One"_s);
    QCOMPARE(payload[u"called_out_on"_s].toString(), u"2024-05-01T10:15:00Z"_s);

    const QJsonArray reports = payload[u"reports"_s].toArray();
    QCOMPARE(reports.size(), 2);
    QCOMPARE(reports[0][u"test"_s].toString(), u"Electrolytes"_s);
    QCOMPARE(reports[0][u"department"_s].toString(), u"Biochemistry"_s);
    const QJsonArray electrolytes = reports[0][u"parameters"_s].toArray();
    QCOMPARE(electrolytes.size(), 2);
    const QJsonObject potassium = electrolytes[0].toObject();
    QCOMPARE(potassium[u"name"_s].toString(), u"Potassium"_s);
    QCOMPARE(potassium[u"value"_s].toString(), u"6.8"_s);
    QCOMPARE(potassium[u"unit"_s].toString(), u"mmol/L"_s);
    QCOMPARE(potassium[u"reference_range"_s].toString(), u"3.5 - 5.1"_s);
    QCOMPARE(potassium[u"critical_low"_s].toDouble(), 2.5);
    QCOMPARE(potassium[u"critical_high"_s].toDouble(), 6.0);
    // A bound the parameter does not have is null, not missing: the shape stays one.
    const QJsonObject sodium = electrolytes[1].toObject();
    QVERIFY(sodium.contains(u"critical_high"_s));
    QVERIFY(sodium[u"critical_high"_s].isNull());
    QCOMPARE(reports[1][u"parameters"_s][0][u"critical_high"_s].toDouble(), 1000.0);
    QVERIFY(reports[1][u"parameters"_s][0][u"critical_low"_s].isNull());

    QCOMPARE(payload[u"text"_s].toString(), GatewayPayload::text(sampleContent(true)));
}

void TestGateways::payloadHasTheSameShapeForEveryChannel()
{
    GatewayChannel channel({endpointOf(CommunicationMethod::Fax, m_server->url(u"/fax"_s)),
                            endpointOf(CommunicationMethod::Sms, m_server->url(u"/sms"_s)),
                            endpointOf(CommunicationMethod::WhatsApp, m_server->url(u"/wa"_s))});
    qint64 id = 1;
    for (const QString &key : {u"fax"_s, u"sms"_s, u"whatsapp"_s}) {
        std::optional<Status> result;
        deliverOnThread(channel, sampleMessage(key, id++), sampleContent(true), result);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(*result, qPrintable(messageOf(*result)));
    }
    const QList<GatewayTestServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[0].path, u"/fax"_s);
    QCOMPARE(requests[1].path, u"/sms"_s);
    QCOMPARE(requests[2].path, u"/wa"_s);

    // Same keys everywhere, and the same values but for channel and message id.
    QJsonObject fax = requests[0].json();
    const QStringList shape = shapeOf(fax);
    QVERIFY(shape.contains(u"reports/parameters/critical_low"_s));
    for (const GatewayTestServer::Request &request : requests.mid(1)) {
        QJsonObject other = request.json();
        QCOMPARE(shapeOf(other), shape);
        for (QJsonObject *payload : {&fax, &other}) {
            payload->remove(u"channel"_s);
            payload->remove(u"message_id"_s);
        }
        QCOMPARE(other, fax);
    }
}

void TestGateways::patientAndCommentOnlyWhenTheContentHasThem()
{
    GatewayChannel channel({endpointOf(CommunicationMethod::Sms, m_server->url(u"/sms"_s))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"sms"_s), sampleContent(false), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(*result, qPrintable(messageOf(*result)));

    const QJsonObject payload = m_server->lastRequest().json();
    QVERIFY(!payload.contains(u"patient"_s));
    QVERIFY(!payload.contains(u"comment"_s));
    QVERIFY(!m_server->lastRequest().body.contains("Jane Doe"));
    QCOMPARE(payload[u"order_id"_s].toString(), u"B-1001"_s);
}

void TestGateways::textHasTheSubjectAndOneLinePerParameter()
{
    const QStringList lines = GatewayPayload::text(sampleContent(true)).split(u'\n');
    QCOMPARE(lines,
             (QStringList{
                 u"Critical Results Alert from City Lab for Order ID - B-1001"_s,
                 u"Electrolytes: Potassium 6.8 mmol/L (critical < 2.5 or > 6; ref 3.5 - 5.1)"_s,
                 u"Electrolytes: Sodium 118 mmol/L (critical < 120; ref 135 - 145)"_s,
                 u"Blood count: Platelets 12 10^9/L (critical > 1000)"_s,
             }));
}

void TestGateways::customHeaderCarriesTheSecretAsItIs()
{
    GatewayChannel channel({endpointOf(CommunicationMethod::WhatsApp,
                                       m_server->url(u"/wa?header=X-Api-Key&account=7"_s))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"whatsapp"_s, 9), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(*result, qPrintable(messageOf(*result)));
    const GatewayTestServer::Request request = m_server->lastRequest();
    QCOMPARE(request.header("X-Api-Key"), secret.toUtf8());
    QVERIFY(!request.hasHeader("Authorization"));
    QCOMPARE(request.header("Idempotency-Key"), QByteArray("9"));
    // The endpoint's own query items stay with the URL; the configuration ones do not.
    QCOMPARE(request.path, u"/wa?account=7"_s);
}

void TestGateways::transientAnswersAreUnavailable_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("500") << 500;
    QTest::newRow("502") << 502;
    QTest::newRow("503") << 503;
    QTest::newRow("429") << 429;
    QTest::newRow("408") << 408;
}

void TestGateways::transientAnswersAreUnavailable()
{
    QFETCH(int, status);
    m_server->respondWith(status, R"({"error":"busy"})");
    GatewayChannel channel({endpointOf(CommunicationMethod::Fax, m_server->url(u"/fax"_s))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"fax"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    QCOMPARE(result->failure().kind, Failure::Kind::Unavailable);
    QVERIFY2(result->failure().message.contains(QString::number(status)),
             qPrintable(result->failure().message));
}

void TestGateways::clientErrorIsInvalidInputWithTheAnswer()
{
    // A gateway that echoes the request, secret included, and says much.
    const QByteArray answer = R"({"error":"invalid number","echo":"Bearer )" + secret.toUtf8()
        + R"(","detail":")" + QByteArray(2000, 'x') + R"("})";
    m_server->respondWith(422, answer);
    GatewayChannel channel({endpointOf(CommunicationMethod::Sms, m_server->url(u"/sms"_s))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"sms"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    const Failure &failure = result->failure();
    QCOMPARE(failure.kind, Failure::Kind::InvalidInput);
    QVERIFY2(failure.message.contains(u"422"_s), qPrintable(failure.message));
    QVERIFY2(failure.message.contains(u"invalid number"_s), qPrintable(failure.message));
    QVERIFY2(failure.message.contains(u"SMS gateway"_s), qPrintable(failure.message));
    QVERIFY2(!failure.message.contains(secret), qPrintable(failure.message));
    QVERIFY2(failure.message.size() < GatewayChannel::quotedAnswerLength + 200,
             qPrintable(QString::number(failure.message.size())));
    QVERIFY(failure.message.endsWith(u'…'));

    // Without a body, the status's reason phrase says it. 401 and 403 refuse the desk's
    // secret, not the message: a configuration failure (SPEC N4).
    for (const int status : {401, 403}) {
        m_server->respondWith(status);
        deliverOnThread(channel, sampleMessage(u"sms"_s), sampleContent(true), result);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result->failure().kind, Failure::Kind::Configuration);
        QVERIFY2(result->failure().message.contains(status == 401 ? u"401: Unauthorized"_s
                                                                  : u"403: Forbidden"_s),
                 qPrintable(result->failure().message));
        QVERIFY2(!result->failure().message.contains(secret),
                 qPrintable(result->failure().message));
    }
}

void TestGateways::redirectIsNotFollowed()
{
    m_server->respondWith(302, {}, {{"Location", m_server->url(u"/elsewhere"_s).toUtf8()}});
    GatewayChannel channel({endpointOf(CommunicationMethod::Fax, m_server->url(u"/fax"_s))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"fax"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    QCOMPARE(result->failure().kind, Failure::Kind::Internal);
    QVERIFY2(result->failure().message.contains(u"/elsewhere"_s),
             qPrintable(result->failure().message));
    // The secret went to the configured URL only.
    QCOMPARE(m_server->requests().size(), 1);
}

void TestGateways::silentGatewayIsUnavailableWithinTheTimeout()
{
    m_server->setStalling(true);
    GatewayChannel channel(
        {endpointOf(CommunicationMethod::Fax, m_server->url(u"/fax?timeout=0.5"_s))});
    std::optional<Status> result;
    qint64 elapsed = -1;
    deliverOnThread(channel, sampleMessage(u"fax"_s), sampleContent(true), result, &elapsed);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    QCOMPARE(result->failure().kind, Failure::Kind::Unavailable);
    QVERIFY2(result->failure().message.contains(u"0.5 s"_s), qPrintable(result->failure().message));
    QCOMPARE(m_server->requests().size(), 1); // it did arrive; the answer did not
    // Not before the timeout (timers may fire a little early), not long after it.
    QVERIFY2(elapsed >= 450 && elapsed < 3000, qPrintable(QString::number(elapsed)));
}

void TestGateways::refusedConnectionIsUnavailable()
{
    const QString url = m_server->url(u"/sms"_s);
    m_server->setRefusingConnections(true);
    GatewayChannel channel({endpointOf(CommunicationMethod::Sms, url)});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"sms"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    QCOMPARE(result->failure().kind, Failure::Kind::Unavailable);
    QVERIFY2(result->failure().message.contains(u"refused"_s),
             qPrintable(result->failure().message));
    QVERIFY(!result->failure().message.contains(secret));
}

void TestGateways::droppedConnectionIsUnavailable()
{
    // Qt sends a request again by itself when the connection closes before any answer, so
    // one drop is not a failure: the gateway gets the message twice with one
    // Idempotency-Key, which is what the key is for.
    m_server->dropNextRequests(1);
    GatewayChannel channel({endpointOf(CommunicationMethod::WhatsApp, m_server->url(u"/wa"_s))});
    std::optional<Status> result;
    deliverOnThread(channel, sampleMessage(u"whatsapp"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(*result, qPrintable(messageOf(*result)));
    const QList<GatewayTestServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[0].header("Idempotency-Key"), QByteArray("42"));
    QCOMPARE(requests[1].header("Idempotency-Key"), QByteArray("42"));
    QCOMPARE(requests[1].body, requests[0].body);

    // A gateway that always hangs up is unavailable.
    m_server->dropNextRequests(1000);
    deliverOnThread(channel, sampleMessage(u"whatsapp"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    QCOMPARE(result->failure().kind, Failure::Kind::Unavailable);
    QVERIFY2(result->failure().message.contains(u"closed the connection"_s),
             qPrintable(result->failure().message));
}

void TestGateways::tlsWithTheLabsOwnAuthority()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
    TestCertificate certificate;
    QString error;
    QVERIFY2(certificate.make(&error), qPrintable(error));
    GatewayTestServer tls;
    QVERIFY(tls.startTls(certificate.certificate(), certificate.key()));

    // The lab's own authority is not trusted by default: nothing is sent, and only a change
    // of configuration helps, so the channel pauses and the message waits (SPEC N4).
    GatewayChannel untrusted({endpointOf(CommunicationMethod::Fax, tls.url(u"/fax"_s))});
    std::optional<Status> result;
    deliverOnThread(untrusted, sampleMessage(u"fax"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!*result);
    QCOMPARE(result->failure().kind, Failure::Kind::Configuration);
    QVERIFY2(result->failure().message.contains(u"TLS"_s), qPrintable(result->failure().message));
    QVERIFY(tls.requests().isEmpty());

    GatewayChannel trusted({endpointOf(CommunicationMethod::Fax,
                                       tls.url(u"/fax?ca="_s + certificate.certificateFile()))});
    deliverOnThread(trusted, sampleMessage(u"fax"_s), sampleContent(true), result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(*result, qPrintable(messageOf(*result)));
    QCOMPARE(tls.requests().size(), 1);
    QCOMPARE(tls.lastRequest().path, u"/fax"_s);
    QCOMPARE(tls.lastRequest().header("Authorization"), "Bearer " + secret.toUtf8());
    QCOMPARE(tls.lastRequest().json()[u"order_id"_s].toString(), u"B-1001"_s);
}

void TestGateways::channelWithoutGatewayIsInternal()
{
    GatewayChannel channel({endpointOf(CommunicationMethod::Sms, m_server->url(u"/sms"_s))});
    Status fax = channel.deliver(sampleMessage(u"fax"_s), sampleContent(true));
    QVERIFY(!fax);
    QCOMPARE(fax.failure().kind, Failure::Kind::Internal);
    QVERIFY2(fax.failure().message.contains(u"No gateway configured for fax"_s),
             qPrintable(fax.failure().message));
    QVERIFY2(fax.failure().message.contains(u"CALLOUTDESK_FAX_GATEWAY"_s),
             qPrintable(fax.failure().message));

    for (const QString &key : {u"email"_s, u"pigeon"_s}) {
        const Status other = channel.deliver(sampleMessage(key), sampleContent(true));
        QVERIFY(!other);
        QCOMPARE(other.failure().kind, Failure::Kind::Internal);
    }
    QVERIFY(m_server->requests().isEmpty());
}

void TestGateways::messageWithoutNumberIsInvalidInput()
{
    GatewayChannel channel({endpointOf(CommunicationMethod::Fax, m_server->url(u"/fax"_s))});
    NotificationMessage message = sampleMessage(u"fax"_s);
    message.address = u"  "_s;
    const Status result = channel.deliver(message, sampleContent(true));
    QVERIFY(!result);
    QCOMPARE(result.failure().kind, Failure::Kind::InvalidInput);
    QVERIFY(m_server->requests().isEmpty());
}

void TestGateways::endpointParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<int>("timeoutMs");

    QTest::newRow("bearer") << u"https://gw.example/fax"_s << u" tok "_s
                            << u"https://gw.example/fax"_s << QByteArray("Authorization")
                            << QByteArray("Bearer tok") << GatewayEndpoint::defaultTimeoutMs;
    QTest::newRow("scheme in secret")
        << u"https://gw.example/fax"_s << u"Basic dXNlcjpwdw=="_s << u"https://gw.example/fax"_s
        << QByteArray("Authorization") << QByteArray("Basic dXNlcjpwdw==")
        << GatewayEndpoint::defaultTimeoutMs;
    QTest::newRow("custom header, own query")
        << u"https://gw.example:8443/send?header=X-Api-Key&account=7&timeout=2.5"_s << u"k"_s
        << u"https://gw.example:8443/send?account=7"_s << QByteArray("X-Api-Key") << QByteArray("k")
        << 2500;
    QTest::newRow("no secret, no path")
        << u"HTTP://GW.example"_s << QString() << u"http://gw.example/"_s << QByteArray()
        << QByteArray() << GatewayEndpoint::defaultTimeoutMs;
}

void TestGateways::endpointParses()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    const Result<GatewayEndpoint> endpoint
        = GatewayEndpoint::parse(CommunicationMethod::Fax, text, secret);
    QVERIFY2(endpoint, qPrintable(messageOf(endpoint)));
    QTEST(endpoint.value().url().toString(), "url");
    QTEST(endpoint.value().authHeaderName(), "headerName");
    QTEST(endpoint.value().authHeaderValue(), "headerValue");
    QTEST(endpoint.value().timeoutMs(), "timeoutMs");
    QVERIFY(!secret.trimmed().isEmpty() || endpoint.value().authHeaderValue().isEmpty());
    QVERIFY(!endpoint.value().displayString().contains(u"tok"_s));
}

void TestGateways::endpointParseErrorsSayWhatIsWrong_data()
{
    QTest::addColumn<CommunicationMethod>("method");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");

    const auto fax = CommunicationMethod::Fax;
    QTest::newRow("empty") << fax << QString() << secret << u"fax gateway URL \"\" is not valid"_s;
    QTest::newRow("ftp") << fax << u"ftp://gw.example/fax"_s << secret
                         << u"\"ftp://gw.example/fax\" is not valid; expected http(s)://"_s;
    QTest::newRow("no host") << fax << u"https:///fax"_s << secret << u"is not valid"_s;
    QTest::newRow("password in URL")
        << CommunicationMethod::Sms << u"https://user:hunter2@gw.example/sms"_s << QString()
        << u"SMS gateway URL must not contain a user name or password; put the secret in the "
           "environment variable CALLOUTDESK_SMS_GATEWAY_SECRET"_s;
    QTest::newRow("? in the password")
        << fax << u"https://user:hunter2?x@gw.example/fax"_s << secret
        << u"\"https://user:****@gw.example/fax\" is not valid"_s;
    QTest::newRow("bad header") << fax << u"https://gw.example/fax?header=Bad:Name"_s << secret
                                << u"header name \"Bad:Name\" of the fax gateway URL"_s;
    QTest::newRow("header without secret")
        << CommunicationMethod::WhatsApp << u"https://gw.example/wa?header=X-Api-Key"_s << QString()
        << u"WhatsApp gateway URL names the header X-Api-Key for its secret, but "
           "CALLOUTDESK_WHATSAPP_GATEWAY_SECRET is empty"_s;
    QTest::newRow("timeout text") << fax << u"https://gw.example/fax?timeout=soon"_s << secret
                                  << u"timeout \"soon\" of the fax gateway URL"_s;
    QTest::newRow("timeout zero") << fax << u"https://gw.example/fax?timeout=0"_s << secret
                                  << u"timeout \"0\""_s;
    QTest::newRow("missing ca") << fax << u"https://gw.example/fax?ca=/nonexistent/ca.pem"_s
                                << secret << u"/nonexistent/ca.pem"_s;
    QTest::newRow("line break in secret")
        << fax << u"https://gw.example/fax"_s << u"abc\r\nX-Evil: 1"_s << u"line break"_s;
    QTest::newRow("email") << CommunicationMethod::Email << u"https://gw.example/mail"_s << secret
                           << u"not through a gateway"_s;
}

void TestGateways::endpointParseErrorsSayWhatIsWrong()
{
    QFETCH(CommunicationMethod, method);
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    const Result<GatewayEndpoint> endpoint = GatewayEndpoint::parse(method, text, secret);
    QVERIFY(!endpoint);
    QCOMPARE(endpoint.failure().kind, Failure::Kind::InvalidInput);
    QVERIFY2(endpoint.failure().message.contains(expected), qPrintable(endpoint.failure().message));
    QVERIFY2(!endpoint.failure().message.contains(u"hunter2"_s),
             qPrintable(endpoint.failure().message));
    if (!secret.isEmpty())
        QVERIFY(!endpoint.failure().message.contains(secret));
}

void TestGateways::endpointConfigurationPrecedence()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(u"calloutdesk.conf"_s), QSettings::IniFormat);
    const auto sms = CommunicationMethod::Sms;
    QCOMPARE(GatewayEndpoint::commandLineOption(sms), u"sms-gateway"_s);
    QCOMPARE(GatewayEndpoint::settingKey(sms), u"gateways/sms"_s);

    QVERIFY(!GatewayEndpoint::configured(sms, QString(), settings));

    settings.setValue(u"gateways/sms"_s, u"https://settings.example/sms"_s);
    // A secret in the settings file is not read: it would sit in plain text.
    settings.setValue(u"gateways/sms_secret"_s, u"from-settings"_s);
    auto endpoint = GatewayEndpoint::configured(sms, QString(), settings);
    QVERIFY(endpoint && *endpoint);
    QCOMPARE(endpoint->value().url().host(), u"settings.example"_s);
    QVERIFY(endpoint->value().authHeaderValue().isEmpty());

    qputenv("CALLOUTDESK_SMS_GATEWAY", "https://env.example/sms");
    qputenv("CALLOUTDESK_SMS_GATEWAY_SECRET", "from-env");
    endpoint = GatewayEndpoint::configured(sms, QString(), settings);
    QVERIFY(endpoint && *endpoint);
    QCOMPARE(endpoint->value().url().host(), u"env.example"_s);
    QCOMPARE(endpoint->value().authHeaderValue(), QByteArray("Bearer from-env"));

    endpoint = GatewayEndpoint::configured(sms, u"https://cli.example/sms"_s, settings);
    QVERIFY(endpoint && *endpoint);
    QCOMPARE(endpoint->value().url().host(), u"cli.example"_s);
    QCOMPARE(endpoint->value().method(), sms);

    // Each channel reads its own names only.
    QVERIFY(!GatewayEndpoint::configured(CommunicationMethod::Fax, QString(), settings));
}

void TestGateways::channelConfigurationFailsOnABrokenGateway()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(u"calloutdesk.conf"_s), QSettings::IniFormat);
    settings.setValue(u"gateways/whatsapp"_s, u"https://gw.example/wa?timeout=never"_s);

    const Result<GatewayChannel> broken = GatewayChannel::configured(
        {{CommunicationMethod::Fax, m_server->url(u"/fax"_s)}}, settings);
    QVERIFY(!broken);
    QVERIFY2(broken.failure().message.contains(u"WhatsApp gateway"_s),
             qPrintable(broken.failure().message));

    settings.remove(u"gateways/whatsapp"_s);
    const Result<GatewayChannel> fine = GatewayChannel::configured(
        {{CommunicationMethod::Fax, m_server->url(u"/fax"_s)}}, settings);
    QVERIFY2(fine, qPrintable(messageOf(fine)));
    QVERIFY(fine.value().hasGateway(CommunicationMethod::Fax));
    QVERIFY(!fine.value().hasGateway(CommunicationMethod::Sms));
}

QTEST_GUILESS_MAIN(TestGateways)
#include "tst_gateways.moc"
