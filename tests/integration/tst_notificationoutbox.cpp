// SPEC N3 on both engines: the notification outbox's claims and leases, and the
// dispatcher's record of every outcome. The channel here is a scripted one: what is
// tested is what the dispatcher writes for each answer a channel can give; the real
// channels are tested against a real SMTP server and a real HTTP receiver elsewhere.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/notify/NotificationDispatcher.h"
#include "services/notify/NotificationOutbox.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

// Answers each delivery with the next scripted result for its channel, ok when none is left.
class ScriptedChannel : public NotificationChannel
{
public:
    QList<Failure> script;
    QList<qint64> delivered;

    Status deliver(const NotificationMessage &message, const NotificationContent &) override
    {
        if (!script.isEmpty())
            return script.takeFirst();
        delivered << message.id;
        return Done{};
    }
};

} // namespace

class TestNotificationOutbox : public EngineTestCase
{
    Q_OBJECT

private:
    // Sam Support's desk: it queues the callouts, and, seeing the whole lab, it is also the
    // login that claims and sends them (README: workers run on a support desk).
    EngineTestCase::Desk &support() { return EngineTestCase::desk(u"support:3"_s); }
    // A done callout on report 2 of RL-1 to the organisation and the referring doctor by
    // email and SMS: four messages.
    void queueFour()
    {
        CalloutRequest request;
        request.billId = 1;
        request.reportIds = {2};
        request.methods = {CommunicationMethod::Email, CommunicationMethod::Sms};
        request.recipients = {RecipientKind::Organization, RecipientKind::Referral};
        const auto outcome = CalloutEngine(support().db()).submit(support().scope, request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        QCOMPARE(outcome.value().notificationsQueued, 4);
    }
    QString state(qint64 id)
    {
        return scalar(db(), u"SELECT state FROM notification_outbox WHERE id = %1"_s.arg(id)).toString();
    }
    void makeDue()
    {
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z'"_s, {})
                    .ok());
    }
    // A desk with an email and an SMS channel that answer as scripted.
    struct Desk
    {
        NotificationChannels channels;
        ScriptedChannel *email = nullptr;
        ScriptedChannel *sms = nullptr;
    };
    static std::unique_ptr<Desk> scriptedDesk()
    {
        auto desk = std::make_unique<Desk>();
        auto email = std::make_unique<ScriptedChannel>();
        auto sms = std::make_unique<ScriptedChannel>();
        desk->email = email.get();
        desk->sms = sms.get();
        desk->channels.add({u"email"_s}, std::move(email));
        desk->channels.add({u"sms"_s}, std::move(sms));
        return desk;
    }
    NotificationDispatcher dispatcher(const Desk &desk, const QString &worker = u"desk-a"_s)
    {
        NotificationDispatcher::Options options;
        options.worker = worker;
        return NotificationDispatcher(
            support().db(),
            [](DatabaseConnection &, const NotificationMessage &message) -> Result<NotificationContent> {
                NotificationContent content;
                content.labBillId = message.payload.value(u"lab_bill_id"_s).toString();
                return content;
            },
            desk.channels, options);
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void twoDesksClaimDisjointMessagesAndALapsedClaimMovesOn()
    {
        queueFour();
        NotificationOutbox outbox(support().db());
        const QStringList channels{u"email"_s, u"sms"_s};
        const auto a = outbox.claim(u"desk-a"_s, channels, 2, 300);
        QVERIFY(a.ok());
        QCOMPARE(a.value().size(), 2);
        QCOMPARE(a.value().at(0).payload.value(u"lab_bill_id"_s).toString(), u"RL-1"_s);
        const auto b = outbox.claim(u"desk-b"_s, channels, 10, 300);
        QVERIFY(b.ok());
        QCOMPARE(b.value().size(), 2);
        QVERIFY(a.value().at(0).id != b.value().at(0).id && a.value().at(1).id != b.value().at(1).id);
        QCOMPARE(outbox.claim(u"desk-c"_s, channels, 10, 300).value().size(), 0);

        // Desk A stalls past its lease: desk C takes its messages over, and A's late
        // answer changes nothing.
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_outbox SET claimed_until = '2000-01-01T00:00:00.000Z' "
                                 "WHERE claimed_by = 'desk-a'"_s, {})
                    .ok());
        const auto c = outbox.claim(u"desk-c"_s, channels, 10, 300);
        QCOMPARE(c.value().size(), 2);
        QCOMPARE(c.value().at(0).id, a.value().at(0).id);
        QCOMPARE(outbox.markSent(a.value().at(0).id, u"desk-a"_s).value(), false);
        QCOMPARE(state(a.value().at(0).id), u"sending"_s);
        QCOMPARE(outbox.markSent(c.value().at(0).id, u"desk-c"_s).value(), true);
        QCOMPARE(state(c.value().at(0).id), u"sent"_s);
    }

    void everyOutcomeIsRecorded()
    {
        queueFour();
        const auto desk = scriptedDesk();
        // The first SMS finds its gateway down; the second is refused for good.
        desk->sms->script = {Failure::unavailable(u"gateway down"_s),
                             Failure::invalidInput(u"422 bad number"_s)};
        NotificationDispatcher sender = dispatcher(*desk);
        const NotificationDispatcher::Report report = sender.drainOnce();
        QCOMPARE(report.claimed, 4);
        QCOMPARE(report.sent, 2);
        QCOMPARE(report.retried, 1);
        QCOMPARE(report.failed, 1);
        QCOMPARE(desk->email->delivered.size(), 2);

        NotificationOutbox outbox(support().db());
        const auto summary = outbox.summary();
        QVERIFY(summary.ok());
        QCOMPARE(summary.value().sent, 2);
        QCOMPARE(summary.value().pending, 1);
        QCOMPARE(summary.value().waitingToRetry, 1);
        QCOMPARE(summary.value().failed, 1);
        QCOMPARE(summary.value().failures.at(0).lastError, u"422 bad number"_s);
        QCOMPARE(summary.value().failures.at(0).channel, u"sms"_s);

        // The retry waits about firstRetryMs; nothing is due before.
        auto retry = db().run(u"t"_s, u"SELECT attempts, last_error FROM notification_outbox "
                                             "WHERE state = 'pending'"_s, {});
        QVERIFY(retry.ok());
        QSqlQuery &row = retry.value();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toInt(), 1);
        QCOMPARE(row.value(1).toString(), u"gateway down"_s);
        row.finish();
        QCOMPARE(sender.drainOnce().claimed, 0);
        makeDue();
        const NotificationDispatcher::Report again = sender.drainOnce();
        QCOMPARE(again.sent, 1);
        QCOMPARE(outbox.summary().value().pending, 0);
        QCOMPARE(outbox.summary().value().sent, 3);

        // The callout history sees each message's state.
        const qint64 activity = scalar(db(), u"SELECT MAX(id) FROM activity_log"_s).toLongLong();
        const auto deliveries = outbox.deliveriesOf({activity}, 1);
        QVERIFY(deliveries.ok());
        QCOMPARE(deliveries.value().size(), 4);
        QStringList states;
        for (const auto &delivery : deliveries.value())
            states << delivery.state;
        states.sort();
        QCOMPARE(states, (QStringList{u"failed"_s, u"sent"_s, u"sent"_s, u"sent"_s}));
        QCOMPARE(outbox.deliveriesOf({activity}, 2).value().size(), 0); // another lab's view

        // And so does the callout history the dialog shows.
        const auto history = CalloutHistoryReader(support().db()).readForBill(support().scope, 1);
        QVERIFY(history.ok());
        QCOMPARE(history.value().size(), 1);
        QCOMPARE(history.value().at(0).deliveries.size(), 4);

        // The failed one can be sent again; then it goes.
        const qint64 failedId = summary.value().failures.at(0).id;
        QCOMPARE(outbox.retryFailed(failedId, 2).value(), false); // not another lab's
        QCOMPARE(outbox.retryFailed(failedId, 1).value(), true);
        QCOMPARE(outbox.retryFailed(failedId, 1).value(), false); // no longer failed
        QCOMPARE(sender.drainOnce().sent, 1);
        QCOMPARE(state(failedId), u"sent"_s);
    }

    void aMessageThatKeepsFailingIsGivenUp()
    {
        queueFour();
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_outbox SET attempts = 11 WHERE channel = 'email'"_s, {})
                    .ok());
        const auto desk = scriptedDesk();
        desk->email->script = {Failure::unavailable(u"connection refused"_s),
                               Failure::unavailable(u"connection refused"_s)};
        const auto report = dispatcher(*desk).drainOnce();
        QCOMPARE(report.failed, 2);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM notification_outbox WHERE state = 'failed' "
                              "AND attempts = 12 AND last_error = 'Gave up after 12 attempts: "
                              "connection refused'"_s)
                     .toInt(),
                 2);
    }

    void aDeskTakesOnlyWhatItCanSend()
    {
        queueFour();
        QVERIFY(db().run(u"t"_s, u"UPDATE notification_outbox SET channel = 'whatsapp' WHERE channel = 'sms'"_s, {})
                    .ok());
        const auto desk = scriptedDesk();
        const auto report = dispatcher(*desk).drainOnce();
        QCOMPARE(report.claimed, 2);
        QCOMPARE(report.sent, 2);
        // The WhatsApp messages wait, untouched, for a desk with a WhatsApp gateway.
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM notification_outbox WHERE channel = 'whatsapp' "
                              "AND state = 'pending' AND attempts = 0 AND claimed_by IS NULL"_s)
                     .toInt(),
                 2);
        QCOMPARE(NotificationOutbox(support().db()).claim(u"desk-b"_s, {}, 10, 300).value().size(), 0);
    }

    void sentMessagesArePrunedAfterTheLabsRetention()
    {
        queueFour();
        const auto desk = scriptedDesk();
        desk->sms->script = {Failure::invalidInput(u"422 bad number"_s)};
        QCOMPARE(dispatcher(*desk).drainAll().sent, 3);
        // The emails were sent 40 days ago, the SMS 10 days ago; the failed one is old too.
        const SqlDialect dialect(db());
        QVERIFY(exec(db(),
                     u"UPDATE notification_outbox SET sent_on = %1 WHERE channel = 'email'"_s.arg(
                         dialect.timestampDaysAgo(u"40"_s))));
        QVERIFY(exec(db(),
                     u"UPDATE notification_outbox SET sent_on = %1 WHERE state = 'sent' "
                     "AND channel = 'sms'"_s.arg(dialect.timestampDaysAgo(u"10"_s))));
        QVERIFY(exec(db(),
                     u"UPDATE notification_outbox SET created_on = %1 WHERE state = 'failed'"_s.arg(
                         dialect.timestampDaysAgo(u"60"_s))));
        const auto count = [this](const QString &state) {
            return scalar(
                       db(),
                       u"SELECT COUNT(*) FROM notification_outbox WHERE state = '%1'"_s.arg(state))
                .toInt();
        };

        // A desk's worker prunes on its first round: what is older than 30 days and sent.
        QCOMPARE(dispatcher(*desk).drainAll().problem, QString());
        QCOMPARE(count(u"sent"_s), 1);
        QCOMPARE(count(u"failed"_s), 1);
        // A lab that keeps a week.
        QVERIFY(exec(db(), u"UPDATE lab SET outbox_retention_days = 7 WHERE id = 1"_s));
        QCOMPARE(dispatcher(*desk).drainAll().problem, QString());
        QCOMPARE(count(u"sent"_s), 0);
        QCOMPARE(count(u"failed"_s), 1);
    }

    void retryDelaysGrowAndStayBounded()
    {
        const RetryPolicy retry = NotificationDispatcher::Options().retry;
        for (int attempt = 0; attempt < 40; ++attempt) {
            const qint64 delay = retry.delayAfter(attempt);
            const double expected = std::min(30000.0 * std::pow(2.0, std::min(attempt, 30)), 3600000.0);
            QVERIFY2(delay >= qint64(expected * 0.8) && delay <= qint64(expected * 1.2),
                     qPrintable(u"attempt %1: %2 ms"_s.arg(attempt).arg(delay)));
        }
    }
};

QTEST_MAIN(TestNotificationOutbox)
#include "tst_notificationoutbox.moc"
