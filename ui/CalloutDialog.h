#pragma once

#include "models/BillRecords.h"
#include "models/CalloutOutcome.h"
#include "models/CalloutRequest.h"
#include "models/HistoryEntry.h"
#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/callout/OrderCalloutService.h"

#include <QDialog>
#include <QFutureWatcher>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace calloutdesk {

class CalloutHistoryList;
class CriticalReportTree;
class MethodChooser;
class PhoneCallList;
class ProblemBanner;
class ProblemLabel;
class RecipientChooser;

// The callout of one order (SPEC U2, C1–C7): its critical reports to tick, its callout
// history, how and whom, the phone calls already made, and a comment; "Save attempt" or
// "Callout done". Records and history load in parallel off the UI thread; a submit runs off
// it too. Nothing the user ticked or typed is lost when the engine refuses, and a stale
// order (C6) is reloaded on request with the user's input kept.
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
    };
    Q_ENUM(State)

    // preselectedReportIds: the report the dialog was opened from, ticked on top of the
    // saved attempt's reports.
    CalloutDialog(OrderCalloutService service, SessionScope scope, qint64 billId,
                  QList<qint64> preselectedReportIds = {}, QWidget *parent = nullptr);
    ~CalloutDialog() override;

    State state() const { return m_state; }
    bool isHistoryLoading() const { return m_historyLoading; }
    qint64 billId() const { return m_billId; }
    // What the dialog would submit now, as the given kind.
    CalloutRequest request(CalloutRequest::Kind kind) const;

public slots:
    // Reads the order and its history again, keeping what the user ticked and typed.
    void reload();
    // Closing is refused while a callout is being written: its outcome must be seen.
    void reject() override;

signals:
    void stateChanged(calloutdesk::CalloutDialog::State state);
    // A callout was committed; the dialog accepts right after.
    void calloutSaved(const calloutdesk::CalloutOutcome &outcome);

private:
    // What the user has ticked and typed, carried over a reload.
    struct Entered
    {
        QList<qint64> reportIds;
        QList<CommunicationMethod> methods;
        QList<RecipientKind> recipients;
        ContactDetails other;
        QList<PhoneCall> phoneCalls;
        QString comment;
    };

    QWidget *buildContent();
    void load();
    void showRecords(const Result<BillRecords> &records);
    void showHistory(const Result<QList<HistoryEntry>> &history);
    Entered entered() const;
    void applyEntered(const Entered &entered);
    Entered fromDraft(const BillRecords &records) const;
    void submit(CalloutRequest::Kind kind);
    void showOutcome(const Result<CalloutOutcome> &outcome);
    void showRefusal(const Failure &failure);
    void dismissProblems();
    void updateTabOrder();
    void setState(State state);

    OrderCalloutService m_service;
    SessionScope m_scope;
    qint64 m_billId = 0;
    QList<qint64> m_preselected;
    std::optional<Entered> m_keep; // set while a reload carries the user's input
    bool m_loadedOnce = false;
    bool m_historyLoading = false;
    State m_state = State::Loading;

    QLabel *m_orderLabel = nullptr;
    ProblemBanner *m_banner = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QWidget *m_failedPage = nullptr;
    ProblemLabel *m_loadProblem = nullptr;
    QPushButton *m_retry = nullptr;
    QWidget *m_content = nullptr;
    CriticalReportTree *m_reports = nullptr;
    ProblemLabel *m_reportsProblem = nullptr;
    CalloutHistoryList *m_history = nullptr;
    MethodChooser *m_methods = nullptr;
    RecipientChooser *m_recipients = nullptr;
    PhoneCallList *m_phoneCalls = nullptr;
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
