// The worklist's item model on a real demo database (SPEC U1): pages arrive off the UI
// thread, more load as the view asks, and a replaced query's late answer is dropped.
#include "EngineTestCase.h"
#include "models/CalloutClock.h"
#include "models/WorklistModel.h"
#include "services/callout/SessionLoader.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DemoDataGenerator.h"
#include "services/search/WorklistLoader.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

// WCAG's contrast ratio of two colours, 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestWorklistModel : public EngineTestCase
{
    Q_OBJECT

    // The background of the clock column seen at each urgency.
    QMap<int, QSet<QString>> m_backgrounds;

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

    void theClockShowsTimeLeftAtTheBoundaries_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("urgency");
        using U = CalloutClock::Urgency;
        // A lab with a 45 min target and a warning from 20 min (SPEC T2).
        QTest::newRow("warning - 1 s") << qint64(20 * 60 - 1) << u"26 min left"_s << int(U::Normal);
        QTest::newRow("warning") << qint64(20 * 60) << u"⚠ 25 min left"_s << int(U::Warning);
        QTest::newRow("target - 1 s")
            << qint64(45 * 60 - 1) << u"⚠ 1 min left"_s << int(U::Warning);
        QTest::newRow("target") << qint64(45 * 60) << u"‼ Overdue 0 min"_s << int(U::Overdue);
        // One format for every wait (SPEC U12), days too.
        QTest::newRow("days overdue") << qint64(3 * 24 * 3600 + 5 * 3600 + 45 * 60)
                                      << u"‼ Overdue 3 d 05 h"_s << int(U::Overdue);
    }

    void theClockShowsTimeLeftAtTheBoundaries()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QFETCH(int, urgency);
        const SessionScope support = SessionLoader(db()).support(5).value();
        WorklistModel model(WorklistLoader(ConnectionPool::create(database().url())).forModel(support));
        model.setClock(CalloutClock(45, 20));
        WorklistQuery query;
        query.pageSize = 5;
        model.setQuery(query);
        QTRY_COMPARE(model.rowCount(), 5);
        const QDateTime result = model.rowAt(0).resultOn;
        model.setNow([result, seconds] { return result.addSecs(seconds); });
        const QModelIndex clock = model.index(0, WorklistModel::Clock);
        QCOMPARE(model.data(clock).toString(), text);
        QVERIFY2(model.data(clock, Qt::ToolTipRole).toString().contains(u"target is 45 min"_s),
                 qPrintable(model.data(clock, Qt::ToolTipRole).toString()));
        // Text and background both set: readable on a light and on a dark palette.
        const QColor front = model.data(clock, Qt::ForegroundRole).value<QBrush>().color();
        const QColor back = model.data(clock, Qt::BackgroundRole).value<QBrush>().color();
        QVERIFY(front.isValid() && back.isValid());
        QVERIFY2(contrast(front, back) >= 7.0, qPrintable(QString::number(contrast(front, back))));
        // Each urgency its own colour; past the target bold too, so it reads without colour.
        m_backgrounds[urgency] << back.name();
        QCOMPARE(model.data(clock, Qt::FontRole).value<QFont>().bold(),
                 urgency == int(CalloutClock::Urgency::Overdue));
        QCOMPARE(model.data(model.index(0, 0), WorklistModel::ReportIdRole).toLongLong(),
                 model.rowAt(0).reportId);
    }

    void eachUrgencyHasItsOwnColour()
    {
        // Gathered by the boundary test above: one colour per urgency, three different.
        QCOMPARE(m_backgrounds.size(), 3);
        QSet<QString> colours;
        for (const QSet<QString> &seen : std::as_const(m_backgrounds)) {
            QCOMPARE(seen.size(), 1);
            colours.unite(seen);
        }
        QCOMPARE(colours.size(), 3);
    }

    void doneRowsHaveNoClock()
    {
        const SessionScope support = SessionLoader(db()).support(5).value();
        WorklistModel model(
            WorklistLoader(ConnectionPool::create(database().url())).forModel(support));
        WorklistQuery query;
        query.tab = CriticalStatus::CalloutDone;
        query.pageSize = 5;
        model.setQuery(query);
        QTRY_COMPARE(model.rowCount(), 5);
        const QModelIndex clock = model.index(0, WorklistModel::Clock);
        QCOMPARE(model.data(clock), QVariant());
        QCOMPARE(model.data(clock, Qt::BackgroundRole), QVariant());
    }

    void theClockTicksWithoutLoading()
    {
        const SessionScope support = SessionLoader(db()).support(5).value();
        const WorklistModel::Loader real
            = WorklistLoader(ConnectionPool::create(database().url())).forModel(support);
        int loads = 0;
        WorklistModel model([&](const WorklistQuery &query) {
            ++loads;
            return real(query);
        });
        WorklistQuery query;
        query.pageSize = 5;
        model.setQuery(query);
        QTRY_VERIFY(model.rowCount() == 5 && !model.isLoading());
        QCOMPARE(loads, 1);
        const QDateTime result = model.rowAt(2).resultOn;
        QDateTime now = result.addSecs(30 * 60 - 1);
        model.setNow([&now] { return now; });
        const QModelIndex clock = model.index(2, WorklistModel::Clock);
        QCOMPARE(model.data(clock).toString(), u"31 min left"_s);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy ticked(&model, &WorklistModel::ticked);
        now = now.addSecs(1);
        model.tick();
        QCOMPARE(changed.count(), 1);
        // The clock column of every row, and nothing else.
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, WorklistModel::Clock));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(4, WorklistModel::Clock));
        QCOMPARE(ticked.count(), 1);
        QCOMPARE(ticked.first().at(0).toDateTime(), now);
        QCOMPARE(model.data(clock).toString(), u"⚠ 30 min left"_s);

        // The model's own timer does it by itself (every 15 s; sooner here).
        auto *timer = model.findChild<QTimer *>();
        QVERIFY(timer && timer->isActive());
        QCOMPARE(timer->interval(), WorklistModel::tickIntervalMs);
        now = result.addSecs(3600);
        timer->setInterval(20);
        QVERIFY(changed.wait());
        QCOMPARE(model.data(clock).toString(), u"‼ Overdue 0 min"_s);
        QCOMPARE(loads, 1);
        QVERIFY(!model.isLoading());
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
