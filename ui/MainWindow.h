#pragma once

#include "models/CalloutClock.h"
#include "models/Department.h"
#include "models/SessionScope.h"
#include "models/WorklistBadges.h"
#include "models/WorklistPage.h"
#include "models/WorklistViewState.h"
#include "services/Failure.h"
#include "services/db/DatabaseStartup.h"
#include "services/export/ExportFormat.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineJournal.h"
#include "services/search/IndexEndpoint.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

class QFileDialog;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace calloutdesk {

class CalloutButton;
class ComplianceWindow;
class ConnectionPool;
class CriticalResultAlerts;
class ExportNotice;
class IdleWatch;
class LockScreen;
class NeedsAttentionDialog;
class OfflineJournalService;
class OfflineJournalWorker;
class OrderCalloutService;
class OrderChangeListener;
struct OrderChanges;
class OfflineBanner;
class OfflineCacheSync;
class OrderOverviewPage;
class ServerReachability;
class ReportSignoffView;
class WorklistFilterBar;
class WorklistTab;

// The desk's main window: the worklist tabs (Pending, Attempted, Done) and a banner that
// says which database the desk works on, or why it cannot. The database is prepared on a
// worker thread; the window is usable, and says so, while that happens.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // startup is empty when the configuration itself is wrong; startupProblem says why.
    MainWindow(std::optional<DatabaseStartup> startup, const QString &startupProblem,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Builds the start of another person's session when they sign in in place of the
    // person at the locked desk (SPEC A5); without one the lock screen offers no switch.
    using StartupFactory = std::function<DatabaseStartup(const DatabaseUrl &signedIn)>;
    void setStartupFactory(StartupFactory factory) { m_startupFactory = std::move(factory); }
    // The lab's idle time before the desk locks itself (SPEC A5); 10 minutes until set.
    void setIdleLockMinutes(int minutes);
    IdleWatch *idleWatch() const { return m_idle; }
    bool isLocked() const { return m_locked; }
    // The database the desk works on, signed in as the person at the desk, without the
    // password: only the connection pool keeps that, until the desk locks.
    std::optional<DatabaseUrl> database() const { return m_database; }
    // The desk's held connections, for the background workers; empty when the
    // configuration is wrong.
    std::shared_ptr<ConnectionPool> connectionPool() const { return m_pool; }

    // Whether the server can be reached (SPEC O2): the window takes it, starts it, shows
    // the offline banner while it says offline, disables what needs the server (O4), and
    // is told by the connection pool's jobs when they lose the server.
    void setReachability(ServerReachability *reachability);
    bool isOffline() const { return m_offlineSince.has_value(); }
    // Whether the desk listens for its lab's changes now (SPEC T1).
    bool isLive() const;
    CriticalResultAlerts *criticalResultAlerts() const { return m_alerts; }
    // When the data on screen was last brought up to date, for the banner's "data as of".
    void setDataAsOf(std::function<std::optional<QDateTime>()> dataAsOf);
    // After an online sign-in whose password the server checked, keep an Argon2id hash
    // of it in the person's offline cache for offline sign-in (SPEC O5). Off by default.
    void setKeepsOfflineCredential(bool keeps) { m_keepsOfflineCredential = keeps; }
    // Keeps the signed-in person's offline cache up to date while the desk is online
    // (OfflineCacheSync, SPEC O1) and reads the worklist, orders, history and export from it
    // while offline (O2); PostgreSQL only. Off by default.
    void setKeepsOfflineCache(bool keeps);
    // When the cache's data was read from the server, once known: the banner's "data as of".
    std::optional<QDateTime> offlineCacheDataAsOf() const { return m_offlineCacheDataAsOf; }
    // Opens the desk for a person who signed in offline (their password checked against
    // the offline credential): the offline state, until the server can be reached, when
    // startup runs as it would have at sign-in.
    void openOffline(const DatabaseStartup &startup, const SessionScope &person);
    // Why Sign and Approve are not offered now; empty while online.
    QString signoffOfflineReason() const;
    // The signed-in person's offline journal (SPEC O3) on a desk that watches its server's
    // reachability; empty otherwise. The callout dialog keeps callouts in it offline.
    std::shared_ptr<const OfflineJournalService> offlineJournal() const;
    // How many callouts recorded offline the server refused, as last counted.
    int needsAttentionCount() const { return m_needsAttention; }

    // The worklist reads from this index instead of the database (SPEC E1).
    void setWorklistIndex(const IndexEndpoint &index) { m_index = index; }

    enum class State
    {
        Opening,
        Ready,
        Failed
    };
    State state() const { return m_state; }
    WorklistViewState viewState() const { return m_viewState; }

    // Exports what the current tab shows, with its filters and sort (SPEC U5), off the UI
    // thread; exportFinished tells how it ended.
    void exportWorklist(ExportFormat format, const QString &path);

public slots:
    // Hides every patient behind the lock screen now, as the idle time does (SPEC A5).
    void lockNow();
    // Starts the desk's session again for another login, through the startup factory.
    void restart(const calloutdesk::DatabaseUrl &signedIn);
    // What the background index sync last did (SPEC E4), for the status bar; `attention`,
    // when not empty, says which orders the index refuses (E5) and stays until it is fixed.
    void showIndexSyncState(int sent, int retried, int failed, const QString &problem,
                            const QString &attention = QString());
    // Which notification channels this desk sends through, and what is wrong with the rest.
    void showNotificationChannels(const QStringList &channels, const QStringList &problems);
    // What the notification worker last did (SPEC N3); `attention`, when not empty, names
    // the channels paused on this desk and why (N4).
    void showNotificationState(int sent, int retried, int failed, const QString &problem,
                               const QString &attention = QString());
    // A background worker stopped for good because the database's schema was upgraded
    // past this desk: the desk stops too, saying so, as it would have refused at start.
    void showSchemaUpgradedPast(const QString &reason);
    // Opens "Needs attention": the callouts recorded offline that the server refused.
    void openNeedsAttention();
    // Opens the compliance report (SPEC T5), read from the server as the person at the desk.
    void openCompliance();

signals:
    void stateChanged(calloutdesk::MainWindow::State state);
    void exportFinished(bool succeeded, const QString &message);
    // The file dialog of File → Export, for surfaces and tests that follow it.
    void exportFileDialogOpened(QFileDialog *dialog);
    // The desk listens for its lab's changes (SPEC T1), again after a lost connection.
    void liveListening(bool resumed);
    // Changed orders were read again into the worklist, the overview and open dialogs.
    void liveChangesApplied(const QList<qint64> &orders);
    // A sign or approve view was opened from the overview (SPEC U4).
    void signoffViewOpened(calloutdesk::ReportSignoffView *view);
    void lockChanged(bool locked);
    // A round of the offline cache's sync ended (SPEC O1): the data's time, or why not.
    void offlineCacheRefreshed(const QString &dataAsOf, int changedOrders);
    void offlineCacheSyncFailed(const QString &message);
    // The offline credential was kept (or why not) after an online sign-in (SPEC O5).
    void offlineCredentialKept(const QString &problem);
    // The callouts recorded offline that need attention were counted (SPEC O3).
    void needsAttentionCounted(int count);
    void needsAttentionOpened(calloutdesk::NeedsAttentionDialog *dialog);
    void complianceWindowOpened(calloutdesk::ComplianceWindow *window);

protected:
    // While locked: a window that opens on its own (a late answer, a message box) is
    // hidden behind the lock too.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showOffline(const QDateTime &since);
    void showOnline();
    // Each open sign or approve view learns whether it may act (SPEC O4).
    void tellSignoffViews();
    void keepOfflineCredential(const SessionScope &person);
    // The offline cache (SPEC O1, O2): kept for the person signed in online, read while
    // offline. Where the signed-in person's cache lives; none without a PostgreSQL login.
    std::optional<OfflineCacheLocation> offlineCacheLocation() const;
    void startOfflineCacheSync();
    void stopOfflineCacheSync();
    // The reading lane serves the person's cache (true when it does now) or the server.
    bool readFromOfflineCache();
    void readFromServer();
    // Reads the cache's "data as of" on the reading lane, for a desk that did not sync it.
    void readOfflineCacheDataAsOf();
    // What was read from the side the reading lane left is read again from the other.
    void reloadReads();
    // SPEC O3: the person's offline journal, and its replay on the writing lane, for a
    // PostgreSQL desk that watches its server; replaced when another person signs in.
    void startOfflineJournal(const SessionScope &person);
    void stopOfflineJournal();
    // The callout service of the desk's dialogs: with the offline journal as its keeper.
    OrderCalloutService calloutService() const;
    // Counts the refused entries off the UI thread, for the status bar button.
    void countNeedsAttention();
    void showNeedsAttention(int count);
    // SPEC T1: the live desk, for a PostgreSQL session that is online.
    void startLive(const SessionScope &session);
    void stopLive();
    void applyOrderChanges(const OrderChanges &changes);
    // Reads the new critical reports the person may see, off the UI thread, to alert.
    void alertNewCritical(const QList<qint64> &orders);
    // Lets the connection pool's jobs tell the reachability when they lose the server.
    void watchPool();
    void buildWorklistShell();
    // The desk's pool signs in as signedIn; nothing of the session before stays.
    void takeSession(const DatabaseUrl &signedIn);
    void startSession(const DatabaseStartup &startup);
    void unlock(const DatabaseUrl &signedIn);
    void switchPerson(const DatabaseUrl &signedIn);
    void discardHiddenWindows();
    void hideWindow(QWidget *window);
    bool isLockScreenWindow(const QWidget *window) const;
    void setDeskActionsEnabled(bool enabled);
    QString personName() const;
    void buildActions();
    void applyViewState();
    void saveViewState();
    void sortBy(int column, Qt::SortOrder order);
    void openOrder(qint64 billId, qint64 reportId);
    void showWorklistPage();
    void refreshWorklist();
    void buildOverviewActions();
    void updateOverviewActions();
    void openSignoff(bool approve);
    void orderChanged();
    void chooseExportFile(ExportFormat format);
    void showOpening(const QString &location);
    void showReady(const DatabaseStartup::Report &report);
    void showWorklist(const SessionScope &session);
    void showCounts(qint64 pending, qint64 attempted, qint64 done);
    void showUnfilteredCounts(const WorklistCounts &counts);
    // The tabs' badges as counted and as the clock moved on (SPEC T2).
    void showBadges();
    void showFailure(const QString &message);
    // Shows what needs a person on a status bar label, in full in its tooltip.
    static void showAttention(QLabel *label, const QString &text, const QString &detail);
    // What this desk sends, for the status bar and the callout dialog's methods (U11): it
    // depends on the channels and on whether the signed-in login may send.
    void showDeskSending();
    void setState(State state);

    QStackedWidget *m_lockPages = nullptr; // the desk, or the lock screen over it
    QWidget *m_desk = nullptr;
    LockScreen *m_lockScreen = nullptr;
    IdleWatch *m_idle = nullptr;
    bool m_locked = false;
    // The first person's windows while the desk is locked, shown again when they unlock.
    QList<QPointer<QWidget>> m_hiddenWindows;
    StartupFactory m_startupFactory;
    QStackedWidget *m_pages = nullptr;
    WorklistFilterBar *m_filters = nullptr;
    QTabWidget *m_tabs = nullptr;
    QList<WorklistTab *> m_worklistTabs;
    OrderOverviewPage *m_overview = nullptr;
    CalloutButton *m_calloutButton = nullptr;
    QPushButton *m_signButton = nullptr;
    QPushButton *m_approveButton = nullptr;
    QLabel *m_banner = nullptr;
    OfflineBanner *m_offlineBanner = nullptr;
    QLabel *m_signoffOffline = nullptr; // the overview's reason for no Sign and Approve
    ServerReachability *m_reachability = nullptr;
    std::optional<QDateTime> m_offlineSince;
    // Opened offline: the session starts once the server can be reached.
    bool m_waitingForServer = false;
    bool m_keepsOfflineCredential = false;
    QFutureWatcher<Status> m_credentialWatcher;
    bool m_keepsOfflineCache = false;
    std::unique_ptr<OfflineCacheSync> m_offlineCacheSync;
    std::optional<QDateTime> m_offlineCacheDataAsOf;
    QFutureWatcher<Result<std::optional<QDateTime>>> m_offlineCacheDataAsOfWatcher;
    QList<QPointer<ReportSignoffView>> m_signoffViews;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_indexLabel = nullptr;
    QLabel *m_notifyLabel = nullptr;
    QPushButton *m_needsAttentionButton = nullptr;
    int m_needsAttention = 0;
    std::shared_ptr<OfflineJournalService> m_offlineJournal;
    std::unique_ptr<OfflineJournalWorker> m_journalWorker;
    QFutureWatcher<Result<QList<OfflineJournal::Entry>>> m_needsAttentionWatcher;
    ExportNotice *m_exportNotice = nullptr;
    std::unique_ptr<OrderChangeListener> m_live;
    QLabel *m_liveLabel = nullptr;
    CriticalResultAlerts *m_alerts = nullptr;
    // The channels this desk is configured to send through, once main() has said (U11).
    std::optional<QStringList> m_sendingChannels;
    QStringList m_sendingProblems;
    QFutureWatcher<Result<DatabaseStartup::Report>> m_startupWatcher;
    std::shared_ptr<ConnectionPool> m_pool;
    std::optional<DatabaseUrl> m_database;
    std::optional<IndexEndpoint> m_index;
    std::optional<SessionScope> m_session;
    WorklistViewState m_viewState;
    // The tab counts as the filters leave them, and without the filters: these are asked
    // for again only after a refresh or a change of an order, not at each keystroke.
    WorklistCounts m_shownCounts;
    // The lab's callout clock (SPEC T2), from the session's startup, for the worklist and the
    // callout dialogs this window opens (T3); the default one until a startup read it (a desk
    // opened offline keeps the last one it read).
    CalloutClock m_calloutClock;
    WorklistBadges m_badges;
    std::optional<WorklistCounts> m_unfilteredCounts;
    QFutureWatcher<Result<QList<Department>>> m_departmentsWatcher;
    // The departments the person may see, as last read: the compliance window's choice.
    QList<Department> m_departments;
    // A callout was saved while the worklist was hidden: reload it on the way back.
    bool m_worklistStale = false;
    // Settings are written on their own thread, one write after the other: QSettings
    // syncs to disk (fdatasync) and that must not freeze the window mid-typing.
    QThreadPool m_settingsWriter;
    State m_state = State::Opening;
};

} // namespace calloutdesk
