// SPEC N1 on both engines: a done callout's queued email, read back from the database,
// rendered and delivered over SMTP to a real server on loopback (python3-aiosmtpd), then
// read as a mail reader would (Python's email package). No mock of either side.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "SmtpTestServer.h"
#include "TestCertificate.h"
#include "services/callout/CalloutEngine.h"
#include "services/notify/EmailRenderer.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/SmtpChannel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

const QString refusedAddress = u"refused@clinic.example"_s;
const QString busyAddress = u"busy@clinic.example"_s;
const QString expectedSubject = u"Critical Results Alert from Riverside Lab for Order ID - RL-1"_s;

QString failureText(const Status &status)
{
    return status ? QString() : status.failure().message;
}

// The body of the first leaf part of this type.
QString part(const QJsonObject &mail, const QString &type)
{
    for (const QJsonValue &value : mail[u"parts"_s].toArray())
        if (value[u"content_type"_s].toString() == type)
            return value[u"body"_s].toString();
    return {};
}

} // namespace

class TestEmail : public EngineTestCase
{
    Q_OBJECT

private:
    static SmtpTestServer::Options refusing()
    {
        SmtpTestServer::Options options;
        options.refusedRecipients = {refusedAddress};
        options.deferredRecipients = {busyAddress};
        return options;
    }

    SmtpTestServer m_server{refusing()};

    Result<CalloutOutcome> callout(QList<qint64> reports,
                                   QList<RecipientKind> recipients = {RecipientKind::Organization},
                                   ContactDetails other = {}, qint64 billId = 1)
    {
        CalloutRequest request;
        request.billId = billId;
        request.reportIds = std::move(reports);
        request.kind = CalloutRequest::Kind::Done;
        request.methods = {CommunicationMethod::Email};
        request.recipients = std::move(recipients);
        request.other = std::move(other);
        request.comment = u"Informed the doctor"_s;
        // Some tests call a Done report out again on purpose (a corrected value).
        request.furtherCommunication = true;
        return CalloutEngine(support().db()).submit(support().scope, request);
    }
    // Sam Support's desk: it records the callouts, and, seeing the whole lab, it is also the
    // login that reads and sends their messages (README: workers run on a support desk).
    Desk &support() { return desk(u"support:3"_s); }

    // The outbox rows as the N3 worker will hand them to a channel.
    QList<NotificationMessage> queued()
    {
        QList<NotificationMessage> messages;
        auto query = db().run(u"Reading the outbox"_s,
                              u"SELECT id, lab_id, bill_id, activity_log_id, channel, "
                              "recipient_kind, address, payload, attempts "
                              "FROM notification_outbox ORDER BY id"_s);
        if (!query)
            return messages;
        while (query.value().next()) {
            const QSqlQuery &row = query.value();
            NotificationMessage message;
            message.id = row.value(0).toLongLong();
            message.labId = row.value(1).toLongLong();
            message.billId = row.value(2).toLongLong();
            message.activityLogId = row.value(3).toLongLong();
            message.channel = row.value(4).toString();
            message.recipientKind = row.value(5).toString();
            message.address = row.value(6).toString();
            message.payload = QJsonDocument::fromJson(row.value(7).toString().toUtf8()).object();
            message.attempts = row.value(8).toInt();
            messages << message;
        }
        return messages;
    }

    SmtpChannel channel(const QString &url)
    {
        return SmtpChannel(SmtpSettings::parse(url).value(), EmailRenderer::fromResources().value());
    }

    // Reads and sends one queued message through the shared test server.
    Status send(const NotificationMessage &message, const QString &url = QString())
    {
        const auto content = NotificationContentReader(support().db()).read(message);
        if (!content)
            return content.failure();
        return channel(url.isEmpty() ? m_server.url() : url).deliver(message, content.value());
    }

    // A done callout of these reports to the organisation, sent; the one mail received.
    QJsonObject calloutMail(QList<qint64> reports)
    {
        const auto outcome = callout(std::move(reports));
        if (!outcome) {
            qWarning("callout failed: %s", qPrintable(outcome.failure().message));
            return {};
        }
        const QList<NotificationMessage> messages = queued();
        if (messages.size() != 1)
            return {};
        const Status sent = send(messages.first());
        if (!sent) {
            qWarning("send failed: %s", qPrintable(sent.failure().message));
            return {};
        }
        const QList<QJsonObject> mails = m_server.messages();
        return mails.size() == 1 ? mails.first() : QJsonObject();
    }

    void setSetting(const QString &key, bool on)
    {
        QVERIFY(exec(db(), u"UPDATE notification_setting SET enabled = %1 WHERE lab_id = 1 "
                           "AND setting_key = '%2'"_s.arg(on ? sqlTrue() : sqlFalse(), key)));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(failureText(seeded)));
        m_server.clear();
    }

    void singleReportMail()
    {
        const QJsonObject mail = calloutMail({2});
        QVERIFY(!mail.isEmpty());
        QCOMPARE(mail[u"subject"_s].toString(), expectedSubject);
        QCOMPARE(mail[u"to"_s].toString(), u"City Hospital <city@hospital.example>"_s);
        QCOMPARE(mail[u"headers"_s][u"To"_s].toString(),
                 u"\"City Hospital\" <city@hospital.example>"_s);
        QCOMPARE(mail[u"envelope"_s][u"rcpt_tos"_s].toArray(),
                 QJsonArray{u"city@hospital.example"_s});
        QCOMPARE(mail[u"envelope"_s][u"mail_from"_s].toString(), u"lab@riverside.example"_s);
        QCOMPARE(mail[u"from"_s].toString(), u"Riverside Lab <lab@riverside.example>"_s);
        const QJsonObject headers = mail[u"headers"_s].toObject();
        QVERIFY(headers[u"Message-ID"_s].toString().endsWith(u"@riverside.example>"_s));
        QVERIFY(!headers[u"Date"_s].toString().isEmpty());

        // Both alternatives, text first, in UTF-8.
        const QJsonArray parts = mail[u"parts"_s].toArray();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts[0][u"content_type"_s].toString(), u"text/plain"_s);
        QCOMPARE(parts[1][u"content_type"_s].toString(), u"text/html"_s);
        QCOMPARE(parts[0][u"charset"_s].toString(), u"utf-8"_s);
        QVERIFY(QString::fromUtf8(m_server.rawMessages().first())
                    .contains(u"multipart/alternative"_s));

        const QString html = part(mail, u"text/html"_s);
        const QString text = part(mail, u"text/plain"_s);
        QVERIFY(html.contains(u"data-layout=\"single\""_s));
        QCOMPARE(html.count(u"<table class=\"report\""_s), 1);
        QVERIFY(!html.contains(u"report-heading"_s));
        QVERIFY(html.contains(u"Potassium &mdash; Biochemistry"_s));
        QVERIFY(html.contains(u">7.1</td>"_s));
        QVERIFY(html.contains(u"Dear City Hospital"_s));
        QVERIFY(text.contains(u"Potassium - Biochemistry\n"_s));
        QVERIFY2(text.contains(u"* Potassium: 7.1 mmol/L (reference range 3.5 - 5.1; critical "
                               "low 2.8, critical high 6.2)"_s),
                 qPrintable(text));
        QVERIFY(text.contains(u"Called out by: Sam Support"_s));
        QVERIFY(text.contains(u"Order ID: RL-1"_s));
    }

    void multiReportMail()
    {
        const QJsonObject mail = calloutMail({1, 2});
        QVERIFY(!mail.isEmpty());
        QCOMPARE(mail[u"subject"_s].toString(), expectedSubject);
        const QString html = part(mail, u"text/html"_s);
        const QString text = part(mail, u"text/plain"_s);
        QVERIFY(html.contains(u"data-layout=\"multi\""_s));
        QCOMPARE(html.count(u"<table class=\"report\""_s), 2);
        QCOMPARE(html.count(u"class=\"report-heading\""_s), 2);
        // In the order of the selection, each with its own parameters.
        const qsizetype cbc = html.indexOf(u"1. Complete Blood Count &mdash; Haematology"_s);
        const qsizetype potassium = html.indexOf(u"2. Potassium &mdash; Biochemistry"_s);
        QVERIFY(cbc >= 0 && potassium > cbc);
        QVERIFY(html.indexOf(u">Haemoglobin</td>"_s) > cbc);
        QVERIFY(html.indexOf(u">Haemoglobin</td>"_s) < potassium);
        // Only the critical parameter of the CBC: the normal WBC count is not in it.
        QVERIFY(!html.contains(u"WBC"_s));
        QVERIFY(text.contains(u"reports 2 tests with critical results"_s));
        QVERIFY(text.contains(u"1. Complete Blood Count - Haematology\n  * Haemoglobin: 5 g/dL"_s));
        QVERIFY(text.contains(u"2. Potassium - Biochemistry\n  * Potassium: 7.1 mmol/L"_s));
    }

    void settingsGateCommentAndPatientName_data()
    {
        QTest::addColumn<bool>("shareComment");
        QTest::addColumn<bool>("showPatientName");
        QTest::newRow("comment, no name") << true << false;
        QTest::newRow("name, no comment") << false << true;
        QTest::newRow("neither") << false << false;
        QTest::newRow("both") << true << true;
    }

    void settingsGateCommentAndPatientName()
    {
        QFETCH(bool, shareComment);
        QFETCH(bool, showPatientName);
        setSetting(u"share_comment"_s, shareComment);
        setSetting(u"show_patient_name"_s, showPatientName);
        const QJsonObject mail = calloutMail({2});
        QVERIFY(!mail.isEmpty());
        for (const QString &type : {u"text/html"_s, u"text/plain"_s}) {
            const QString body = part(mail, type);
            QVERIFY(!body.isEmpty());
            QCOMPARE(body.contains(u"Informed the doctor"_s), shareComment);
            QCOMPARE(body.contains(u"Jane Doe"_s), showPatientName);
        }
        // The subject never carries either.
        QCOMPARE(mail[u"subject"_s].toString(), expectedSubject);
    }

    void markupInValuesIsEscaped()
    {
        setSetting(u"show_patient_name"_s, true);
        QVERIFY(exec(db(), u"UPDATE patient SET name = '<b>Eve</b> & Co' WHERE id = 1"_s));
        QVERIFY(exec(db(), u"UPDATE organisation SET name = 'A \"quoted\" <org>' WHERE id = 1"_s));
        const QJsonObject mail = calloutMail({2});
        QVERIFY(!mail.isEmpty());
        const QString html = part(mail, u"text/html"_s);
        const QString text = part(mail, u"text/plain"_s);
        QVERIFY(html.contains(u"&lt;b&gt;Eve&lt;/b&gt; &amp; Co"_s));
        QVERIFY(!html.contains(u"<b>Eve</b>"_s));
        QVERIFY(html.contains(u"Dear A &quot;quoted&quot; &lt;org&gt;"_s));
        QVERIFY(text.contains(u"Patient: <b>Eve</b> & Co\n"_s));
        QVERIFY(text.contains(u"Dear A \"quoted\" <org>,"_s));
        // The name in the To header is quoted, not taken for an address.
        QCOMPARE(mail[u"envelope"_s][u"rcpt_tos"_s].toArray(),
                 QJsonArray{u"city@hospital.example"_s});
    }

    void nonAsciiSubjectIsEncoded()
    {
        QVERIFY(exec(db(), u"UPDATE lab SET name = 'Laboratoire Saint-Éloi' WHERE id = 1"_s));
        const QJsonObject mail = calloutMail({2});
        QVERIFY(!mail.isEmpty());
        QCOMPARE(mail[u"subject"_s].toString(),
                 u"Critical Results Alert from Laboratoire Saint-Éloi for Order ID - RL-1"_s);
        QVERIFY(mail[u"headers"_s][u"Subject"_s].toString().startsWith(u"=?UTF-8?B?"_s));
        QVERIFY(part(mail, u"text/plain"_s).contains(u"CRITICAL RESULTS FROM Laboratoire Saint-Éloi"_s));
    }

    void parametersAreThoseOfTheCallout()
    {
        // The first callout reports K 7.1; the value is then corrected and the report
        // called out again. Each message keeps the values of its own callout.
        QVERIFY(callout({2}).ok());
        QVERIFY(exec(db(), u"UPDATE report_value SET value = '7.9' WHERE report_id = 2"_s));
        const auto second = callout({2});
        QVERIFY2(second.ok(), qPrintable(second ? QString() : second.failure().message));
        const QList<NotificationMessage> messages = queued();
        QCOMPARE(messages.size(), 2);
        NotificationContentReader reader(db());
        const auto first = reader.read(messages[0]);
        const auto later = reader.read(messages[1]);
        QVERIFY(first.ok() && later.ok());
        QCOMPARE(first.value().reports.size(), 1);
        QCOMPARE(first.value().reports.first().parameters.first().value, u"7.1"_s);
        QCOMPARE(later.value().reports.first().parameters.first().value, u"7.9"_s);
        QCOMPARE(first.value().reports.first().parameters.first().criticalHigh.value_or(0), 6.2);
        QCOMPARE(first.value().calledOutBy, u"Sam Support"_s);
        QVERIFY(first.value().calledOutOn.isValid());
        QCOMPARE(first.value().labName, u"Riverside Lab"_s);
        QCOMPARE(first.value().recipientName, u"City Hospital"_s);
    }

    // An activity entry written before request ids kept no audit row ids: its message is
    // matched to its callout's rows by time, and still reads them.
    void entryWithoutRecordedOutcomeReadsByTime()
    {
        QVERIFY(callout({1, 2}).ok());
        QVERIFY(exec(db(), u"UPDATE activity_log SET request_outcome = NULL"_s));
        const QList<NotificationMessage> messages = queued();
        QCOMPARE(messages.size(), 1);
        const auto content = NotificationContentReader(support().db()).read(messages.first());
        QVERIFY2(content.ok(), qPrintable(content ? QString() : content.failure().message));
        QCOMPARE(content.value().reports.size(), 2);
        QCOMPARE(content.value().reports.at(1).parameters.first().value, u"7.1"_s);
    }

    void readsWithTwoStatementsWhateverTheReportCount()
    {
        QVERIFY(CalloutFixture::addLargeBill(db(), 10, 30, 100).ok());
        QList<qint64> reports;
        for (qint64 id = 100; id < 130; ++id)
            reports << id;
        QVERIFY(callout(reports, {RecipientKind::Organization}, {}, 10).ok());
        const QList<NotificationMessage> messages = queued();
        QCOMPARE(messages.size(), 1);
        const quint64 before = support().db().statementCount();
        const auto content = NotificationContentReader(support().db()).read(messages.first());
        QCOMPARE(support().db().statementCount() - before, quint64(2));
        QVERIFY(content.ok());
        QCOMPARE(content.value().reports.size(), 30);
        QCOMPARE(content.value().reports.last().reportId, qint64(129));
    }

    void messageOfAnotherLabReadsNothing()
    {
        QVERIFY(callout({2}).ok());
        NotificationMessage message = queued().first();
        message.labId = 2;
        const auto content = NotificationContentReader(support().db()).read(message);
        QVERIFY(!content.ok());
        QCOMPARE(content.failure().kind, Failure::Kind::InvalidInput);
    }

    void refusedRecipientIsInvalidInput()
    {
        QVERIFY(callout({2}, {RecipientKind::Other}, {u"Nobody"_s, refusedAddress, {}, {}}).ok());
        const QList<NotificationMessage> messages = queued();
        QCOMPARE(messages.size(), 1);
        const Status sent = send(messages.first());
        QVERIFY(!sent.ok());
        QVERIFY2(sent.failure().kind == Failure::Kind::InvalidInput, qPrintable(sent.failure().message));
        // The server's own words, with its code.
        QVERIFY2(sent.failure().message.contains(u"550 5.1.1 <refused@clinic.example>: Recipient "
                                                 "address rejected: User unknown"_s),
                 qPrintable(sent.failure().message));
        QVERIFY(m_server.messages().isEmpty());
    }

    void deferredRecipientIsUnavailable()
    {
        QVERIFY(callout({2}, {RecipientKind::Other}, {u"Busy"_s, busyAddress, {}, {}}).ok());
        const Status sent = send(queued().first());
        QVERIFY(!sent.ok());
        QCOMPARE(sent.failure().kind, Failure::Kind::Unavailable);
        QVERIFY2(sent.failure().message.contains(u"451"_s), qPrintable(sent.failure().message));
        QVERIFY(m_server.messages().isEmpty());
    }

    void serverDownIsUnavailable()
    {
        SmtpTestServer down;
        QVERIFY(down.start());
        const QString url = down.url(u"connect_timeout=3000"_s);
        down.stop();
        QVERIFY(callout({2}).ok());
        const Status sent = send(queued().first(), url);
        QVERIFY(!sent.ok());
        QCOMPARE(sent.failure().kind, Failure::Kind::Unavailable);
    }

    void loginWithPassword()
    {
        SmtpTestServer::Options options;
        options.login = u"desk:s3cret"_s;
        SmtpTestServer guarded(options);
        QVERIFY(guarded.start());
        QVERIFY(callout({2}).ok());
        const NotificationMessage message = queued().first();
        const QString goodUrl = guarded.url().replace(u"smtp://"_s, u"smtp://desk:s3cret@"_s);
        const Status sent = send(message, goodUrl);
        QVERIFY2(sent.ok(), qPrintable(failureText(sent)));
        QCOMPARE(guarded.messages().size(), 1);

        // A wrong password (535) is the configuration's fault (SPEC N4), and never appears
        // in the message.
        const QString badUrl = guarded.url().replace(u"smtp://"_s, u"smtp://desk:wr0ng@"_s);
        const Status refused = send(message, badUrl);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.failure().kind == Failure::Kind::Configuration,
                 qPrintable(refused.failure().message));
        QVERIFY2(refused.failure().message.contains(u"535"_s),
                 qPrintable(refused.failure().message));
        QVERIFY(!refused.failure().message.contains(u"wr0ng"_s));
        QCOMPARE(guarded.messages().size(), 1);
    }

    void startTlsAndImplicitTls_data()
    {
        QTest::addColumn<bool>("implicitTls");
        QTest::newRow("STARTTLS") << false;
        QTest::newRow("smtps") << true;
    }

    void startTlsAndImplicitTls()
    {
        QFETCH(bool, implicitTls);
        // A certificate of our own for 127.0.0.1, trusted through the URL's ca=.
        TestCertificate made;
        QString error;
        QVERIFY2(made.make(&error), qPrintable(error));
        const QString certificate = made.certificateFile();

        SmtpTestServer::Options options;
        options.tlsCertificate = certificate;
        options.tlsKey = made.keyFile();
        options.implicitTls = implicitTls;
        SmtpTestServer server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(callout({2}).ok());
        const QList<NotificationMessage> messages = queued();
        QCOMPARE(messages.size(), 1);
        const QString tls = implicitTls ? QString() : u"starttls=1&"_s;

        // Not trusted without the lab's certificate: nothing is sent, and only a change of
        // settings helps (SPEC N4).
        const Status untrusted = send(messages.first(), server.url(tls.chopped(tls.isEmpty() ? 0 : 1)));
        QVERIFY(!untrusted.ok());
        QCOMPARE(untrusted.failure().kind, Failure::Kind::Configuration);
        QVERIFY(server.messages().isEmpty());
        if (!implicitTls) {
            // A server that demands STARTTLS of a desk set up for plain SMTP: 530.
            const Status plain = send(messages.first(), server.url());
            QVERIFY(!plain.ok());
            QCOMPARE(plain.failure().kind, Failure::Kind::Configuration);
            QVERIFY2(plain.failure().message.contains(u"530"_s),
                     qPrintable(plain.failure().message));
            QVERIFY(server.messages().isEmpty());
        }

        const Status sent = send(messages.first(), server.url(tls + u"ca="_s + certificate));
        QVERIFY2(sent.ok(), qPrintable(sent ? QString() : sent.failure().message));
        QCOMPARE(server.messages().size(), 1);
        QCOMPARE(server.messages().first().value(u"subject"_s).toString(),
                 u"Critical Results Alert from Riverside Lab for Order ID - RL-1"_s);
    }

    void anExpiredCertificateIsAConfigurationFailure()
    {
        // Trusted (the lab's own certificate, ca=) but out of date: a setting to mend, not a
        // message that failed (SPEC N4), and the reason says which.
        TestCertificate expired;
        QString error;
        QVERIFY2(expired.makeExpired(&error), qPrintable(error));
        QVERIFY(expired.certificate().expiryDate() < QDateTime::currentDateTimeUtc());
        SmtpTestServer::Options options;
        options.tlsCertificate = expired.certificateFile();
        options.tlsKey = expired.keyFile();
        SmtpTestServer server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(callout({2}).ok());
        const QList<NotificationMessage> messages = queued();
        QCOMPARE(messages.size(), 1);

        const Status refused
            = send(messages.first(), server.url(u"starttls=1&ca="_s + expired.certificateFile()));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::Configuration);
        QVERIFY2(refused.failure().message.contains(u"expired"_s, Qt::CaseInsensitive),
                 qPrintable(refused.failure().message));
        QVERIFY(server.messages().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEmail)
#include "tst_email.moc"
