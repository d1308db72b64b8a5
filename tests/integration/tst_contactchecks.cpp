// SPEC C10 on both engines: contacts are checked when the callout is recorded, not when
// the message is sent. A bad typed or stored contact is refused as InvalidInput, next to
// the field it concerns, with nothing written; a good one is queued in the form that is
// delivered (IDNA domain, bare number) and reaches a real SMTP server that way.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "SmtpTestServer.h"
#include "models/DeskTime.h"
#include "models/EmailAddress.h"
#include "models/PhoneNumber.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/DemoDataGenerator.h"
#include "services/notify/EmailRenderer.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/SmtpChannel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

using Change = std::function<void(CalloutRequest &)>;

CalloutRequest doneRequest()
{
    CalloutRequest request;
    request.billId = 1;
    request.reportIds = {2};
    request.kind = CalloutRequest::Kind::Done;
    request.methods = {CommunicationMethod::Email};
    request.recipients = {RecipientKind::Organization};
    request.comment = u"Informed the ward"_s;
    return request;
}

// A done callout to the other contact only, by these methods.
Change toOther(QList<CommunicationMethod> methods, ContactDetails other)
{
    return [methods, other](CalloutRequest &request) {
        request.methods = methods;
        request.recipients = {RecipientKind::Other};
        request.other = other;
    };
}

const QString hundredKilobytes(100 * 1024, u'x');

} // namespace

class TestContactChecks : public EngineTestCase
{
    Q_OBJECT

private:
    Desk &support() { return desk(u"support:3"_s); }
    Result<CalloutOutcome> submit(const CalloutRequest &request)
    {
        return CalloutEngine(support().db()).submit(support().scope, request);
    }
    int count(const QString &where)
    {
        return scalar(db(), u"SELECT COUNT(*) FROM "_s + where).toInt();
    }
    // channel → address of every queued message, in queue order.
    QList<std::pair<QString, QString>> queuedAddresses()
    {
        QList<std::pair<QString, QString>> queued;
        auto query = db().run(u"Reading the outbox"_s,
                              u"SELECT channel, address FROM notification_outbox ORDER BY id"_s);
        if (!query)
            return queued;
        while (query.value().next())
            queued.append({query.value().value(0).toString(), query.value().value(1).toString()});
        return queued;
    }

    // The request is refused as bad input about `field`, with a one-line message that
    // mentions each of `mentions`, and the database is as it was.
    void verifyRefused(const CalloutRequest &request, const QString &field,
                       const QStringList &mentions)
    {
        support(); // signed in before the fingerprint: the first sign-in makes the login
        const QByteArray before = databaseFingerprint(db());
        QVERIFY(!before.isEmpty());
        const auto outcome = submit(request);
        QVERIFY2(!outcome.ok(), "a bad contact was accepted");
        const Failure &failure = outcome.failure();
        QCOMPARE(failure.kind, Failure::Kind::InvalidInput);
        QCOMPARE(failure.field, field);
        for (const QString &mention : mentions)
            QVERIFY2(failure.message.contains(mention), qPrintable(failure.message));
        QVERIFY2(!failure.message.contains(u'\n') && !failure.message.contains(u'\r'),
                 qPrintable(failure.message));
        QVERIFY2(failure.message.size() < 600, qPrintable(failure.message.left(700)));
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(count(u"critical_callout"_s), 0);
        QCOMPARE(count(u"notification_outbox"_s), 0);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(seeded ? QString() : seeded.failure().message));
    }

    void badOtherContactIsRefused_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QStringList>("mentions");
        const auto email = [](const QString &address) {
            return toOther({CommunicationMethod::Email}, {u"Nurse Kim"_s, address, {}, {}});
        };
        QTest::newRow("not an address")
            << email(u"not an address"_s) << QStringList{u"email address"_s, u"no @"_s};
        QTest::newRow("two addresses") << email(u"kim@ward.example, boss@ward.example"_s)
                                       << QStringList{u"email address"_s, u"more than one"_s};
        QTest::newRow("two addresses by space") << email(u"kim@ward.example boss@ward.example"_s)
                                                << QStringList{u"more than one address"_s};
        QTest::newRow("CR/LF in the address")
            << email(u"kim@ward.example\r\nRCPT TO:<x@evil.example>"_s)
            << QStringList{u"email address"_s, u"line break"_s};
        QTest::newRow("name and address")
            << email(u"Kim <kim@ward.example>"_s) << QStringList{u"address alone"_s};
        QTest::newRow("non-ASCII local part")
            << email(u"tomás@ward.example"_s) << QStringList{u"email address"_s, u"SMTPUTF8"_s};
        QTest::newRow("no domain") << email(u"kim@ward"_s) << QStringList{u"full domain"_s};
        QTest::newRow("letters in the SMS number")
            << toOther({CommunicationMethod::Sms}, {u"Nurse Kim"_s, {}, {}, u"555-CALL-KIM"_s})
            << QStringList{u"contact number"_s, u"letters"_s};
        QTest::newRow("letters in the fax number")
            << toOther({CommunicationMethod::Fax}, {u"Nurse Kim"_s, {}, u"fax 030 1234"_s, {}})
            << QStringList{u"fax number"_s, u"letters"_s};
        QTest::newRow("two numbers") << toOther({CommunicationMethod::Sms},
                                                {u"Nurse Kim"_s, {}, {}, u"555 1234; 555 9876"_s})
                                     << QStringList{u"contact number"_s, u"\";\""_s};
        QTest::newRow("100 KB name")
            << toOther({CommunicationMethod::Email},
                       {hundredKilobytes, u"kim@ward.example"_s, {}, {}})
            << QStringList{u"name"_s, u"102400 characters"_s, u"at most 200"_s};
        QTest::newRow("line break in the name")
            << toOther({CommunicationMethod::Email},
                       {u"Nurse Kim\nBcc: x@evil.example"_s, u"kim@ward.example"_s, {}, {}})
            << QStringList{u"name"_s, u"line break"_s};
        QTest::newRow("100 KB address") << email(hundredKilobytes + u"@ward.example"_s)
                                        << QStringList{u"email address"_s, u"at most 254"_s};
        // Every field given is checked, used by the chosen methods or not: the whole
        // contact goes into the audit record and the activity log.
        QTest::newRow("bad email, sent by fax") << toOther(
            {CommunicationMethod::Fax}, {u"Nurse Kim"_s, u"kim at ward"_s, u"030 1234"_s, {}})
                                                << QStringList{u"email address"_s};
        QTest::newRow("bad number, sent by email")
            << toOther({CommunicationMethod::Email},
                       {u"Nurse Kim"_s, u"kim@ward.example"_s, {}, u"ask the ward"_s})
            << QStringList{u"contact number"_s};
        QTest::newRow("other given, not chosen") << Change([](CalloutRequest &request) {
            request.other = {u"Nurse Kim"_s, u"kim@ward.example;x@y.example"_s, {}, {}};
        }) << QStringList{u"email address"_s, u"more than one"_s};
        QTest::newRow("an attempt too") << Change([](CalloutRequest &request) {
            request.kind = CalloutRequest::Kind::Attempt;
            request.recipients = {RecipientKind::Other};
            request.other = {u"Nurse Kim"_s, u"kim@@ward.example"_s, {}, {}};
        }) << QStringList{u"more than one @"_s};
    }

    void badOtherContactIsRefused()
    {
        QFETCH(Change, change);
        QFETCH(QStringList, mentions);
        CalloutRequest request = doneRequest();
        change(request);
        verifyRefused(request, u"other"_s, mentions << u"other contact"_s);
    }

    void badPhoneCallNameIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("100 KB") << hundredKilobytes << u"at most 200"_s;
        QTest::newRow("line break") << u"Dr. Jones\r\nthen the nurse"_s << u"line break"_s;
        QTest::newRow("terminal escape") << u"Dr. Jones\x1b[2J"_s << u"control character"_s;
    }

    void badPhoneCallNameIsRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, mentions);
        CalloutRequest request = doneRequest();
        request.methods.clear();
        request.phoneCalls
            = {{name, DeskTime::exported(QDateTime::currentDateTime().addSecs(-60))}};
        verifyRefused(request, u"phone_calls"_s, {u"whom you called"_s, mentions});
    }

    // The parties' contacts come from the order's records: a done callout must not queue
    // a message they already make undeliverable. The refusal says whose contact, which,
    // and what is wrong, so the user can choose another recipient or have it corrected.
    void badStoredContactIsRefused_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<Change>("change");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("patient with two addresses")
            << u"UPDATE patient SET email = 'jane@example.com; john@example.com' WHERE id = 1"_s
            << Change([](CalloutRequest &r) { r.recipients = {RecipientKind::Patient}; })
            << QStringList{u"email address of the patient (Jane Doe)"_s,
                           u"\"jane@example.com; john@example.com\""_s, u"more than one"_s,
                           u"another recipient"_s};
        QTest::newRow("referral's address is no address")
            << u"UPDATE referral_doctor SET email = 'Dr Jones surgery' WHERE id = 1"_s
            << Change([](CalloutRequest &r) { r.recipients = {RecipientKind::Referral}; })
            << QStringList{u"the referring doctor (Dr. Jones)"_s, u"no @"_s};
        QTest::newRow("referral's fax with letters")
            << u"UPDATE referral_doctor SET fax = 'see letterhead' WHERE id = 1"_s
            << Change([](CalloutRequest &r) {
                   r.methods = {CommunicationMethod::Fax};
                   r.recipients = {RecipientKind::Referral};
               })
            << QStringList{u"fax number of the referring doctor"_s, u"letters"_s};
        QTest::newRow("organisation's SMS number with letters")
            << u"UPDATE organisation SET contact_number = 'ext. 12' WHERE id = 1"_s
            << Change([](CalloutRequest &r) { r.methods = {CommunicationMethod::Sms}; })
            << QStringList{u"contact number of the organisation (City Hospital)"_s, u"SMS"_s,
                           u"letters"_s};
        QTest::newRow("patient's non-ASCII local part")
            << u"UPDATE patient SET email = 'jané@example.com' WHERE id = 1"_s
            << Change([](CalloutRequest &r) { r.recipients = {RecipientKind::Patient}; })
            << QStringList{u"\"jané@example.com\""_s, u"SMTPUTF8"_s};
        QTest::newRow("organisation's address with CR/LF")
            << u"UPDATE organisation SET email = 'city@hospital.example' || CHAR(13) || CHAR(10) "
               "|| 'Bcc: x@evil.example' WHERE id = 1"_s
            << Change([](CalloutRequest &) {})
            << QStringList{u"\"city@hospital.example\uFFFD\uFFFDBcc: x@evil.example\""_s,
                           u"line break"_s};
        // One bad party among good ones refuses the whole callout: nothing half-queued.
        QTest::newRow("one bad party of two")
            << u"UPDATE patient SET email = 'jane(at)example.com' WHERE id = 1"_s
            << Change([](CalloutRequest &r) {
                   r.recipients = {RecipientKind::Organization, RecipientKind::Patient};
               })
            << QStringList{u"the patient (Jane Doe)"_s};
        // A long stored value is quoted shortened, so the message stays readable.
        QTest::newRow("100 KB stored address")
            << u"UPDATE patient SET email = '%1@example.com' WHERE id = 1"_s.arg(hundredKilobytes)
            << Change([](CalloutRequest &r) { r.recipients = {RecipientKind::Patient}; })
            << QStringList{u"xxx…\""_s, u"at most 254"_s};
    }

    void badStoredContactIsRefused()
    {
        QFETCH(QString, setup);
        QFETCH(Change, change);
        QFETCH(QStringList, mentions);
        // SQLite has no CHAR(); its char() is the same function by another name.
        if (!isPostgres())
            setup.replace(u"CHAR("_s, u"char("_s);
        else
            setup.replace(u"CHAR("_s, u"chr("_s);
        QVERIFY(exec(db(), setup));
        CalloutRequest request = doneRequest();
        change(request);
        verifyRefused(request, u"recipients"_s, mentions);
    }

    // Only what a callout uses is checked for a party: its stored email may be wrong and
    // still the SMS goes out.
    void aBadStoredAddressNotUsedIsNoObstacle()
    {
        QVERIFY(exec(db(), u"UPDATE patient SET email = 'not an address' WHERE id = 1"_s));
        CalloutRequest request = doneRequest();
        request.recipients = {RecipientKind::Patient};
        request.methods = {CommunicationMethod::Sms};
        const auto outcome = submit(request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        QCOMPARE(queuedAddresses(),
                 (QList<std::pair<QString, QString>>{{u"sms"_s, u"9999999999"_s}}));
    }

    // The outbox holds what is delivered: the ASCII (IDNA) domain, the bare number. The
    // audit record keeps what the user typed.
    void theDeliverableFormIsQueued()
    {
        CalloutRequest request = doneRequest();
        request.methods
            = {CommunicationMethod::Email, CommunicationMethod::Fax, CommunicationMethod::Sms};
        request.recipients = {RecipientKind::Other};
        request.other = {u"Schwester Anna"_s, u"anna@bücher.example"_s, u"+49 30-123 456"_s,
                         u"0171 555-0100"_s};
        const auto outcome = submit(request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        QCOMPARE(queuedAddresses(),
                 (QList<std::pair<QString, QString>>{{u"email"_s, u"anna@xn--bcher-kva.example"_s},
                                                     {u"fax"_s, u"+4930123456"_s},
                                                     {u"sms"_s, u"01715550100"_s}}));
        const QJsonObject meta
            = QJsonDocument::fromJson(
                  scalar(db(), u"SELECT critical_callout_meta FROM critical_callout"_s)
                      .toString()
                      .toUtf8())
                  .object();
        QCOMPARE(meta[u"notify_to_others"_s][u"email"_s].toString(), u"anna@bücher.example"_s);
        QCOMPARE(meta[u"notify_to_others"_s][u"fax"_s].toString(), u"+49 30-123 456"_s);
    }

    // End to end through a real SMTP server: an address with an international domain is
    // accepted and arrives in its ASCII form, envelope and header; one with a non-ASCII
    // local part is refused at entry and nothing is written.
    void internationalAddresses()
    {
        SmtpTestServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));

        CalloutRequest request = doneRequest();
        request.recipients = {RecipientKind::Other};
        request.other = {u"Anna Müller"_s, u"user@bücher.example"_s, {}, {}};
        const auto outcome = submit(request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));

        auto query = db().run(u"Reading the outbox"_s,
                              u"SELECT id, lab_id, bill_id, activity_log_id, channel, "
                              "recipient_kind, address, payload, attempts "
                              "FROM notification_outbox"_s);
        QVERIFY(query);
        QVERIFY(query.value().next());
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
        QCOMPARE(message.address, u"user@xn--bcher-kva.example"_s);

        // Read as a sending desk does: the support login, which sees the whole lab.
        const auto content = NotificationContentReader(support().db()).read(message);
        QVERIFY2(content.ok(), qPrintable(content ? QString() : content.failure().message));
        SmtpChannel channel(SmtpSettings::parse(server.url()).value(),
                            EmailRenderer::fromResources().value());
        const Status sent = channel.deliver(message, content.value());
        QVERIFY2(sent.ok(), qPrintable(sent ? QString() : sent.failure().message));
        const QList<QJsonObject> mails = server.messages();
        QCOMPARE(mails.size(), 1);
        QCOMPARE(mails.first()[u"envelope"_s][u"rcpt_tos"_s].toArray(),
                 QJsonArray{u"user@xn--bcher-kva.example"_s});
        QVERIFY2(mails.first()[u"to"_s].toString().endsWith(u"<user@xn--bcher-kva.example>"_s),
                 qPrintable(mails.first()[u"to"_s].toString()));
        QVERIFY(mails.first()[u"to"_s].toString().startsWith(u"Anna Müller"_s));

        // The same order again, to tomás@: refused at entry, nothing written, nothing sent.
        const QByteArray before = databaseFingerprint(db());
        request.other.email = u"tomás@bücher.example"_s;
        const auto refused = submit(request);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QCOMPARE(refused.failure().field, u"other"_s);
        QVERIFY2(refused.failure().message.contains(u"before the @"_s)
                     && refused.failure().message.contains(u"SMTPUTF8"_s),
                 qPrintable(refused.failure().message));
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(server.messages().size(), 1);
    }

    // The demo lab holds only contacts the desk accepts: a demo callout to any party by
    // any method it has an address for goes through.
    void demoContactsPassTheRules()
    {
        auto fresh = TestDatabase::create(isPostgres() ? u"postgresql"_s : u"sqlite"_s);
        QVERIFY(fresh);
        auto demo = fresh->connectMigrated();
        QVERIFY(demo);
        DemoDataGenerator::Options options;
        options.seed = 3;
        options.orders = 300;
        options.anchor = QDate(2026, 12, 1);
        const auto generated = DemoDataGenerator(*demo).generate(options);
        // Migration 0005's C11 trigger refuses the generator's Attempted reports as it
        // writes them today (issue 10, point 9, fixed elsewhere); until then this check
        // cannot run, and says so rather than fail for a reason that is not its own.
        if (!generated
            && generated.failure().message.contains(u"draft of its order does not name it"_s)) {
            QSKIP("the demo generator is refused by the C11 trigger (issue 10, point 9)");
        }
        QVERIFY2(generated.ok(), qPrintable(generated ? QString() : generated.failure().message));

        int checked = 0;
        for (const QString &table : {u"patient"_s, u"referral_doctor"_s, u"organisation"_s}) {
            const QString fax = table == u"patient"_s ? u"''"_s : u"fax"_s;
            QSqlQuery query(demo->database());
            QVERIFY(
                query.exec(u"SELECT name, email, %1, contact_number FROM %2"_s.arg(fax, table)));
            while (query.next()) {
                const QString who = table + u' ' + query.value(0).toString();
                const QString email = query.value(1).toString();
                if (!email.isEmpty()) {
                    const EmailAddress address = EmailAddress::parse(email);
                    QVERIFY2(address.isValid(),
                             qPrintable(who + u": "_s + email + u": "_s + address.problemText()));
                    ++checked;
                }
                for (const int column : {2, 3}) {
                    const QString typed = query.value(column).toString();
                    if (typed.isEmpty())
                        continue;
                    const PhoneNumber number = PhoneNumber::parse(typed);
                    QVERIFY2(number.isValid(),
                             qPrintable(who + u": "_s + typed + u": "_s + number.problemText()));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 100);
    }
};

QTEST_GUILESS_MAIN(TestContactChecks)
#include "tst_contactchecks.moc"
