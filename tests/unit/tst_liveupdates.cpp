// The desk's side of a live update (SPEC T1) without a server: how a worklist model puts
// the rows of changed orders among those it has (by the sources' sort, never past a page
// not read yet), keeps an unchanged row in place, holds changes that come while a read is on
// its way for one read after it, and reads the tab whole when one read cannot bring them;
// and the alert's limit of once per order a minute. The reads themselves are the database's:
// tst_livedesk runs them on a real cluster.
#include "models/AlertThrottle.h"
#include "models/WorklistModel.h"

#include <QPromise>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

WorklistRow row(qint64 reportId, qint64 billId, int minute,
                CriticalStatus status = CriticalStatus::CalloutPending)
{
    WorklistRow item;
    item.reportId = reportId;
    item.billId = billId;
    item.labBillId = u"RL-%1"_s.arg(billId);
    item.status = status;
    item.resultOn = QDateTime(QDate(2026, 12, 1), QTime(10, minute), QTimeZone::utc());
    item.lastUpdated = item.resultOn;
    return item;
}

QList<qint64> reportIds(const WorklistModel &model)
{
    QList<qint64> ids;
    for (int i = 0; i < model.rowCount(); ++i)
        ids << model.rowAt(i).reportId;
    return ids;
}

// A model whose first page is `rows` (newest result first, the default sort) and whose
// reads of changed orders are answered by the test through the promises it keeps.
struct Desk
{
    QList<WorklistRow> firstPage;
    bool hasMore = false;
    int pageReads = 0;
    QList<QList<qint64>> orderReads;
    QList<std::shared_ptr<QPromise<WorklistModel::PageOrError>>> answers;
    WorklistModel model{[this](const WorklistQuery &) {
        ++pageReads;
        WorklistPage page;
        page.rows = firstPage;
        page.hasMore = hasMore;
        return QtFuture::makeReadyFuture(WorklistModel::PageOrError(page));
    }};

    Desk()
    {
        model.setOrdersLoader([this](const WorklistQuery &, const QList<qint64> &orders, bool) {
            orderReads << orders;
            auto promise = std::make_shared<QPromise<WorklistModel::PageOrError>>();
            promise->start();
            answers << promise;
            return promise->future();
        });
    }
    void open()
    {
        model.setQuery(WorklistQuery{});
        QTRY_VERIFY(!model.isLoading());
    }
    void answer(QList<WorklistRow> rows, bool more = false)
    {
        WorklistPage page;
        page.rows = std::move(rows);
        page.hasMore = more;
        auto promise = answers.takeFirst();
        promise->addResult(WorklistModel::PageOrError(page));
        promise->finish();
    }
};

} // namespace

class TestLiveUpdates : public QObject
{
    Q_OBJECT

private slots:
    void changedRowsGoWhereTheSortPutsThem()
    {
        Desk desk;
        desk.firstPage = {row(1, 1, 50), row(2, 2, 40), row(3, 3, 30)};
        desk.open();
        QSignalSpy reset(&desk.model, &QAbstractItemModel::modelReset);
        // Order 2's report was called out (gone from this tab), and a new report 4 of
        // order 2 arrived, with a result between those of reports 1 and 3.
        desk.model.refreshOrders({2}, false);
        QCOMPARE(desk.orderReads, QList<QList<qint64>>{{2}});
        desk.answer({row(4, 2, 45)});
        QTRY_COMPARE(reportIds(desk.model), (QList<qint64>{1, 4, 3}));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(desk.pageReads, 1);
    }

    void aRowPastTheLoadedPagesWaitsForItsPage()
    {
        Desk desk;
        desk.firstPage = {row(1, 1, 50), row(2, 2, 40)};
        desk.hasMore = true;
        desk.open();
        desk.model.refreshOrders({7}, false);
        desk.answer({row(7, 7, 5)}); // older than every row loaded: a later page brings it
        QTRY_VERIFY(!desk.model.isRefreshing());
        QCOMPARE(reportIds(desk.model), (QList<qint64>{1, 2}));
        // Without more pages it is the tab's last row.
        Desk all;
        all.firstPage = {row(1, 1, 50), row(2, 2, 40)};
        all.open();
        all.model.refreshOrders({7}, false);
        all.answer({row(7, 7, 5)});
        QTRY_COMPARE(reportIds(all.model), (QList<qint64>{1, 2, 7}));
    }

    void anUnchangedSortKeyKeepsTheRowInPlace()
    {
        Desk desk;
        desk.firstPage = {row(1, 1, 50), row(2, 2, 40), row(3, 3, 30)};
        desk.open();
        QSignalSpy removed(&desk.model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&desk.model, &QAbstractItemModel::dataChanged);
        WorklistRow messages = row(2, 2, 40);
        messages.failedChannels = {u"fax"_s};
        desk.model.refreshOrders({2}, false);
        desk.answer({messages});
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(desk.model.rowAt(1).failedChannels, QStringList{u"fax"_s});
    }

    void changesDuringAReadWaitForOneReadAfterIt()
    {
        Desk desk;
        desk.firstPage = {row(1, 1, 50), row(2, 2, 40), row(3, 3, 30)};
        desk.open();
        desk.model.refreshOrders({1}, false);
        desk.model.refreshOrders({2}, false);
        desk.model.refreshOrders({3, 2}, false);
        QCOMPARE(desk.orderReads.size(), 1); // one read on its way at a time
        desk.answer({row(1, 1, 50)});
        QTRY_COMPARE(desk.orderReads.size(), 2);
        QCOMPARE(desk.orderReads.at(1), (QList<qint64>{2, 3}));
        desk.answer({});
        QTRY_COMPARE(reportIds(desk.model), QList<qint64>{1});
    }

    void moreThanOneReadBringsReadsTheTabWhole()
    {
        Desk desk;
        desk.firstPage = {row(1, 1, 50)};
        desk.open();
        desk.model.refreshOrders({1}, false);
        desk.firstPage = {row(9, 9, 55), row(1, 1, 50)};
        desk.answer({row(1, 1, 50)}, true);
        QTRY_COMPARE(desk.pageReads, 2);
        QTRY_COMPARE(reportIds(desk.model), (QList<qint64>{9, 1}));
    }

    void sortsBeforeFollowsTheSourcesOrder()
    {
        WorklistQuery byPatient;
        byPatient.sort = WorklistQuery::SortColumn::Patient;
        byPatient.descending = false;
        WorklistRow anna = row(5, 1, 0);
        anna.patientName = u"anna"_s;
        WorklistRow bert = row(4, 2, 0);
        bert.patientName = u"Bert"_s;
        QVERIFY(WorklistModel::sortsBefore(anna, bert, byPatient)); // case folded
        bert.patientName = u"ANNA"_s;
        QVERIFY(WorklistModel::sortsBefore(bert, anna, byPatient)); // then the report id
        WorklistQuery waiting;
        waiting.sort = WorklistQuery::SortColumn::Waiting;
        waiting.descending = true; // the longest wait, the oldest result, first
        QVERIFY(WorklistModel::sortsBefore(row(1, 1, 5), row(2, 2, 50), waiting));
    }

    void anOrderAlertsOnceAMinute()
    {
        AlertThrottle throttle;
        const QDateTime start(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc());
        QCOMPARE(throttle.admit({1, 2, 1}, start), (QList<qint64>{1, 2}));
        QCOMPARE(throttle.admit({1, 3}, start.addSecs(30)), QList<qint64>{3});
        QCOMPARE(throttle.admit({1}, start.addSecs(59)), QList<qint64>{});
        QCOMPARE(throttle.admit({1, 2}, start.addSecs(60)), (QList<qint64>{1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestLiveUpdates)
#include "tst_liveupdates.moc"
