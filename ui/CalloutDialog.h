#pragma once

#include "models/BillRecords.h"
#include "models/CalloutClock.h"
#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "models/HistoryEntry.h"
#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/callout/OrderCalloutService.h"

#include <QDialog>
#include <QFutureWatcher>

#include <optional>

class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTimer;
class QVBoxLayout;

namespace calloutdesk {

class AttemptChooser;
class CalloutHistoryList;
class CriticalReportTree;
class EscalationOffer;
class MethodChooser;
class PhoneCallList;
class ProblemBanner;
class ProblemLabel;
class RecipientChooser;

// The callout of one order (SPEC U2, U8–U10, C1–C7): its critical reports to tick (every
// Pending or Attempted one is ticked on opening), its callout history, how and whom, the
// phone calls that reached someone, how an attempt went, and a comment; "Save attempt" or
// "Callout done — N reports". The last attempt is shown as a note, not copied into the
// form unless "Reuse" is pressed. Records and history load in parallel off the UI thread;
// a submit runs off it too. Every problem of the input is shown at once, next to its
// field, and goes away when fixed; nothing the user ticked or typed is lost when the
// engine refuses, and a stale order (C6) is reloaded on request with the input kept. The
// body scrolls, so the dialog fits a small screen with its buttons in view.
class CalloutDialog : public QDialog
{
    Q_OBJECT

public:
    enum class State
    {
        Loading,    // the order's records are on their way
        Ready,      // the form can be used
        LoadFailed, // the records could not be read; "Try again" reloads
        Submitting, // a callout is being written; the buttons wait
        // The server could not take the callout; it is kept on this desk, to be sent when
        // the server can be reached (SPEC O3). Only Close is left.
        KeptOffline,
    };
    Q_ENUM(State)

    // preselectedReportIds: the report the dialog was opened from, ticked on top of the
    // saved attempt's reports.
    CalloutDialog(OrderCalloutService service, SessionScope scope, qint64 billId,
                  QList<qint64> preselectedReportIds = {}, QWidget *parent = nullptr);
    ~CalloutDialog() override;

    // The action a gate holds until a callout is saved (SPEC U4, U8).
    enum class WaitingAction
    {
        Signing,
        Approval,
    };

    State state() const { return m_state; }
    bool isHistoryLoading() const { return m_historyLoading; }
    qint64 billId() const { return m_billId; }
    // What the dialog would submit now, as the given kind.
    CalloutRequest request(CalloutRequest::Kind kind) const;
    // Says at the top which action waits for this callout, e.g. the approval of a report.
    void setWaitingAction(WaitingAction action, const QString &reportName);
    // Whether the user has ticked or typed anything since the order was shown.
    bool hasChanges() const;
    // The lab's callout clock (SPEC T2, T3): once a waiting report of the order passed its
    // warning time, the department's escalation contacts are offered first. Until set, the
    // default clock (60 / 30 minutes).
    void setCalloutClock(const CalloutClock &clock);
    // Whether the escalation contacts are shown first, above the reports.
    bool offersEscalationFirst() const;

public slots:
    // Reads the order and its history again, keeping what the user ticked and typed.
    void reload();
    // Closing is refused while a callout is being written: its outcome must be seen. With
    // entries typed, it asks first (Esc and the close button come here too).
    void reject() override;
    // Copies the last attempt's methods, recipients, other contact and comment into the
    // form (U9: on purpose, never by default).
    void reuseLastAttempt();
    // The order changed elsewhere since it was shown here (SPEC T1, C6): says so and offers
    // to reload, keeping what was ticked and typed. Not while a save is on its way (the
    // change may be that save) or after it.
    void noteOrderChanged();

signals:
    void stateChanged(calloutdesk::CalloutDialog::State state);
    // A callout was committed; the dialog accepts right after.
    void calloutSaved(const calloutdesk::CalloutOutcome &outcome);
    // The callout was kept in the desk's offline journal as entry `entryId` (SPEC O3).
    void calloutKeptOffline(qint64 entryId);

private:
    // What the user has ticked and typed, carried over a reload.
    struct Entered
    {
        QList<qint64> reportIds;
        QList<CommunicationMethod> methods;
        QList<RecipientKind> recipients;
        ContactDetails other;
        QList<PhoneCall> phoneCalls;
        std::optional<CalloutAttempt> attempt;
        QString comment;

        friend bool operator==(const Entered &, const Entered &) = default;
    };

    QWidget *buildContent();
    void load();
    void showRecords(const Result<BillRecords> &records);
    void showHistory(const Result<QList<HistoryEntry>> &history);
    Entered entered() const;
    void applyEntered(const Entered &entered);
    QList<qint64> initialTicks(const BillRecords &records) const;
    Entered fromDraft(const DraftCallout &draft) const;
    void showLastAttempt(const std::optional<DraftCallout> &draft);
    void updateDoneButton();
    void updateReadBackValues();
    // Places the escalation contacts by the clock, and wakes at the next warning time.
    void updateEscalation();
    // SPEC T3: one click fills a call to the contact, made now, with them as the other
    // recipient; Save records it.
    void callEscalationContact(const EscalationContact &contact);
    void submit(CalloutRequest::Kind kind);
    // Every problem of the input as `kind`, found without the database (U8).
    QList<Failure> problems(CalloutRequest::Kind kind) const;
    // Shows `problems` next to their fields and focuses the first field, in form order.
    void showProblems(const QList<Failure> &problems);
    // After a refusal: each problem shown goes away once fixed.
    void recheckProblems();
    struct Place
    {
        CalloutRequest::Field field;
        ProblemLabel *label;
        QWidget *focus;
    };
    QList<Place> places() const;
    void showOutcome(const Result<CalloutOutcome> &outcome);
    void showKeptOffline();
    void showRefusal(const Failure &failure);
    void dismissProblems();
    void updateTabOrder();
    void setState(State state);
    void sizeToScreen();

    OrderCalloutService m_service;
    SessionScope m_scope;
    qint64 m_billId = 0;
    QList<qint64> m_preselected;
    std::optional<Entered> m_keep; // set while a reload carries the user's input
    Entered m_shown;               // the form as the order was shown: no changes yet
    std::optional<BillRecords> m_records;
    std::optional<DraftCallout> m_lastAttempt;
    std::optional<CalloutRequest::Kind> m_refusedKind; // the last press refused here
    bool m_loadedOnce = false;
    bool m_historyLoading = false;
    State m_state = State::Loading;
    CalloutClock m_clock;

    QLabel *m_orderLabel = nullptr;
    QLabel *m_waitingLabel = nullptr;
    ProblemBanner *m_banner = nullptr;
    QLabel *m_keptOfflineNote = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QWidget *m_failedPage = nullptr;
    ProblemLabel *m_loadProblem = nullptr;
    QPushButton *m_retry = nullptr;
    QScrollArea *m_body = nullptr;
    QWidget *m_content = nullptr;
    QFrame *m_attemptNote = nullptr;
    QLabel *m_attemptNoteText = nullptr;
    QPushButton *m_reuse = nullptr;
    AttemptChooser *m_attempt = nullptr;
    CriticalReportTree *m_reports = nullptr;
    ProblemLabel *m_reportsProblem = nullptr;
    CalloutHistoryList *m_history = nullptr;
    MethodChooser *m_methods = nullptr;
    RecipientChooser *m_recipients = nullptr;
    PhoneCallList *m_phoneCalls = nullptr;
    EscalationOffer *m_escalation = nullptr;
    QVBoxLayout *m_contentLayout = nullptr;
    QTimer *m_escalationTimer = nullptr;
    QLabel *m_commentLabel = nullptr;
    QPlainTextEdit *m_comment = nullptr;
    ProblemLabel *m_commentProblem = nullptr;
    QPushButton *m_saveAttempt = nullptr;
    QPushButton *m_calloutDone = nullptr;
    QPushButton *m_cancel = nullptr;

    QFutureWatcher<Result<BillRecords>> m_recordsWatcher;
    QFutureWatcher<Result<QList<HistoryEntry>>> m_historyWatcher;
    QFutureWatcher<Result<CalloutOutcome>> m_submitWatcher;
    QString m_requestId; // of the press whose outcome is not known yet (SPEC C9)
};

} // namespace calloutdesk
