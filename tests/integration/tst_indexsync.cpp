// SPEC E2–E4 against the index test server, on both database engines: the index never
// misses a committed change, and an older state never overwrites a newer one.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "IndexTestServer.h"
#include "TestCertificate.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/SessionLoader.h"
#include "services/db/SqlDialect.h"
#include "services/queue/OutboxPruner.h"
#include "services/search/IndexApiKeyIssuer.h"
#include "services/search/IndexClient.h"
#include "services/search/IndexDocumentReader.h"
#include "services/search/IndexOutbox.h"
#include "services/search/IndexSync.h"
#include "services/db/ConnectionPool.h"
#include "services/search/IndexSyncWorker.h"
#include "services/search/IndexWorklistSource.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestIndexSync : public EngineTestCase
{
    Q_OBJECT

private:
    IndexTestServer *m_server = nullptr;

    IndexEndpoint endpoint(int timeoutMs = 5000)
    {
        IndexEndpoint endpoint = IndexEndpoint::parse(m_server->url()).value();
        endpoint.setTimeoutMs(timeoutMs);
        return endpoint;
    }
    static IndexSync::Options fastOptions()
    {
        IndexSync::Options options;
        options.retry = {20, 40, 0};
        options.refused = {20, 40, 0};
        options.batchSize = 50;
        return options;
    }
    static IndexSync::Report drain(IndexSync &sync)
    {
        IndexSync::Report result;
        QEventLoop loop;
        sync.drainAll([&](const IndexSync::Report &report) {
            result = report;
            loop.quit();
        });
        loop.exec();
        return result;
    }
    void callout(qint64 bill, QList<qint64> reports, bool attempt = false)
    {
        CalloutRequest request;
        request.billId = bill;
        request.reportIds = std::move(reports);
        request.kind = attempt ? CalloutRequest::Kind::Attempt : CalloutRequest::Kind::Done;
        request.methods = {CommunicationMethod::Sms};
        request.recipients = {RecipientKind::Patient};
        request.comment = u"test"_s;
        const auto scope = SessionLoader(db()).support(3);
        const auto outcome = CalloutEngine(db()).submit(scope.value(), request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
    }
    // Every report of these orders has a document equal to its database row.
    void verifyIndexMatchesDatabase(const QList<qint64> &bills)
    {
        const auto documents = IndexDocumentReader(db()).forBills(bills);
        QVERIFY(documents.ok());
        QVERIFY(!documents.value().isEmpty());
        for (auto it = documents.value().cbegin(); it != documents.value().cend(); ++it) {
            const QJsonObject indexed
                = m_server->document(u"patient_reports-lab-1"_s, QString::number(it.key()));
            QVERIFY2(
                indexed == it.value(),
                qPrintable(u"report %1: index %2, database %3"_s.arg(it.key()).arg(
                    QString::fromUtf8(QJsonDocument(indexed).toJson(QJsonDocument::Compact)),
                    QString::fromUtf8(QJsonDocument(it.value()).toJson(QJsonDocument::Compact)))));
        }
    }
    int outboxCount(const QString &state)
    {
        return scalar(db(), u"SELECT COUNT(*) FROM index_outbox WHERE state = '%1'"_s.arg(state))
            .toInt();
    }
    void waitForBackoff() { QTest::qWait(60); }
    // The result of an asynchronous call, waited for with the event loop running.
    template <typename T>
    static Result<T> await(const std::function<void(std::function<void(const Result<T> &)>)> &call)
    {
        std::optional<Result<T>> result;
        call([&](const Result<T> &answer) { result = answer; });
        QElapsedTimer timer;
        timer.start();
        while (!result && timer.elapsed() < 10000)
            QTest::qWait(5);
        return result ? *result : Result<T>(Failure::internal(u"no answer within 10 s"_s));
    }
    // A key for one lab's desks, made with the test server's all-privileged default user.
    Result<IndexApiKey> issueKey(qint64 labId)
    {
        IndexClient administrator(endpoint());
        IndexApiKeyIssuer issuer(db(), administrator);
        return await<IndexApiKey>(
            [&](auto done) { issuer.issue(labId, IndexApiKeyIssuer::defaultName(labId), done); });
    }
    static Result<WorklistPage> worklist(IndexClient &client, const SessionScope &scope)
    {
        IndexWorklistSource source(client);
        return await<WorklistPage>([&](auto done) { source.fetch(scope, WorklistQuery{}, done); });
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        m_server = new IndexTestServer(this);
        QVERIFY(m_server->start());
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        EngineTestCase::cleanup();
    }

    void calloutReachesTheIndex()
    {
        callout(1, {1, 2});
        QCOMPARE(outboxCount(u"pending"_s), 1);
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        const IndexSync::Report report = drain(sync);
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(report.sent, 1);
        QCOMPARE(outboxCount(u"done"_s), 1);
        // E3: the whole order was sent, all six reports.
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-1"_s), 6);
        verifyIndexMatchesDatabase({1});
        QCOMPARE(
            m_server->document(u"patient_reports-lab-1"_s, u"1"_s)[u"criticalValues"_s].toInt(), 2);
        // The index was created with its explicit mapping.
        const QJsonObject properties
            = m_server->mapping(u"patient_reports-lab-1"_s)[u"properties"_s].toObject();
        QCOMPARE(properties[u"criticalValues"_s][u"type"_s].toString(), u"integer"_s);
        QCOMPARE(properties[u"labReportId"_s][u"type"_s].toString(), u"keyword"_s);
        QCOMPARE(properties[u"lastUpdated"_s][u"type"_s].toString(), u"date"_s);
    }

    void indexDownCalloutsCommitAndCatchUp()
    {
        m_server->setRefusingConnections(true);
        callout(1, {1}, true);
        callout(2, {7});
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 7"_s).toInt(), 2);
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        IndexSync::Report report = drain(sync);
        QVERIFY(report.problem);
        QVERIFY2(report.problem->message.contains(u"connection was refused"_s),
                 qPrintable(report.problem->message));
        QCOMPARE(outboxCount(u"pending"_s), 2);

        // Up again: the index is created and both committed callouts reach it.
        m_server->setRefusingConnections(false);
        QVERIFY(!drain(sync).problem);
        QCOMPARE(outboxCount(u"done"_s), 2);
        verifyIndexMatchesDatabase({1, 2});

        // The index answers 503 to the bulk request once: the row waits, then goes.
        callout(1, {1, 2});
        m_server->failNextRequests(1, 503);
        report = drain(sync);
        QVERIFY(report.problem);
        QCOMPARE(report.retried, 1);
        QCOMPARE(
            scalar(db(), u"SELECT attempts FROM index_outbox WHERE state = 'pending'"_s).toInt(),
            1);
        QVERIFY(scalar(db(), u"SELECT last_error FROM index_outbox WHERE state = 'pending'"_s)
                    .toString()
                    .contains(u"503"_s));
        waitForBackoff();
        report = drain(sync);
        QVERIFY(!report.problem);
        QCOMPARE(outboxCount(u"pending"_s), 0);
        verifyIndexMatchesDatabase({1, 2});
    }

    void stalledIndexTimesOutAndIsRetried()
    {
        callout(1, {1});
        IndexClient client(endpoint(300));
        IndexSync sync(db(), client, fastOptions());
        m_server->setStallMilliseconds(1500);
        const IndexSync::Report report = drain(sync);
        QVERIFY(report.problem);
        QVERIFY2(report.problem->message.contains(u"did not answer within 0.3 s"_s),
                 qPrintable(report.problem->message));
        m_server->setStallMilliseconds(0);
        QTest::qWait(1600); // let the stalled answers arrive and be ignored
        waitForBackoff();
        QVERIFY(!drain(sync).problem);
        QCOMPARE(outboxCount(u"done"_s), 1);
        verifyIndexMatchesDatabase({1});
    }

    void failingItemsRetryOrAreHeldAlone()
    {
        callout(1, {1});
        callout(2, {7});
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        // Report 7 (order 2) is refused by the index; report 2 (order 1) is rejected for now.
        m_server->failBulkItems({u"7"_s}, 400, u"mapper_parsing_exception"_s);
        IndexSync::Report report = drain(sync);
        QCOMPARE(report.held, 1);
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.sent, 1);
        // E5: not failed after one attempt but held on the long backoff, and said.
        QCOMPARE(outboxCount(u"failed"_s), 0);
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM index_outbox WHERE state = 'pending' "
                        "AND failure_class = 'permanent' AND attempts = 1"_s)
                     .toInt(),
                 1);
        const auto summary = IndexOutbox(db()).summary();
        QVERIFY(summary.ok());
        QCOMPARE(summary.value().counts.held, 1);
        QCOMPARE(summary.value().ordersNotIndexed, 1);
        QCOMPARE(summary.value().heldRows.size(), 1);
        QCOMPARE(summary.value().heldRows.first().targetId, 2);
        QVERIFY2(summary.value().heldRows.first().reason.contains(u"mapper_parsing_exception"_s),
                 qPrintable(summary.value().heldRows.first().reason));
        QVERIFY2(summary.value().alarm().startsWith(
                     u"1 order not in the index: report 7: mapper_parsing_exception"_s),
                 qPrintable(summary.value().alarm()));

        // The index takes it once the mapping is fixed: the held row goes, the alarm ends.
        m_server->failBulkItems({}, 400, QString());
        waitForBackoff();
        report = drain(sync);
        QCOMPARE(report.sent, 1);
        QCOMPARE(report.held, 0);
        verifyIndexMatchesDatabase({2});
        QVERIFY(IndexOutbox(db()).summary().value().alarm().isEmpty());

        callout(1, {1, 2});
        m_server->failBulkItems({u"2"_s}, 429, u"es_rejected_execution_exception"_s);
        report = drain(sync);
        QCOMPARE(report.retried, 1);
        m_server->failBulkItems({}, 400, QString());
        waitForBackoff();
        report = drain(sync);
        QCOMPARE(report.sent, 1);
        verifyIndexMatchesDatabase({1});
    }

    void aRefusedBulkRequestIsHeldOnALongBackoffThenSent()
    {
        callout(1, {1});
        IndexClient client(endpoint());
        IndexSync::Options options = fastOptions();
        options.refused = IndexSync::Options().refused; // minutes, as on a desk
        IndexSync sync(db(), client, options);
        m_server->answerNextRequests(
            1, u"/_bulk"_s, 400, "application/json",
            R"({"error":{"type":"illegal_argument_exception","reason":"mapping rejected"},"status":400})");
        IndexSync::Report report = drain(sync);
        QCOMPARE(report.held, 1);
        QCOMPARE(report.sent, 0);
        QVERIFY(report.problem);
        QVERIFY2(report.problem->message.contains(u"400"_s), qPrintable(report.problem->message));
        // Held, not failed: pending, its attempt counted, due again only in minutes.
        QCOMPARE(outboxCount(u"failed"_s), 0);
        QCOMPARE(scalar(db(), u"SELECT failure_class FROM index_outbox"_s).toString(),
                 u"permanent"_s);
        QCOMPARE(scalar(db(), u"SELECT attempts FROM index_outbox"_s).toInt(), 1);
        const QDateTime due
            = scalar(db(), u"SELECT next_attempt_at FROM index_outbox"_s).toDateTime();
        QVERIFY2(due > QDateTime::currentDateTimeUtc().addSecs(90), qPrintable(due.toString()));
        QCOMPARE(drain(sync).claimed, 0);
        const QString alarm = IndexOutbox(db()).alarm().value();
        QVERIFY2(alarm.startsWith(u"1 order not in the index: "_s)
                     && alarm.contains(u"mapping rejected"_s),
                 qPrintable(alarm));

        // Its time comes and the index takes it: the alarm ends.
        QVERIFY(
            exec(db(), u"UPDATE index_outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z'"_s));
        report = drain(sync);
        QCOMPARE(report.sent, 1);
        QCOMPARE(outboxCount(u"done"_s), 1);
        QCOMPARE(IndexOutbox(db()).alarm().value(), QString());
        verifyIndexMatchesDatabase({1});
    }

    void anAnswerThatIsNotJsonIsAFailure()
    {
        callout(1, {1});
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        // A proxy between the desk and the index answers with its own page.
        m_server->answerNextRequests(1, u"/_bulk"_s, 200, "text/html",
                                     "<html><body><h1>Proxy Error</h1>Bad gateway</body></html>");
        IndexSync::Report report = drain(sync);
        QVERIFY(report.problem);
        QVERIFY2(report.problem->message.contains(u"not JSON"_s)
                     && report.problem->message.contains(u"Proxy Error"_s),
                 qPrintable(report.problem->message));
        QCOMPARE(report.sent, 0);
        QCOMPARE(report.retried, 1);
        QCOMPARE(outboxCount(u"pending"_s), 1);
        QCOMPARE(scalar(db(), u"SELECT failure_class FROM index_outbox"_s).toString(),
                 u"transient"_s);
        waitForBackoff();
        report = drain(sync);
        QVERIFY(!report.problem);
        QCOMPARE(report.sent, 1);
        verifyIndexMatchesDatabase({1});
    }

    void aDeletedReportLeavesTheIndex()
    {
        QVERIFY(IndexOutbox(db()).enqueueAllBills().ok());
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        QVERIFY(!drain(sync).problem);
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-1"_s), 8);

        // The laboratory system deletes a report: its document goes too.
        QVERIFY(exec(db(), u"DELETE FROM report WHERE id = 3"_s));
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM index_outbox WHERE state = 'pending' "
                        "AND scope = 'report' AND report_id = 3"_s)
                     .toInt(),
                 1);
        IndexSync::Report report = drain(sync);
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(report.sent, 1);
        QVERIFY(m_server->document(u"patient_reports-lab-1"_s, u"3"_s).isEmpty());
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-1"_s), 7);

        // A whole order deleted: each of its reports' documents goes; a document already gone
        // (deleted twice, or never indexed) is no failure.
        QVERIFY(
            exec(db(),
                 u"INSERT INTO index_outbox (lab_id, scope, report_id) VALUES (1, 'report', 3)"_s));
        QVERIFY(exec(db(), u"DELETE FROM bill WHERE id = 2"_s));
        report = drain(sync);
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(report.sent, 3);
        QVERIFY(m_server->document(u"patient_reports-lab-1"_s, u"7"_s).isEmpty());
        QVERIFY(m_server->document(u"patient_reports-lab-1"_s, u"8"_s).isEmpty());
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-1"_s), 5);
        verifyIndexMatchesDatabase({1});
    }

    void sentRowsArePrunedAfterTheLabsRetention()
    {
        callout(1, {1});
        callout(2, {7});
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        QVERIFY(!drain(sync).problem);
        QCOMPARE(outboxCount(u"done"_s), 2);
        const SqlDialect dialect(db());
        // Four rows sent 40 days ago, one sent 10 days ago, and one that waits since long.
        QVERIFY(exec(db(),
                     u"UPDATE index_outbox SET done_on = %1 WHERE bill_id = 1"_s.arg(
                         dialect.timestampDaysAgo(u"40"_s))));
        QVERIFY(exec(db(),
                     u"UPDATE index_outbox SET done_on = %1 WHERE bill_id = 2"_s.arg(
                         dialect.timestampDaysAgo(u"10"_s))));
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id, state, done_on) "
                     "SELECT lab_id, scope, bill_id, state, done_on FROM index_outbox "
                     "WHERE bill_id = 1"_s));
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id, state, done_on) "
                     "SELECT lab_id, scope, bill_id, state, done_on FROM index_outbox "
                     "WHERE bill_id = 1"_s));
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id, created_on, "
                     "next_attempt_at) VALUES (1, 'bill', 1, %1, '2999-01-01T00:00:00.000Z')"_s.arg(
                         dialect.timestampDaysAgo(u"50"_s))));
        QCOMPARE(outboxCount(u"done"_s), 5);

        // In small batches: two batches of one at most per prune.
        OutboxPruner::Options small{1, 2, 60 * 60 * 1000};
        QCOMPARE(OutboxPruner(small).pruneIfDue(IndexOutbox(db()).queue()).value(), 2);
        QCOMPARE(OutboxPruner(small).pruneIfDue(IndexOutbox(db()).queue()).value(), 2);
        QCOMPARE(OutboxPruner(small).pruneIfDue(IndexOutbox(db()).queue()).value(), 0);
        QCOMPARE(outboxCount(u"done"_s), 1);
        QCOMPARE(outboxCount(u"pending"_s), 1);

        // A lab that keeps a week: the sync's own pruning, on its first round, removes the
        // row sent 10 days ago.
        QVERIFY(exec(db(), u"UPDATE lab SET outbox_retention_days = 7 WHERE id = 1"_s));
        IndexSync pruning(db(), client, fastOptions());
        QVERIFY(!drain(pruning).problem);
        QCOMPARE(outboxCount(u"done"_s), 0);
        QCOMPARE(outboxCount(u"pending"_s), 1);
    }

    void conflictCountsAsDoneAndDroppedConnectionsWait()
    {
        callout(1, {1});
        {
            // Dropped connections: nothing is claimed or lost, the next round sends.
            IndexClient client(endpoint());
            IndexSync sync(db(), client, fastOptions());
            m_server->dropNextConnections(20); // more than the client's own retries
            const IndexSync::Report report = drain(sync);
            QVERIFY(report.problem);
            QCOMPARE(outboxCount(u"pending"_s), 1);
            m_server->dropNextConnections(0);
        }
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        // 409: another writer got there first; the script keeps the newest, so it is done.
        m_server->failBulkItems({u"1"_s}, 409, u"version_conflict_engine_exception"_s);
        const IndexSync::Report report = drain(sync);
        QVERIFY(!report.problem);
        QCOMPARE(report.sent, 1);
        QCOMPARE(outboxCount(u"done"_s), 1);
    }

    void olderStateNeverOverwritesNewer()
    {
        callout(1, {1}, true);
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        QVERIFY(!drain(sync).problem);
        // A desk read the order now, and is slow to send it.
        const auto stale = IndexDocumentReader(db()).forBills({1});
        QVERIFY(stale.ok());
        // Meanwhile the order moves on and another desk indexes the newer state.
        callout(1, {1, 2});
        QVERIFY(!drain(sync).problem);
        verifyIndexMatchesDatabase({1});
        // Now the slow desk's request arrives: every item is a no-op.
        const IndexResponse late = client.sendAndWait(
            "POST", u"/_bulk"_s, IndexSync::bulkBody(client.endpoint(), stale.value(), {}));
        QVERIFY(late.ok());
        for (const QJsonValue &item : late.body[u"items"_s].toArray())
            QCOMPARE(item[u"update"_s][u"result"_s].toString(), u"noop"_s);
        verifyIndexMatchesDatabase({1});
        QCOMPARE(
            m_server->document(u"patient_reports-lab-1"_s, u"2"_s)[u"criticalValues"_s].toInt(), 2);
    }

    void statusOnlyRowsSendOnlyStatusFields()
    {
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        QVERIFY(IndexOutbox(db()).enqueueAllBills().ok());
        QVERIFY(!drain(sync).problem);
        QVERIFY(exec(
            db(),
            u"UPDATE report SET critical_values = 2, last_updated = '2026-11-22T10:00:00.000Z' WHERE id = 1"_s));
        QVERIFY(
            exec(db(),
                 u"INSERT INTO index_outbox (lab_id, scope, report_id) VALUES (1, 'report', 1)"_s));
        QVERIFY(!drain(sync).problem);
        const QList<QByteArray> lines = m_server->lastBulkBody().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject fields = QJsonDocument::fromJson(lines.at(1))
                                       .object()[u"script"_s][u"params"_s][u"fields"_s]
                                       .toObject();
        QCOMPARE(fields.keys(), (QStringList{u"criticalValues"_s, u"lastUpdated"_s}));
        verifyIndexMatchesDatabase({1});
    }

    void workerDrainsInTheBackground()
    {
        IndexSyncWorker worker(ConnectionPool::create(database().url()), endpoint(), fastOptions(), 100);
        QSignalSpy drained(&worker, &IndexSyncWorker::drained);
        worker.start();
        callout(1, {1});
        QTRY_COMPARE_WITH_TIMEOUT(outboxCount(u"done"_s), 1, 10000);
        QTRY_VERIFY(drained.count() >= 1);
        verifyIndexMatchesDatabase({1});
        callout(2, {7});
        QTRY_COMPARE_WITH_TIMEOUT(outboxCount(u"done"_s), 2, 10000);
        verifyIndexMatchesDatabase({1, 2});
    }

    void signInIsRequiredAndSent()
    {
        m_server->requireAuthorization("ApiKey s3cret");
        callout(1, {1});
        {
            IndexClient client(endpoint());
            IndexSync sync(db(), client, fastOptions());
            const IndexSync::Report report = drain(sync);
            QVERIFY(report.problem);
            QVERIFY2(report.problem->message.contains(u"(401: "_s),
                     qPrintable(report.problem->message));
            QCOMPARE(outboxCount(u"pending"_s), 1);
        }
        IndexClient client(IndexEndpoint::parse(m_server->url(), u"s3cret"_s).value());
        IndexSync sync(db(), client, fastOptions());
        QVERIFY(!drain(sync).problem);
        QCOMPARE(outboxCount(u"done"_s), 1);
        const IndexEndpoint basic
            = IndexEndpoint::parse(u"https://desk:pa55@es.lab.example:9200"_s).value();
        QCOMPARE(basic.authorization(), QByteArray("Basic ") + QByteArray("desk:pa55").toBase64());
        QCOMPARE(basic.displayString(), u"https://es.lab.example:9200"_s);
    }

    void tlsWithTheLabsOwnAuthority()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
        TestCertificate certificate;
        QString error;
        QVERIFY2(certificate.make(&error), qPrintable(error));
        IndexTestServer tls;
        QVERIFY(tls.startTls(certificate.certificate(), certificate.key()));
        QVERIFY(tls.url().startsWith(u"https://"_s));
        callout(1, {1});
        {
            // The lab's own authority is not trusted by default: the sign-in is refused.
            IndexClient client(IndexEndpoint::parse(tls.url()).value());
            IndexSync sync(db(), client, fastOptions());
            const IndexSync::Report report = drain(sync);
            QVERIFY(report.problem);
            QVERIFY2(report.problem->message.contains(u"TLS"_s),
                     qPrintable(report.problem->message));
        }
        const auto endpoint
            = IndexEndpoint::parse(tls.url() + u"/?ca="_s + certificate.certificateFile());
        QVERIFY2(endpoint.ok(), qPrintable(endpoint ? QString() : endpoint.failure().message));
        IndexClient client(endpoint.value());
        IndexSync sync(db(), client, fastOptions());
        const IndexSync::Report report = drain(sync);
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(tls.documentCount(u"patient_reports-lab-1"_s), 6);
        QVERIFY(!IndexEndpoint::parse(u"https://es.example:9200/?ca=/no/such/ca.pem"_s).ok());
    }

    void eachLabHasItsOwnIndex()
    {
        callout(1, {1, 2});
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (2, 'bill', 3)"_s));
        IndexClient client(endpoint());
        IndexSync sync(db(), client, fastOptions());
        const IndexSync::Report report = drain(sync);
        QVERIFY2(!report.problem, qPrintable(report.problem ? report.problem->message : QString()));
        QCOMPARE(report.sent, 2);
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-1"_s), 6);
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-2"_s), 1);
        QCOMPARE(m_server->document(u"patient_reports-lab-2"_s, u"9"_s)[u"labId"_s].toString(),
                 u"2"_s);
        QVERIFY(m_server->document(u"patient_reports-lab-1"_s, u"9"_s).isEmpty());
        // Both with the explicit mapping; no index shared by the labs.
        QCOMPARE(
            m_server->mapping(u"patient_reports-lab-2"_s)[u"properties"_s][u"labId"_s][u"type"_s]
                .toString(),
            u"keyword"_s);
        QVERIFY(!m_server->hasIndex(u"patient_reports"_s));

        // A lab's worklist is read from its own index only.
        const auto olga = SessionLoader(db()).fromSpec(u"labuser:4"_s);
        QVERIFY(olga.ok());
        const auto page = worklist(client, olga.value());
        QVERIFY2(page.ok(), qPrintable(page ? QString() : page.failure().message));
        QCOMPARE(page.value().rows.size(), 1);
        QCOMPARE(page.value().rows.first().reportId, 9);
        QVERIFY(m_server->requestLog().contains(u"POST /patient_reports-lab-2/_search"_s));
        const auto sam = SessionLoader(db()).support(3);
        const auto lab1 = worklist(client, sam.value());
        QVERIFY(lab1.ok());
        QVERIFY(!lab1.value().rows.isEmpty());
        for (const WorklistRow &row : lab1.value().rows)
            QVERIFY(row.reportId != 9);
    }

    void labKeyReachesOnlyItsLabsIndex()
    {
        const auto made = issueKey(1);
        QVERIFY2(made.ok(), qPrintable(made ? QString() : made.failure().message));
        const IndexApiKey key = made.value();
        QCOMPARE(key.name, u"calloutdesk-lab-1"_s);
        QCOMPARE(key.index, u"patient_reports-lab-1"_s);
        QCOMPARE(m_server->apiKeyCount(), 1);
        // The administrator made the lab's index and the script; the key may make neither.
        QVERIFY(m_server->hasIndex(u"patient_reports-lab-1"_s));
        const QByteArray decoded = QByteArray::fromBase64(key.encoded.toLatin1());
        QVERIFY2(decoded.startsWith(key.id.toLatin1() + ':'), decoded.constData());

        // A lab-1 desk drains an outbox holding both labs' orders: lab 1's documents land,
        // lab 2's rows wait for a credential that may write there, and none fails for good.
        QVERIFY(IndexOutbox(db()).enqueueAllBills().ok());
        IndexClient desk(IndexEndpoint::parse(m_server->url(), key.encoded).value());
        {
            IndexSync sync(db(), desk, fastOptions());
            const IndexSync::Report report = drain(sync);
            QVERIFY(report.problem);
            QVERIFY2(report.problem->message.contains(u"(403: "_s)
                         && report.problem->message.contains(u"(index patient_reports-lab-2)"_s),
                     qPrintable(report.problem->message));
            QCOMPARE(report.held, 0);
            QCOMPARE(report.sent, 2);
            QCOMPARE(report.retried, 1);
        }
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-1"_s), 8);
        QVERIFY(!m_server->hasIndex(u"patient_reports-lab-2"_s));
        QCOMPARE(outboxCount(u"pending"_s), 1);
        QCOMPARE(outboxCount(u"failed"_s), 0);

        // The administrator's sync sends it.
        waitForBackoff();
        IndexClient administrator(endpoint());
        IndexSync adminSync(db(), administrator, fastOptions());
        QVERIFY(!drain(adminSync).problem);
        QCOMPARE(m_server->documentCount(u"patient_reports-lab-2"_s), 1);

        // The key searches its lab's index and is refused on the other's.
        const QByteArray search = R"({"query":{"match_all":{}}})";
        IndexResponse own = desk.sendAndWait("POST", u"/patient_reports-lab-1/_search"_s, search);
        QVERIFY2(own.ok(), qPrintable(own.ok() ? QString() : own.failure->message));
        QCOMPARE(own.body[u"hits"_s][u"total"_s][u"value"_s].toInt(), 8);
        for (const QString &path : {u"/patient_reports-lab-2/_search"_s,
                                    u"/patient_reports-lab-1,patient_reports-lab-2/_search"_s,
                                    u"/patient_reports-lab-2/_doc/9"_s}) {
            const IndexResponse other
                = desk.sendAndWait(path.endsWith(u"9"_s) ? "GET" : "POST", path,
                                   path.endsWith(u"9"_s) ? QByteArray() : search);
            QCOMPARE(other.httpStatus, 403);
            QCOMPARE(other.body[u"error"_s][u"type"_s].toString(), u"security_exception"_s);
            QVERIFY2(other.body[u"error"_s][u"reason"_s].toString().contains(
                         u"on indices [patient_reports-lab-2]"_s),
                     qPrintable(other.body[u"error"_s][u"reason"_s].toString()));
            QCOMPARE(other.body[u"status"_s].toInt(), 403);
        }
        // Writing to the other lab's index fails item by item, as in Elasticsearch.
        const auto lab2 = IndexDocumentReader(db()).forBills({3});
        const IndexResponse write = desk.sendAndWait(
            "POST", u"/_bulk"_s, IndexSync::bulkBody(desk.endpoint(), lab2.value(), {}));
        QVERIFY(write.ok());
        QCOMPARE(write.body[u"items"_s][0][u"update"_s][u"status"_s].toInt(), 403);
        // Nor may the key make keys, store scripts or make indices.
        QCOMPARE(desk.sendAndWait("POST", u"/_security/api_key"_s, R"({"name":"x"})").httpStatus,
                 403);
        QCOMPARE(desk.sendAndWait("PUT", u"/_scripts/other"_s, R"({"script":{}})").httpStatus, 403);
        QCOMPARE(desk.sendAndWait("PUT", u"/patient_reports-lab-3"_s, "{}").httpStatus, 403);
        // A key the server never made signs nothing in.
        IndexClient forged(
            IndexEndpoint::parse(
                m_server->url(),
                QString::fromLatin1(QByteArray(key.id.toLatin1() + ":guess").toBase64()))
                .value());
        QCOMPARE(forged.sendAndWait("POST", u"/patient_reports-lab-1/_search"_s, search).httpStatus,
                 401);

        // The desk's worklist: its lab's answers; another lab's session is refused, even if
        // the program were to ask with the wrong scope.
        const auto sam = SessionLoader(db()).support(3);
        const auto page = worklist(desk, sam.value());
        QVERIFY2(page.ok(), qPrintable(page ? QString() : page.failure().message));
        QVERIFY(!page.value().rows.isEmpty());
        const auto olga = SessionLoader(db()).fromSpec(u"labuser:4"_s);
        const auto refused = worklist(desk, olga.value());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.failure().message.contains(u"403"_s),
                 qPrintable(refused.failure().message));
    }

    void keyForAnUnknownLabIsRefusedBeforeTheIndex()
    {
        const auto made = issueKey(99);
        QVERIFY(!made.ok());
        QCOMPARE(made.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(made.failure().message.contains(u"no lab with id 99"_s),
                 qPrintable(made.failure().message));
        QCOMPARE(m_server->requestCount(), 0);
        QCOMPARE(m_server->apiKeyCount(), 0);
        QVERIFY(!IndexApiKeyIssuer::checkName(u"_reserved"_s).ok());
        QVERIFY(!IndexApiKeyIssuer::checkName(u" padded"_s).ok());
        QVERIFY(!IndexApiKeyIssuer::checkName(QString(257, u'k')).ok());
        QVERIFY(IndexApiKeyIssuer::checkName(u"desk key"_s).ok());
        // Exactly the lab's index, never a pattern that would also match lab 10's.
        const QJsonObject body = IndexApiKeyIssuer::requestBody(endpoint(), 1, u"k"_s);
        const QJsonObject role = body[u"role_descriptors"_s][u"calloutdesk-lab-1"_s].toObject();
        QCOMPARE(role[u"indices"_s][0][u"names"_s].toArray(),
                 (QJsonArray{u"patient_reports-lab-1"_s}));
        QCOMPARE(role[u"indices"_s][0][u"privileges"_s].toArray(),
                 (QJsonArray{u"read"_s, u"write"_s, u"view_index_metadata"_s}));
        QCOMPARE(role[u"cluster"_s].toArray(), QJsonArray{});
    }

    void twoDrainersSendEachRowOnce()
    {
        for (int i = 0; i < 30; ++i)
            QVERIFY(CalloutFixture::addLargeBill(db(), 100 + i, 2, (100 + i) * 100).ok());
        QVERIFY(IndexOutbox(db()).enqueueAllBills().ok());
        const int rows = outboxCount(u"pending"_s);
        QCOMPARE(rows, 33);

        const DatabaseUrl url = database().url();
        const QString serverUrl = m_server->url();
        auto desk = [url, serverUrl](const QString &name, IndexSync::Report *result) {
            auto connection = DatabaseConnection::open(url, name);
            IndexClient client(IndexEndpoint::parse(serverUrl).value());
            IndexSync::Options options;
            options.worker = name;
            options.batchSize = 4;
            IndexSync sync(*connection.value(), client, options);
            QEventLoop loop;
            sync.drainAll([&](const IndexSync::Report &report) {
                *result = report;
                loop.quit();
            });
            loop.exec();
        };
        IndexSync::Report a;
        IndexSync::Report b;
        std::unique_ptr<QThread> deskA(QThread::create(desk, u"desk-a"_s, &a));
        std::unique_ptr<QThread> deskB(QThread::create(desk, u"desk-b"_s, &b));
        deskA->start();
        deskB->start();
        QTRY_VERIFY_WITH_TIMEOUT(deskA->isFinished() && deskB->isFinished(), 60000);
        QVERIFY2(!a.problem && !b.problem,
                 qPrintable((a.problem ? a.problem->message : QString())
                            + (b.problem ? b.problem->message : QString())));
        QCOMPARE(a.sent + b.sent, rows);
        QCOMPARE(outboxCount(u"done"_s), rows);
        // Each report went out exactly once.
        const auto documents = IndexDocumentReader(db()).forBills({1, 2, 3});
        for (int i = 0; i < 30; ++i) {
            QCOMPARE(m_server->itemCount(QString::number((100 + i) * 100)), 1);
            QCOMPARE(m_server->itemCount(QString::number((100 + i) * 100 + 1)), 1);
        }
        QCOMPARE(m_server->itemCount(u"1"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestIndexSync)
#include "tst_indexsync.moc"
