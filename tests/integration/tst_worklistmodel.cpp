// The worklist's item model on a real demo database (SPEC U1): pages arrive off the UI
// thread, more load as the view asks, and a replaced query's late answer is dropped.
#include "EngineTestCase.h"
#include "models/WorklistModel.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DemoDataGenerator.h"
#include "services/db/ConnectionPool.h"
#include "services/search/WorklistLoader.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestWorklistModel : public EngineTestCase
{
    Q_OBJECT

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        DemoDataGenerator::Options options;
        options.orders = 300;
        options.anchor = QDate(2026, 11, 1);
        QVERIFY(DemoDataGenerator(db()).generate(options).ok());
    }

    void pagesLoadAsTheViewAsks()
    {
        const SessionScope support = SessionLoader(db()).support(5).value();
        WorklistModel model(WorklistLoader(ConnectionPool::create(database().url())).forModel(support));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counts(&model, &WorklistModel::countsChanged);

        WorklistQuery query;
        query.pageSize = 10;
        model.setQuery(query);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0); // nothing arrives synchronously
        QTRY_VERIFY(model.rowCount() >= 10);
        QVERIFY(counts.count() >= 1);
        const qint64 pending = counts.first().at(0).toLongLong();
        QVERIFY(pending > 20);
        // The view (here the model tester) asks for more; each page adds rows once.
        QVERIFY(model.canFetchMore({}) || model.isLoading() || model.rowCount() > 10);
        model.fetchMore({});
        QTRY_VERIFY(model.rowCount() >= 20);
        while (model.canFetchMore({}) || model.isLoading()) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), int(pending));
        QSet<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.rowAt(row).reportId);
        QCOMPARE(ids.size(), model.rowCount());
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.data(model.index(row, WorklistModel::Status)).toString(), u"Pending"_s);
        // Newest result first, as asked.
        QVERIFY(model.rowAt(0).resultOn >= model.rowAt(model.rowCount() - 1).resultOn);
    }

    void aReplacedQuerysAnswerIsDropped()
    {
        const SessionScope support = SessionLoader(db()).support(5).value();
        WorklistModel model(WorklistLoader(ConnectionPool::create(database().url())).forModel(support));
        WorklistQuery pending;
        pending.pageSize = 1000;
        WorklistQuery done = pending;
        done.tab = CriticalStatus::CalloutDone;
        model.setQuery(pending);
        model.setQuery(done); // before the first answer is in
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
        QTest::qWait(100); // give the first answer every chance to arrive
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowAt(row).status, CriticalStatus::CalloutDone);
    }

    void waitingIsShownForOpenCallouts()
    {
        const SessionScope support = SessionLoader(db()).support(5).value();
        WorklistModel model(WorklistLoader(ConnectionPool::create(database().url())).forModel(support));
        WorklistQuery query;
        query.pageSize = 5;
        model.setQuery(query);
        QTRY_COMPARE(model.rowCount(), 5);
        const QDateTime result = model.rowAt(0).resultOn;
        model.setNow([result] { return result.addSecs(90 * 60); });
        QCOMPARE(model.data(model.index(0, WorklistModel::Waiting)).toString(), u"1 h 30 min"_s);
        // One format for every wait (SPEC U12), days too.
        model.setNow([result] { return result.addSecs(3 * 24 * 3600 + 5 * 3600 + 60); });
        QCOMPARE(model.data(model.index(0, WorklistModel::Waiting)).toString(), u"3 d 05 h"_s);
        QCOMPARE(model.data(model.index(0, 0), WorklistModel::ReportIdRole).toLongLong(),
                 model.rowAt(0).reportId);
    }

    void aFailureIsReported()
    {
        const SessionScope support = SessionLoader(db()).support(5).value();
        WorklistModel model(WorklistLoader(ConnectionPool::create(DatabaseUrl::sqliteFile(u"/nonexistent-folder/x.db"_s)))
                                .forModel(support));
        QSignalSpy errors(&model, &WorklistModel::errorOccurred);
        model.setQuery({});
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY2(model.lastError().contains(u"does not exist"_s), qPrintable(model.lastError()));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
    }
};

QTEST_GUILESS_MAIN(TestWorklistModel)
#include "tst_worklistmodel.moc"
