// The contract of the two worklist sources (SPEC E1, U1, V2): on the same data, the index
// and the database answer every query with the same rows in the same order, the same
// total and the same tab counts, page after page.
#include "EngineTestCase.h"
#include "IndexTestServer.h"
#include "models/WorklistValueText.h"
#include "services/callout/CriticalParameterEvaluator.h"
#include "services/db/DemoDataGenerator.h"
#include "services/search/IndexClient.h"
#include "services/search/IndexOutbox.h"
#include "services/search/IndexSync.h"
#include "services/search/IndexWorklistSource.h"
#include "services/search/SqlWorklistSource.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

struct Walk
{
    QList<qint64> ids;
    QList<WorklistPage> pages;
    QString error;
};

} // namespace

class TestWorklistSources : public EngineTestCase
{
    Q_OBJECT

private:
    IndexTestServer *m_server = nullptr;
    IndexClient *m_client = nullptr;

    Result<WorklistPage> fetch(WorklistSource &source, const SessionScope &scope,
                               const WorklistQuery &query)
    {
        std::optional<Result<WorklistPage>> result;
        source.fetch(scope, query, [&](const Result<WorklistPage> &page) { result = page; });
        QEventLoop loop;
        while (!result)
            loop.processEvents(QEventLoop::WaitForMoreEvents, 50);
        return *result;
    }
    // Every page of a query, following the cursors.
    Walk walk(WorklistSource &source, const SessionScope &scope, WorklistQuery query)
    {
        Walk walk;
        for (int guard = 0; guard < 500; ++guard) {
            const auto page = fetch(source, scope, query);
            if (!page) {
                walk.error = page.failure().message;
                return walk;
            }
            walk.pages << page.value();
            for (const WorklistRow &row : page.value().rows)
                walk.ids << row.reportId;
            if (!page.value().hasMore)
                return walk;
            query.after = page.value().rows.last().cursor;
        }
        walk.error = u"more than 500 pages"_s;
        return walk;
    }

    // What the overdue tally at a cutoff must be, from a tab's result times in order.
    static OverdueTally expectedTally(const QList<QDateTime> &times, const QDateTime &cutoff)
    {
        OverdueTally tally{cutoff, 0, {}, true};
        for (const QDateTime &time : times) {
            if (time <= cutoff)
                ++tally.overdue;
            else if (tally.upcoming.size() < OverdueTally::upcomingLimit)
                tally.upcoming << time;
            else
                tally.upcomingComplete = false;
        }
        if (tally.upcoming.size() == OverdueTally::upcomingLimit)
            tally.upcomingComplete = false;
        return tally;
    }
    // The result times of a tab's rows as the scope sees them, earliest first.
    QList<QDateTime> resultTimes(WorklistSource &source, const SessionScope &scope,
                                 CriticalStatus tab)
    {
        WorklistQuery all;
        all.tab = tab;
        all.pageSize = 1000;
        const Walk rows = walk(source, scope, all);
        if (!rows.error.isEmpty())
            qWarning() << rows.error;
        QList<QDateTime> times;
        for (const WorklistPage &page : rows.pages)
            for (const WorklistRow &row : page.rows)
                times << row.resultOn;
        std::sort(times.begin(), times.end());
        return times;
    }

    // Sends the index outbox's rows; none when it did not finish in 30 s.
    std::optional<IndexSync::Report> drainIndexOutbox()
    {
        IndexSync sync(db(), *m_client, {});
        std::optional<IndexSync::Report> report;
        sync.drainAll([&](const IndexSync::Report &r) { report = r; });
        QEventLoop loop;
        QElapsedTimer timer;
        timer.start();
        while (!report && timer.elapsed() < 30000)
            loop.processEvents(QEventLoop::WaitForMoreEvents, 50);
        return report;
    }
    bool drainedCleanly()
    {
        const auto report = drainIndexOutbox();
        return report && !report->problem;
    }
    // What a row shows beyond its report, to compare the two sources by.
    static QString details(const WorklistRow &row)
    {
        return u"%1|%2|%3|%4|%5"_s
            .arg(WorklistValueText::of(row.criticalParameters),
                 row.patientDateOfBirth.toString(Qt::ISODate))
            .arg(row.patientId)
            .arg(row.waitingChannels.join(u','), row.failedChannels.join(u','));
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        DemoDataGenerator::Options options;
        options.orders = 240;
        options.seed = 3;
        options.anchor = QDate(2026, 11, 1);
        QVERIFY(DemoDataGenerator(db()).generate(options).ok());
        m_server = new IndexTestServer(this);
        QVERIFY(m_server->start());
        m_client = new IndexClient(IndexEndpoint::parse(m_server->url()).value(), this);
        QVERIFY(IndexOutbox(db()).enqueueAllBills().ok());
        const auto report = drainIndexOutbox();
        QVERIFY(report);
        QVERIFY2(!report->problem,
                 qPrintable(report->problem ? report->problem->message : QString()));
        QCOMPARE(report->sent, 240);
    }

    void cleanup()
    {
        delete m_client;
        m_client = nullptr;
        delete m_server;
        m_server = nullptr;
        EngineTestCase::cleanup();
    }

    void sameAnswers_data()
    {
        QTest::addColumn<QString>("session");
        QTest::addColumn<int>("tab");
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("dated");
        QTest::addColumn<qint64>("department");
        using S = WorklistQuery::SortColumn;
        QTest::newRow("support pending newest first")
            << u"support:5"_s << 1 << int(S::ResultOn) << true << QString() << false << qint64(0);
        QTest::newRow("support done by order number") << u"support:5"_s << 2 << int(S::OrderNumber)
                                                      << false << QString() << false << qint64(0);
        QTest::newRow("support attempted by patient")
            << u"support:5"_s << 4 << int(S::Patient) << false << QString() << false << qint64(0);
        QTest::newRow("support pending by test desc")
            << u"support:5"_s << 1 << int(S::Test) << true << QString() << false << qint64(0);
        QTest::newRow("support done by department") << u"support:5"_s << 2 << int(S::Department)
                                                    << false << QString() << false << qint64(0);
        QTest::newRow("support pending last updated") << u"support:5"_s << 1 << int(S::LastUpdated)
                                                      << true << QString() << false << qint64(0);
        QTest::newRow("home department")
            << u"labuser:1"_s << 1 << int(S::ResultOn) << true << QString() << false << qint64(0);
        QTest::newRow("linked departments")
            << u"labuser:3"_s << 2 << int(S::ResultOn) << false << QString() << false << qint64(0);
        QTest::newRow("doctor by department")
            << u"doctor:1"_s << 1 << int(S::ResultOn) << true << QString() << false << qint64(0);
        QTest::newRow("doctor assigned bills")
            << u"doctor:5"_s << 2 << int(S::ResultOn) << true << QString() << false << qint64(0);
        QTest::newRow("search order number") << u"support:5"_s << 2 << int(S::ResultOn) << true
                                             << u"rcl-00001"_s << false << qint64(0);
        QTest::newRow("search a part of the order number")
            << u"support:5"_s << 1 << int(S::ResultOn) << true << u"012"_s << false << qint64(0);
        QTest::newRow("support pending waiting shortest first")
            << u"support:5"_s << 1 << int(S::Waiting) << false << QString() << false << qint64(0);
        QTest::newRow("support done waiting longest first")
            << u"support:5"_s << 2 << int(S::Waiting) << true << QString() << false << qint64(0);
        QTest::newRow("search patient word")
            << u"support:5"_s << 1 << int(S::ResultOn) << true << u"oka"_s << false << qint64(0);
        QTest::newRow("date range")
            << u"support:5"_s << 1 << int(S::ResultOn) << true << QString() << true << qint64(0);
        QTest::newRow("one department")
            << u"support:5"_s << 1 << int(S::ResultOn) << true << QString() << false << qint64(2);
    }

    void sameAnswers()
    {
        QFETCH(QString, session);
        QFETCH(int, tab);
        QFETCH(int, sort);
        QFETCH(bool, descending);
        QFETCH(QString, text);
        QFETCH(bool, dated);
        QFETCH(qint64, department);
        Desk &person = desk(session);

        WorklistQuery query;
        query.tab = *CriticalStatusInfo::fromInt(tab);
        query.sort = WorklistQuery::SortColumn(sort);
        query.descending = descending;
        query.text = text;
        query.pageSize = 7;
        if (dated) {
            query.from = QDate(2026, 10, 1);
            query.to = QDate(2026, 10, 20);
        }
        if (department)
            query.departmentId = department;

        SqlWorklistSource sql(person.db());
        IndexWorklistSource index(*m_client);
        const Walk fromSql = walk(sql, person.scope, query);
        const Walk fromIndex = walk(index, person.scope, query);
        QVERIFY2(fromSql.error.isEmpty(), qPrintable(fromSql.error));
        QVERIFY2(fromIndex.error.isEmpty(), qPrintable(fromIndex.error));
        QCOMPARE(fromIndex.ids, fromSql.ids);
        // The same values, patient and messages in every row.
        QStringList sqlDetails, indexDetails;
        for (const WorklistPage &page : fromSql.pages)
            for (const WorklistRow &row : page.rows)
                sqlDetails << details(row);
        for (const WorklistPage &page : fromIndex.pages)
            for (const WorklistRow &row : page.rows)
                indexDetails << details(row);
        QCOMPARE(indexDetails, sqlDetails);
        // Paging gives each row once, and all of them.
        QCOMPARE(QSet<qint64>(fromSql.ids.begin(), fromSql.ids.end()).size(), fromSql.ids.size());
        QCOMPARE(qint64(fromSql.ids.size()), fromSql.pages.first().total);
        const WorklistPage &a = fromSql.pages.first();
        const WorklistPage &b = fromIndex.pages.first();
        QCOMPARE(b.total, a.total);
        QCOMPARE(b.pending, a.pending);
        QCOMPARE(b.attempted, a.attempted);
        QCOMPARE(b.done, a.done);
        if (!a.rows.isEmpty()) {
            QCOMPARE(b.rows.first().labBillId, a.rows.first().labBillId);
            QCOMPARE(b.rows.first().patientName, a.rows.first().patientName);
            QCOMPARE(b.rows.first().departmentName, a.rows.first().departmentName);
            QCOMPARE(b.rows.first().status, a.rows.first().status);
            QCOMPARE(b.rows.first().resultOn, a.rows.first().resultOn);
        }
        qInfo("%lld rows (pending %lld, attempted %lld, done %lld)", a.total, a.pending,
              a.attempted, a.done);
    }

    void theQueriesAreNotEmpty()
    {
        // The contract above means little on empty answers: the demo lab gives each tab rows.
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(support.db());
        const auto page = sql.fetchNow(support.scope, WorklistQuery{});
        QVERIFY(page.ok());
        QVERIFY(page.value().pending > 7);
        QVERIFY(page.value().attempted > 0);
        QVERIFY(page.value().done > 7);
    }

    void visibilityHolds()
    {
        Desk &labUser = desk(u"labuser:1"_s);
        const SessionScope &scope = labUser.scope;
        SqlWorklistSource sql(labUser.db());
        IndexWorklistSource index(*m_client);
        for (WorklistSource *source :
             {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
            for (const CriticalStatus tab : CriticalStatusInfo::calloutStatuses()) {
                WorklistQuery query;
                query.tab = tab;
                query.pageSize = 1000;
                const auto page = fetch(*source, scope, query);
                QVERIFY(page.ok());
                for (const WorklistRow &row : page.value().rows) {
                    QVERIFY(scope.departmentIds().contains(row.departmentId));
                    QCOMPARE(row.status, tab);
                }
            }
        }
        // Another lab's support login never sees lab 1's orders.
        Desk &other = desk(u"support:10"_s);
        const auto page = SqlWorklistSource(other.db()).fetchNow(other.scope, WorklistQuery{});
        QVERIFY2(page.ok(), qPrintable(page ? QString() : page.failure().message));
        for (const WorklistRow &row : page.value().rows)
            QVERIFY(!row.labBillId.startsWith(u"RCL"_s));
        // Nor finds them by searching, where lab 1's support does: on PostgreSQL only the
        // database names the lab of a search.
        Desk &own = desk(u"support:5"_s);
        for (const QString &text : {u"rcl-00001"_s, u"oka"_s}) {
            qint64 ownRows = 0;
            for (const CriticalStatus tab : CriticalStatusInfo::calloutStatuses()) {
                WorklistQuery query;
                query.tab = tab;
                query.text = text;
                const auto ownFound = SqlWorklistSource(own.db()).fetchNow(own.scope, query);
                QVERIFY2(ownFound.ok(),
                         qPrintable(ownFound ? QString() : ownFound.failure().message));
                ownRows += ownFound.value().total;
                const auto found = SqlWorklistSource(other.db()).fetchNow(other.scope, query);
                QVERIFY2(found.ok(), qPrintable(found ? QString() : found.failure().message));
                QCOMPARE(found.value().total, qint64(0));
            }
            QVERIFY2(ownRows > 0, qPrintable(text));
        }
    }

    void searchFoldsCaseInEveryScript_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("typed");
        QTest::newRow("Turkish surname") << u"Ayşe Çelik"_s << u"çelik"_s;
        QTest::newRow("Turkish, typed in capitals") << u"Mehmet Öztürk"_s << u"ÖZTÜRK"_s;
        QTest::newRow("Nordic") << u"Åsa Ørsted"_s << u"ørs"_s;
        QTest::newRow("Greek") << u"Νίκος Παπαδάκης"_s << u"παπαδ"_s;
        QTest::newRow("Cyrillic") << u"Иван Петров"_s << u"петров"_s;
        QTest::newRow("Cyrillic, first word") << u"Ольга Смирнова"_s << u"ОЛЬГ"_s;
    }
    void searchFoldsCaseInEveryScript()
    {
        // SPEC U7: the search finds a name whatever the case of either side, in any script,
        // on both engines (SQLite's own lower() and LIKE fold ASCII only).
        QFETCH(QString, name);
        QFETCH(QString, typed);
        const qint64 bill = scalar(db(),
                                   u"SELECT MIN(bill_id) FROM report WHERE lab_id = 1 AND "
                                   "critical_values = 1 AND NOT dismissed AND "
                                   "sample_collected"_s)
                                .toLongLong();
        QVERIFY(db().run(u"t"_s,
                         u"UPDATE patient SET name = ? WHERE id = (SELECT patient_id FROM bill "
                         "WHERE id = ?)"_s,
                         {name, bill})
                    .ok());
        Desk &support = desk(u"support:5"_s);
        WorklistQuery query;
        query.text = typed;
        query.pageSize = 1000;
        const auto page = SqlWorklistSource(support.db()).fetchNow(support.scope, query);
        QVERIFY2(page.ok(), qPrintable(page ? QString() : page.failure().message));
        QVERIFY(!page.value().rows.isEmpty());
        for (const WorklistRow &row : page.value().rows)
            QCOMPARE(row.patientName, name);
        QVERIFY(std::any_of(page.value().rows.begin(), page.value().rows.end(),
                            [bill](const WorklistRow &row) { return row.billId == bill; }));
    }

    void aPartOfTheOrderNumberFindsTheOrder()
    {
        // SPEC U7: "253" finds RCL-0000253, on both engines and in the index.
        Desk &support = desk(u"support:5"_s);
        const QString number = scalar(db(),
                                      u"SELECT b.lab_bill_id FROM report r JOIN bill b ON "
                                      "b.id = r.bill_id WHERE r.lab_id = 1 AND "
                                      "r.critical_values = 1 AND NOT r.dismissed AND "
                                      "r.sample_collected ORDER BY r.id DESC LIMIT 1"_s)
                                   .toString();
        QVERIFY(number.startsWith(u"RCL-"_s));
        const QString part = number.right(3);
        SqlWorklistSource sql(support.db());
        IndexWorklistSource index(*m_client);
        for (WorklistSource *source :
             {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
            WorklistQuery query;
            query.text = part;
            query.pageSize = 1000;
            const auto page = fetch(*source, support.scope, query);
            QVERIFY2(page.ok(), qPrintable(page ? QString() : page.failure().message));
            QVERIFY(std::any_of(page.value().rows.begin(), page.value().rows.end(),
                                [&](const WorklistRow &row) { return row.labBillId == number; }));
            for (const WorklistRow &row : page.value().rows)
                QVERIFY2(row.labBillId.contains(part), qPrintable(row.labBillId));
            // Two characters are still a start only, of a number or of a name's word.
            query.text = number.right(2);
            const auto shortPage = fetch(*source, support.scope, query);
            QVERIFY(shortPage.ok());
            for (const WorklistRow &row : shortPage.value().rows)
                QVERIFY2(!row.labBillId.contains(number.right(2)), qPrintable(row.labBillId));
        }
    }

    void rowsShowTheirCriticalValues()
    {
        // SPEC U7: each row carries the values the callout dialog would show for its report,
        // read with the page, and says them with direction and bound.
        Desk &support = desk(u"support:5"_s);
        WorklistQuery query;
        query.pageSize = 40;
        const auto page = SqlWorklistSource(support.db()).fetchNow(support.scope, query);
        QVERIFY(page.ok());
        QVERIFY(page.value().rows.size() > 10);
        QList<CriticalParameterEvaluator::Subject> subjects;
        for (const WorklistRow &row : page.value().rows) {
            auto facts = db().run(u"t"_s,
                                  u"SELECT p.sex, p.date_of_birth, r.result_on, b.bill_date "
                                  "FROM report r JOIN bill b ON b.id = r.bill_id "
                                  "JOIN patient p ON p.id = b.patient_id WHERE r.id = ?"_s,
                                  {row.reportId});
            QVERIFY(facts.ok() && facts.value().next());
            const QDateTime resultOn = facts.value().value(2).toDateTime();
            subjects.append({row.reportId, facts.value().value(0).toString().at(0),
                             facts.value().value(1).toDate(),
                             (resultOn.isValid() ? resultOn : facts.value().value(3).toDateTime())
                                 .toUTC()
                                 .date()});
            QCOMPARE(row.patientDateOfBirth, facts.value().value(1).toDate());
        }
        const auto expected = CriticalParameterEvaluator(db()).evaluate(subjects);
        QVERIFY(expected.ok());
        static const QRegularExpression shape(u"^\\S.* -?[0-9.]+ (↑ \\(> |↓ \\(< )-?[0-9.]+\\)$"_s);
        for (const WorklistRow &row : page.value().rows) {
            const QList<CriticalParameter> wanted = expected.value().value(row.reportId);
            QVERIFY2(!wanted.isEmpty(), "a pending report without a critical value");
            QCOMPARE(row.criticalParameters.size(), wanted.size());
            for (qsizetype i = 0; i < wanted.size(); ++i) {
                QCOMPARE(row.criticalParameters.at(i).parameterName, wanted.at(i).parameterName);
                QCOMPARE(row.criticalParameters.at(i).value, wanted.at(i).value);
                QCOMPARE(row.criticalParameters.at(i).criticalLow, wanted.at(i).criticalLow);
                QCOMPARE(row.criticalParameters.at(i).criticalHigh, wanted.at(i).criticalHigh);
                const QString text = WorklistValueText::of(row.criticalParameters.at(i));
                QVERIFY2(shape.match(text).hasMatch(), qPrintable(text));
            }
        }
        // A value in words, and two of them the worst first.
        CriticalParameter potassium;
        potassium.parameterName = u"K"_s;
        potassium.value = u"7.29"_s;
        potassium.numericValue = 7.29;
        potassium.criticalLow = 2.8;
        potassium.criticalHigh = 6.5;
        QCOMPARE(WorklistValueText::of(potassium), u"K 7.29 ↑ (> 6.5)"_s);
        CriticalParameter sodium = potassium;
        sodium.parameterName = u"Na"_s;
        sodium.value = u"118"_s;
        sodium.numericValue = 118;
        sodium.criticalLow = 120;
        sodium.criticalHigh = 160;
        // The furthest beyond its bound first: 7.29 is 12 % above 6.5, 118 under 2 % below 120.
        QCOMPARE(WorklistValueText::of(QList<CriticalParameter>{sodium, potassium}),
                 u"K 7.29 ↑ (> 6.5) · Na 118 ↓ (< 120)"_s);
    }

    void doneRowsShowMessagesNotYetSent()
    {
        // SPEC U11: a Done order whose fax waits or whose e-mail failed says so in its row,
        // from both sources; a message sent later clears it, in the index too.
        Desk &support = desk(u"support:5"_s);
        WorklistQuery query;
        query.tab = CriticalStatus::CalloutDone;
        query.pageSize = 5;
        SqlWorklistSource sql(support.db());
        const auto before = sql.fetchNow(support.scope, query);
        QVERIFY(before.ok() && !before.value().rows.isEmpty());
        const qint64 bill = before.value().rows.first().billId;
        QVERIFY(
            db().run(u"t"_s, u"DELETE FROM notification_outbox WHERE bill_id = ?"_s, {bill}).ok());
        const QString insert
            = u"INSERT INTO notification_outbox (lab_id, bill_id, channel, recipient_kind, "
              "address, payload, state) VALUES (1, ?, ?, 'referral', 'x@example.org', '{}', ?)"_s;
        QVERIFY(db().run(u"t"_s, insert, {bill, u"fax"_s, u"pending"_s}).ok());
        QVERIFY(db().run(u"t"_s, insert, {bill, u"email"_s, u"failed"_s}).ok());
        QVERIFY(db().run(u"t"_s, insert, {bill, u"sms"_s, u"sent"_s}).ok());
        // As a callout's own write does: its reports change with the messages queued.
        QVERIFY(db().run(u"t"_s,
                         u"UPDATE report SET last_updated = last_updated WHERE bill_id = ?"_s,
                         {bill})
                    .ok());
        QVERIFY(IndexOutbox(db()).enqueueAllBills().ok());
        QVERIFY(drainedCleanly());

        IndexWorklistSource index(*m_client);
        for (WorklistSource *source :
             {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
            const auto page = fetch(*source, support.scope, query);
            QVERIFY(page.ok());
            bool seen = false;
            for (const WorklistRow &row : page.value().rows) {
                if (row.billId != bill)
                    continue;
                seen = true;
                QCOMPARE(row.waitingChannels, QStringList{u"fax"_s});
                QCOMPARE(row.failedChannels, QStringList{u"email"_s});
            }
            QVERIFY(seen);
        }
        // The fax goes: the database trigger (0012) sends the order to the index again.
        QVERIFY(db().run(u"t"_s,
                         u"UPDATE notification_outbox SET state = 'sent' WHERE bill_id = ? AND "
                         "channel = 'fax'"_s,
                         {bill})
                    .ok());
        QVERIFY(drainedCleanly());
        for (WorklistSource *source :
             {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
            const auto page = fetch(*source, support.scope, query);
            QVERIFY(page.ok());
            for (const WorklistRow &row : page.value().rows) {
                if (row.billId != bill)
                    continue;
                QCOMPARE(row.waitingChannels, QStringList());
                QCOMPARE(row.failedChannels, QStringList{u"email"_s});
            }
        }
    }

    void countsWithoutTheFiltersComeWhenAsked()
    {
        // SPEC U7: "4 of 44": the counts without the filters, free without filters, one
        // more count when asked for with them, and not otherwise.
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(support.db());
        IndexWorklistSource index(*m_client);
        const auto all = sql.fetchNow(support.scope, WorklistQuery{});
        QVERIFY(all.ok() && all.value().unfiltered);
        QCOMPARE(*all.value().unfiltered, all.value().counts());
        WorklistQuery filtered;
        filtered.text = u"rcl-00001"_s;
        for (WorklistSource *source :
             {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
            const auto unasked = fetch(*source, support.scope, filtered);
            QVERIFY(unasked.ok());
            QVERIFY(!unasked.value().unfiltered);
            QVERIFY(unasked.value().pending < all.value().pending);
            WorklistQuery asked = filtered;
            asked.withUnfilteredCounts = true;
            const auto counted = fetch(*source, support.scope, asked);
            QVERIFY(counted.ok() && counted.value().unfiltered);
            QCOMPARE(*counted.value().unfiltered, all.value().counts());
            QCOMPARE(counted.value().counts(), unasked.value().counts());
        }
    }

    void overdueCountsAgreeWithTheRows()
    {
        // SPEC T2: the overdue of Pending and Attempted in the count query of a page, on both
        // engines and from the index alike, and the next result times to come due, as the
        // rows themselves say.
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(support.db());
        IndexWorklistSource index(*m_client);
        const QList<QDateTime> pendingTimes
            = resultTimes(sql, support.scope, CriticalStatus::CalloutPending);
        QVERIFY(pendingTimes.size() > 20);
        const QList<QDateTime> attemptedTimes
            = resultTimes(sql, support.scope, CriticalStatus::CalloutAttempted);

        const auto expected = &TestWorklistSources::expectedTally;
        // A cutoff on a result time itself (it counts as overdue), one between, none due.
        const QDateTime onOne = pendingTimes.at(pendingTimes.size() / 2);
        for (const QDateTime &cutoff :
             {onOne, onOne.addMSecs(-1), pendingTimes.first().addSecs(-1)}) {
            const OverdueTally wantedPending = expected(pendingTimes, cutoff);
            const OverdueTally wantedAttempted = expected(attemptedTimes, cutoff);
            for (const CriticalStatus tab :
                 {CriticalStatus::CalloutPending, CriticalStatus::CalloutDone}) {
                WorklistQuery query;
                query.tab = tab;
                query.pageSize = 5;
                query.overdueCutoff = cutoff;
                for (WorklistSource *source :
                     {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
                    const auto page = fetch(*source, support.scope, query);
                    QVERIFY2(page.ok(), qPrintable(page ? QString() : page.failure().message));
                    const WorklistPage &got = page.value();
                    QCOMPARE(got.pending, qint64(pendingTimes.size()));
                    QCOMPARE(got.pendingOverdue.cutoff, cutoff);
                    QCOMPARE(got.pendingOverdue.overdue, wantedPending.overdue);
                    QCOMPARE(got.pendingOverdue.upcoming, wantedPending.upcoming);
                    QCOMPARE(got.pendingOverdue.upcomingComplete, wantedPending.upcomingComplete);
                    QCOMPARE(got.attemptedOverdue.overdue, wantedAttempted.overdue);
                    QCOMPARE(got.attemptedOverdue.upcoming, wantedAttempted.upcoming);
                    QCOMPARE(got.rows.size(), 5);
                }
            }
        }
        QVERIFY(expected(pendingTimes, onOne).overdue > 0);
        QVERIFY(!expected(pendingTimes, onOne).upcoming.isEmpty());

        // Without a cutoff nothing is counted; counts only, no rows.
        WorklistQuery plain;
        const auto uncounted = sql.fetchNow(support.scope, plain);
        QVERIFY(uncounted.ok());
        QVERIFY(!uncounted.value().pendingOverdue.isCounted());
        plain.countsOnly = true;
        plain.overdueCutoff = onOne;
        for (WorklistSource *source :
             {static_cast<WorklistSource *>(&sql), static_cast<WorklistSource *>(&index)}) {
            const auto counted = fetch(*source, support.scope, plain);
            QVERIFY(counted.ok());
            QVERIFY(counted.value().rows.isEmpty());
            QCOMPARE(counted.value().pending, qint64(pendingTimes.size()));
            QCOMPARE(counted.value().pendingOverdue.overdue, expected(pendingTimes, onOne).overdue);
        }
    }

    void aDepartmentUserCountsTheOverdueTheySee()
    {
        // SPEC T2, V2: the badge of a department user counts their departments' reports only.
        Desk &labUser = desk(u"labuser:1"_s);
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(labUser.db());
        const QList<QDateTime> theirs
            = resultTimes(sql, labUser.scope, CriticalStatus::CalloutPending);
        SqlWorklistSource supportSql(support.db());
        const QList<QDateTime> all
            = resultTimes(supportSql, support.scope, CriticalStatus::CalloutPending);
        QVERIFY(!theirs.isEmpty());
        QVERIFY(theirs.size() < all.size());
        const QDateTime cutoff = theirs.at(theirs.size() / 2);
        WorklistQuery query;
        query.countsOnly = true;
        query.overdueCutoff = cutoff;
        const auto counted = fetch(sql, labUser.scope, query);
        QVERIFY2(counted.ok(), qPrintable(counted ? QString() : counted.failure().message));
        const OverdueTally wanted = expectedTally(theirs, cutoff);
        QCOMPARE(counted.value().pendingOverdue.overdue, wanted.overdue);
        QCOMPARE(counted.value().pendingOverdue.upcoming, wanted.upcoming);
        QVERIFY(wanted.overdue < expectedTally(all, cutoff).overdue);
    }

    void aSearchCountsItsOverdueAlike()
    {
        // A searched view brings its not yet due and their times with the tab counts (not
        // from the due index): the same tally as its rows say, cut at the limit alike.
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(support.db());
        WorklistQuery all;
        all.pageSize = 1000;
        const Walk everyone = walk(sql, support.scope, all);
        QVERIFY(!everyone.pages.isEmpty() && !everyone.pages.first().rows.isEmpty());
        // The start of an order number: most orders of the lab, but found by the search.
        all.text = everyone.pages.first().rows.first().labBillId.left(7);
        const Walk found = walk(sql, support.scope, all);
        QVERIFY2(found.error.isEmpty(), qPrintable(found.error));
        QList<QDateTime> times;
        for (const WorklistPage &page : found.pages)
            for (const WorklistRow &row : page.rows)
                times << row.resultOn;
        std::sort(times.begin(), times.end());
        QVERIFY(times.size() >= 3);
        for (const int limit : {OverdueTally::upcomingLimit, 2}) {
            WorklistQuery query;
            query.text = all.text;
            query.countsOnly = true;
            query.overdueCutoff = times.first().addMSecs(-1);
            query.upcomingLimit = limit;
            const auto counted = fetch(sql, support.scope, query);
            QVERIFY2(counted.ok(), qPrintable(counted ? QString() : counted.failure().message));
            QCOMPARE(counted.value().pending, qint64(times.size()));
            const OverdueTally &got = counted.value().pendingOverdue;
            QCOMPARE(got.overdue, qint64(0));
            QCOMPARE(got.upcoming, times.mid(0, std::min<qsizetype>(limit, times.size())));
            QCOMPARE(got.upcomingComplete, times.size() < limit);
            query.overdueCutoff = times.at(times.size() / 2);
            const auto later = fetch(sql, support.scope, query);
            QVERIFY(later.ok());
            QCOMPARE(later.value().pendingOverdue.overdue,
                     expectedTally(times, query.overdueCutoff).overdue);
        }
    }

    void aReportChangedBeforeItsResultStillComesDue()
    {
        // The count and the list of the next to come due go by the result time alone: a
        // report whose last change was recorded before its result (a laboratory system's
        // clock ahead of the database's) is neither overdue early nor missing from the list.
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(support.db());
        const QList<QDateTime> times
            = resultTimes(sql, support.scope, CriticalStatus::CalloutPending);
        const QDateTime cutoff = times.at(times.size() / 2);
        const auto asStored = [this](const QDateTime &time) {
            return isPostgres() ? QVariant(time)
                                : QVariant(time.toUTC().toString(Qt::ISODateWithMs));
        };
        const auto changed = db().run(
            u"t"_s,
            u"UPDATE report SET last_updated = ? WHERE lab_id = 1 AND critical_values = 1 "
            "AND NOT dismissed AND sample_collected AND result_on > ?"_s,
            {asStored(cutoff.addDays(-1)), asStored(cutoff)});
        QVERIFY(changed.ok());
        QVERIFY(changed.value().numRowsAffected() > 0);
        WorklistQuery query;
        query.countsOnly = true;
        query.overdueCutoff = cutoff;
        const auto counted = fetch(sql, support.scope, query);
        QVERIFY(counted.ok());
        const OverdueTally wanted = expectedTally(times, cutoff);
        QVERIFY(!wanted.upcoming.isEmpty());
        QCOMPARE(counted.value().pendingOverdue.overdue, wanted.overdue);
        QCOMPARE(counted.value().pendingOverdue.upcoming, wanted.upcoming);
    }

    void aLongListOfUpcomingTimesIsCutAndSaysSo()
    {
        // More results after the cutoff than asked for: the list stops at the limit and says
        // it was cut, on both engines and from the index, and the badge's count stays right
        // up to its last time.
        Desk &support = desk(u"support:5"_s);
        SqlWorklistSource sql(support.db());
        IndexWorklistSource index(*m_client);
        WorklistQuery query;
        query.tab = CriticalStatus::CalloutDone;
        query.overdueCutoff = QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::utc());
        query.upcomingLimit = 4;
        const auto fromSql = sql.fetchNow(support.scope, query);
        QVERIFY(fromSql.ok());
        const OverdueTally &tally = fromSql.value().pendingOverdue;
        QVERIFY(fromSql.value().pending > 4);
        QCOMPARE(tally.overdue, qint64(0));
        QCOMPARE(tally.upcoming.size(), 4);
        QVERIFY(!tally.upcomingComplete);
        QVERIFY(std::is_sorted(tally.upcoming.cbegin(), tally.upcoming.cend()));
        QVERIFY(tally.runsOutBy(tally.upcoming.last()));
        QVERIFY(!tally.runsOutBy(tally.upcoming.last().addMSecs(-1)));
        const auto fromIndex = fetch(index, support.scope, query);
        QVERIFY(fromIndex.ok());
        QCOMPARE(fromIndex.value().pendingOverdue.upcoming, tally.upcoming);
        QVERIFY(!fromIndex.value().pendingOverdue.upcomingComplete);
    }

    void eachLabReadsItsOwnIndex()
    {
        // The documents of each lab are in that lab's index, and only there.
        for (const qint64 labId : {1, 2}) {
            const QString index = m_client->endpoint().labIndexName(labId);
            QCOMPARE(m_server->documentCount(index),
                     scalar(db(), u"SELECT COUNT(*) FROM report WHERE lab_id = %1"_s.arg(labId))
                         .toLongLong());
        }
        QVERIFY(m_server->documentCount(m_client->endpoint().labIndexName(2)) > 0);
        QVERIFY(!m_server->hasIndex(u"patient_reports"_s));
        const SessionScope &lab1 = desk(u"support:5"_s).scope;
        const SessionScope &lab2 = desk(u"support:10"_s).scope;
        QCOMPARE(lab1.labId(), 1);
        QCOMPARE(lab2.labId(), 2);
        IndexWorklistSource index(*m_client);
        QSet<qint64> seen;
        for (const auto *scope : {&lab1, &lab2}) {
            for (const CriticalStatus tab : CriticalStatusInfo::calloutStatuses()) {
                WorklistQuery query;
                query.tab = tab;
                const Walk all = walk(index, *scope, query);
                QVERIFY2(all.error.isEmpty(), qPrintable(all.error));
                for (const qint64 id : all.ids) {
                    QCOMPARE(scalar(db(), u"SELECT lab_id FROM report WHERE id = %1"_s.arg(id))
                                 .toLongLong(),
                             scope->labId());
                    QVERIFY(!seen.contains(id));
                    seen.insert(id);
                }
            }
        }
        QVERIFY(m_server->requestLog().contains(u"POST /patient_reports-lab-2/_search"_s));
    }
};

QTEST_GUILESS_MAIN(TestWorklistSources)
#include "tst_worklistsources.moc"
