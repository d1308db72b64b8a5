// Callouts recorded while the server cannot be reached (SPEC O3, O4, C6, C9), through the
// real widgets offscreen, on PostgreSQL behind a relay the test takes away and brings back:
// the callout dialog keeps a callout in the person's offline journal when the desk is
// offline and when the server goes away during the save, and says so; the desk replays the
// journal once the server is back (also after a restart while offline), each callout once,
// with the time it was made, and its notifications are queued; what the server refuses
// waits under "Needs attention", where it is recorded again or discarded with a reason.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TcpRelay.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineJournal.h"
#include "services/offline/ServerReachability.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CriticalReportTree.h"
#include "ui/MainWindow.h"
#include "ui/NeedsAttentionDialog.h"
#include "ui/OrderOverviewPage.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;
using namespace std::chrono_literals;

namespace {

constexpr int timeout = 30000;
const QString person = u"support:3"_s;

} // namespace

class TestOfflineCallouts : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<TcpRelay> m_relay;
    DatabaseUrl m_url;

    OfflineCacheLocation location() const { return {m_url, m_url.userName()}; }
    // `probe` is how often the desk asks the server while it answers.
    std::unique_ptr<MainWindow> openDesk(std::chrono::milliseconds probe = 500ms)
    {
        auto window = std::make_unique<MainWindow>(DatabaseStartup(m_url, false), QString());
        window->setReachability(new ServerReachability(m_url, {probe, 500ms, 1}));
        window->resize(1200, 760);
        window->show();
        return window;
    }
    // The person's journal, read as the desk reads it.
    QList<OfflineJournal::Entry> journalEntries()
    {
        auto cache = OfflineCache::open(location());
        if (!cache) {
            qWarning("%s", qPrintable(cache.failure().message));
            return {};
        }
        const auto entries = OfflineJournal(*cache.value()).entries();
        return entries ? entries.value() : QList<OfflineJournal::Entry>();
    }
    int onServer(const QString &requestId)
    {
        return scalar(db(),
                      u"SELECT COUNT(*) FROM activity_log WHERE request_id = '%1'"_s.arg(requestId))
            .toInt();
    }
    // The made_at the server keeps for the request, in ms since the epoch; -1 when none.
    qint64 madeAtOnServer(const QString &requestId)
    {
        const QVariant made
            = scalar(db(),
                     u"SELECT (extract(epoch FROM made_at) * 1000)::bigint FROM activity_log "
                     "WHERE request_id = '%1'"_s.arg(requestId));
        return made.isNull() ? -1 : made.toLongLong();
    }
    int notificationsQueued(const QString &requestId)
    {
        return scalar(db(),
                      u"SELECT COUNT(*) FROM notification_outbox o JOIN activity_log a "
                      "ON a.id = o.activity_log_id WHERE a.request_id = '%1' "
                      "AND o.state = 'pending'"_s.arg(requestId))
            .toInt();
    }
    // Replays, as the desk would, until the entry is applied; checks it arrived once with
    // the time it was made and its notifications queued (SPEC O3, O4).
    void checkArrivedOnce(const OfflineJournal::Entry &kept)
    {
        const QString id = kept.request.requestId;
        QTRY_COMPARE_WITH_TIMEOUT(onServer(id), 1, timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const OfflineJournal::Entry &entry : journalEntries())
                    if (entry.id == kept.id)
                        return entry.state == u"applied";
                return false;
            }(),
            timeout);
        QCOMPARE(madeAtOnServer(id), kept.madeAt.toMSecsSinceEpoch());
        QVERIFY2(notificationsQueued(id) > 0, "the callout's email is not queued");
        QCOMPARE(onServer(id), 1);
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<CalloutDialog *>();
        qRegisterMetaType<NeedsAttentionDialog *>();
    }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        if (!isPostgres())
            QSKIP("Offline is about a server out of reach; SQLite is a file on this desk.");
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
        // A journal of an earlier test function belongs to a database seeded again since.
        QVERIFY(QDir(OfflineCacheLocation::rootFolder()).removeRecursively());
        const auto admin = TestDatabase::postgresAdminUrl();
        QVERIFY(admin.ok());
        m_relay = std::make_unique<TcpRelay>(admin.value().host(), quint16(admin.value().port()));
        QVERIFY(m_relay->start());
        const auto direct = database().personUrl(person);
        QVERIFY(direct.ok());
        m_url = m_relay->relayed(direct.value());
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        m_relay.reset();
        EngineTestCase::cleanup();
    }

    void aCalloutSavedOfflineReachesTheServerOnceAfterARestart()
    {
        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QPointer<CalloutDialog> dialog = openFilledCalloutDialog(*window, timeout);
        QVERIFY(dialog);
        const QHash<qint64, CriticalStatus> seen
            = dialog->findChild<CriticalReportTree *>(u"reportTree"_s)->shownStatuses();

        m_relay->stop();
        QTRY_VERIFY_WITH_TIMEOUT(window->isOffline(), 5000);
        const QDateTime pressed = QDateTime::currentDateTimeUtc();
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::KeptOffline, timeout);
        auto *note = dialog->findChild<QLabel *>(u"keptOfflineNote"_s);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().startsWith(u"Saved on this desk at "_s), qPrintable(note->text()));
        QVERIFY(note->text().contains(u"will be sent by itself"_s));
        QVERIFY(!dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->isEnabled());

        const QList<OfflineJournal::Entry> kept = journalEntries();
        QCOMPARE(kept.size(), 1);
        const OfflineJournal::Entry &entry = kept.first();
        QCOMPARE(entry.state, u"pending"_s);
        QVERIFY(!entry.request.requestId.isEmpty());
        QCOMPARE(entry.request.reportIds, (QList<qint64>{2}));
        QCOMPARE(entry.request.expectedStatuses, seen);
        QCOMPARE(entry.orderNumber, u"RL-1"_s);
        QCOMPARE(entry.patientName, u"Jane Doe"_s);
        QVERIFY(qAbs(entry.madeAt.msecsTo(pressed)) < 2000);
        QCOMPARE(onServer(entry.request.requestId), 0);
        // Closing asks nothing: the callout is kept.
        dialog->findChild<QPushButton *>(u"cancelButton"_s)->click();
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        // The desk is restarted while the server is still away: the person signs in
        // offline, and the journal waits on disk.
        window.reset();
        MainWindow restarted(std::nullopt, QString());
        restarted.setReachability(new ServerReachability(m_url, {500ms, 500ms, 1}));
        restarted.openOffline(DatabaseStartup(m_url, false),
                              SessionScope::support(1, 3, u"Sam Support"_s));
        restarted.show();
        QVERIFY(restarted.isOffline());
        QTest::qWait(1000);
        QCOMPARE(onServer(entry.request.requestId), 0);

        QVERIFY(m_relay->start());
        checkArrivedOnce(entry);
        QCOMPARE(restarted.needsAttentionCount(), 0);
    }

    // Opened offline, the overview and the callout dialog read the order from the person's
    // offline cache, and the callout is kept in the journal (SPEC O2, O3).
    void aCalloutDialogOpenedOfflineReadsTheCache()
    {
        auto window = openDesk();
        window->setKeepsOfflineCache(true);
        QSignalSpy refreshed(window.get(), &MainWindow::offlineCacheRefreshed);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), timeout);

        m_relay->stop();
        QTRY_VERIFY_WITH_TIMEOUT(window->isOffline(), 5000);
        // Once the worklist has been read again from the cache.
        QTRY_VERIFY_WITH_TIMEOUT(worklistSettled(*window), timeout);
        QPointer<CalloutDialog> dialog = openFilledCalloutDialog(*window, timeout);
        QVERIFY(dialog);
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::KeptOffline, timeout);
        const QList<OfflineJournal::Entry> kept = journalEntries();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().request.reportIds, (QList<qint64>{2}));
        QCOMPARE(kept.first().orderNumber, u"RL-1"_s);
        QCOMPARE(onServer(kept.first().request.requestId), 0);
        dialog->findChild<QPushButton *>(u"cancelButton"_s)->click();

        QVERIFY(m_relay->start());
        checkArrivedOnce(kept.first());
    }

    void aSaveThatFindsTheServerGoneIsKeptWithItsRequestId()
    {
        // The desk probes rarely while online, so it still thinks it is online when the
        // save finds the server gone.
        auto window = openDesk(60s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QPointer<CalloutDialog> dialog = openFilledCalloutDialog(*window, timeout);
        QVERIFY(dialog);

        m_relay->stop();
        QVERIFY(!window->isOffline());
        dialog->findChild<QPushButton *>(u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), CalloutDialog::State::KeptOffline, timeout);
        QVERIFY(dialog->findChild<QLabel *>(u"keptOfflineNote"_s)->isVisible());
        const QList<OfflineJournal::Entry> kept = journalEntries();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().state, u"pending"_s);
        dialog->reject();
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        QVERIFY(m_relay->start());
        checkArrivedOnce(kept.first());
    }

    void aRefusedCalloutNeedsAttentionAndIsRecordedAgainOrDiscarded()
    {
        // Two callouts recorded offline on the potassium and the blood count, on the
        // statuses the person saw then ...
        const SessionScope sam = SessionScope::support(1, 3, u"Sam Support"_s);
        qint64 potassium = 0;
        qint64 bloodCount = 0;
        {
            auto cache = OfflineCache::open(location());
            QVERIFY(cache.ok());
            OfflineJournal journal(*cache.value());
            BillParties order;
            order.labBillId = u"RL-1"_s;
            order.patient.name = u"Jane Doe"_s;
            CalloutRequest made = CalloutFixture::doneRequest({2});
            made.requestId = u"offline-potassium"_s;
            made.madeAt = QDateTime::currentDateTimeUtc().addSecs(-20 * 60);
            made.expectedStatuses = {{2, CriticalStatus::CalloutPending}};
            const auto first = journal.record(sam, made, order);
            QVERIFY(first.ok());
            potassium = first.value();
            made = CalloutFixture::doneRequest({1});
            made.requestId = u"offline-blood-count"_s;
            made.madeAt = QDateTime::currentDateTimeUtc().addSecs(-10 * 60);
            made.expectedStatuses = {{1, CriticalStatus::CalloutPending}};
            const auto second = journal.record(sam, made, order);
            QVERIFY(second.ok());
            bloodCount = second.value();
        }
        // ... while another desk called both out.
        QVERIFY(CalloutEngine(desk(person).db())
                    .submit(desk(person).scope, CalloutFixture::doneRequest({1, 2}))
                    .ok());

        auto window = openDesk();
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        auto *button = window->findChild<QPushButton *>(u"needsAttentionButton"_s);
        QTRY_COMPARE_WITH_TIMEOUT(window->needsAttentionCount(), 2, timeout);
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), u"2 callouts need attention"_s);
        QCOMPARE(onServer(u"offline-potassium"_s), 0);
        QCOMPARE(onServer(u"offline-blood-count"_s), 0);

        QSignalSpy opened(window.get(), &MainWindow::needsAttentionOpened);
        button->click();
        QCOMPARE(opened.count(), 1);
        QPointer<NeedsAttentionDialog> attention
            = opened.at(0).at(0).value<NeedsAttentionDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(!attention->isBusy() && attention->entries().size() == 2, timeout);
        auto *list = attention->findChild<QTreeWidget *>(u"needsAttentionList"_s);
        QCOMPARE(list->topLevelItemCount(), 2);
        const QTreeWidgetItem *row = list->topLevelItem(0);
        QCOMPARE(row->text(0), u"RL-1"_s);
        QCOMPARE(row->text(1), u"Jane Doe"_s);
        QVERIFY2(row->text(2).startsWith(u"Callout done — 1 report · Email · Organization"_s),
                 qPrintable(row->text(2)));
        QVERIFY2(row->text(4).contains(u"Potassium (report 2) is now Done, not Pending"_s),
                 qPrintable(row->text(4)));

        // Discarding needs a reason: refused with a message, nothing changed.
        auto *discard = attention->findChild<QPushButton *>(u"discardButton"_s);
        auto *reason = attention->findChild<QPlainTextEdit *>(u"discardReason"_s);
        QVERIFY(attention->select(potassium));
        discard->click();
        QTRY_VERIFY_WITH_TIMEOUT(!attention->problem().isEmpty(), timeout);
        QCOMPARE(attention->problem(), u"Say why the callout is discarded: the reason is kept."_s);
        QCOMPARE(attention->entries().size(), 2);
        QCOMPARE(journalEntries().at(0).state, u"failed"_s);

        QTest::keyClicks(reason, u"Dr. Jones was told by the other desk"_s);
        discard->click();
        QTRY_VERIFY_WITH_TIMEOUT(!attention->isBusy() && attention->entries().size() == 1, timeout);
        QVERIFY(attention->problem().isEmpty());
        QCOMPARE(window->needsAttentionCount(), 1);
        QCOMPARE(button->text(), u"1 callout needs attention"_s);
        const OfflineJournal::Entry discarded = journalEntries().at(0);
        QCOMPARE(discarded.id, potassium);
        QCOMPARE(discarded.resolution, u"discarded"_s);
        QCOMPARE(discarded.resolutionReason, u"Dr. Jones was told by the other desk"_s);
        QCOMPARE(discarded.resolvedBy, sam.userName());

        // The blood count's call is recorded again as a further communication.
        QVERIFY(attention->select(bloodCount));
        attention->findChild<QPushButton *>(u"recordAgainButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!attention->isBusy() && attention->entries().isEmpty(), timeout);
        QVERIFY2(attention->problem().isEmpty(), qPrintable(attention->problem()));
        QTRY_VERIFY(!button->isVisible());
        QCOMPARE(window->needsAttentionCount(), 0);
        QList<OfflineJournal::Entry> entries = journalEntries();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(1).resolution, u"recorded_again"_s);
        const OfflineJournal::Entry again = entries.at(2);
        QCOMPARE(entries.at(1).resolvedInto, again.id);
        QCOMPARE(again.madeAt, entries.at(1).madeAt);
        checkArrivedOnce(again);
        // The discarded one never reached the server.
        QCOMPARE(onServer(u"offline-potassium"_s), 0);
        QCOMPARE(onServer(u"offline-blood-count"_s), 0);
        attention->accept();
    }
};

QTEST_MAIN(TestOfflineCallouts)
#include "tst_offlinecallouts.moc"
