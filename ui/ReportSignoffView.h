#pragma once

#include "models/OrderOverview.h"
#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/callout/ReportSignoff.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace calloutdesk {

class CalloutDialog;
class ConnectionPool;
class PasswordPrompt;

// The two surfaces that finish a report: report entry with "Save & Sign" and the
// doctor's approval with "Approve". Each enforces always_notify itself (SPEC U4): when
// the report needs a callout, pressing the button opens the callout dialog first, and
// the action goes ahead only after a callout is saved (a done one, with the lab's
// gate_requires_done on, SPEC U13); cancelling the dialog cancels the action. The state
// it decides on is read afresh when the button is pressed, so a callout saved meanwhile
// at another desk counts.
class ReportSignoffView : public QDialog
{
    Q_OBJECT

public:
    enum class State
    {
        Loading,
        Ready,
        Working, // checking, calling out or signing
        Done,
        Failed
    };

    ReportSignoffView(ReportSignoff::Action action, std::shared_ptr<ConnectionPool> database,
                      SessionScope scope,
                      qint64 billId, qint64 reportId, QWidget *parent = nullptr);
    ~ReportSignoffView() override;

    ReportSignoff::Action action() const { return m_action; }
    State state() const { return m_state; }
    QString message() const;

    // Signing and approving need the server (SPEC O4): while reason is not empty the
    // action is disabled and the reason shown; an empty reason (online again) reads the
    // report afresh and enables it.
    void setServerOffline(const QString &reason);
    QString offlineReason() const { return m_offlineReason; }

public slots:
    void reject() override;

signals:
    void stateChanged(calloutdesk::ReportSignoffView::State state);
    // The callout dialog the gate opened, for surfaces and tests that follow it.
    void calloutDialogOpened(calloutdesk::CalloutDialog *dialog);
    // On PostgreSQL, Approve asks for the password first (SPEC A4): the prompt it opened.
    void passwordPromptOpened(calloutdesk::PasswordPrompt *prompt);
    // The report was signed or approved.
    void completed();

private:
    void load(bool thenAct);
    void showReport(const OrderOverview &overview);
    void act();
    void decide(const OrderOverview &overview);
    void openCallout();
    void perform();
    void confirmSignature();
    void write();
    void showProblem(const QString &message);
    void setState(State state);
    QString actionText() const;

    ReportSignoff::Action m_action;
    std::shared_ptr<ConnectionPool> m_database;
    SessionScope m_scope;
    qint64 m_billId = 0;
    qint64 m_reportId = 0;
    bool m_actAfterLoad = false;
    // The lab's gate_requires_done (U13), as last loaded.
    bool m_requiresDone = true;
    State m_state = State::Loading;
    QString m_offlineReason;

    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QTreeWidget *m_values = nullptr;
    QPushButton *m_actionButton = nullptr;
    QPushButton *m_cancel = nullptr;
    QFutureWatcher<Result<OrderOverview>> m_loadWatcher;
    QFutureWatcher<Status> m_performWatcher;
};

} // namespace calloutdesk
