#pragma once

#include "services/Failure.h"
#include "services/db/CredentialCheck.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/SecretText.h"
#include "models/SessionScope.h"

#include <QFutureWatcher>
#include <QWidget>

class QDialog;
class QLabel;
class QLineEdit;
class QPushButton;

namespace calloutdesk {

class ProblemLabel;

// A login name and a password, proven against the database server through
// CredentialCheck on a worker thread (SPEC A1): the sign-in dialog, the lock screen and
// the approval's password prompt all ask this way. The password lives in the field only
// until it has been checked; on success the caller gets the server's URL signed in as
// that login, kept in memory only.
class SignInForm : public QWidget
{
    Q_OBJECT

public:
    explicit SignInForm(QWidget *parent = nullptr);

    void setServer(const DatabaseUrl &server);
    // What the server's yes must show; the approval's prompt asks for Proof::Password.
    void setProof(CredentialCheck::Proof proof) { m_proof = proof; }
    // When the server cannot be reached, let the password kept on this desk for offline
    // sign-in decide (SPEC O5): acceptedOffline instead of accepted.
    void setOfflineSignIn(bool allowed) { m_offlineSignIn = allowed; }
    // editable false: the person is known (unlock, approval) and only the password is asked.
    void setLogin(const QString &login, bool editable);
    QString login() const;
    bool isChecking() const { return m_check.isRunning() || m_offlineCheck.isRunning(); }
    QString problem() const;
    // Clears the password and the last refusal and puts the cursor where typing starts.
    void reset();
    // The OK and Cancel buttons of a dialog that holds this form, added to its layout: OK
    // submits, waits while the server answers, and does not close the dialog (it closes
    // once the server has said yes); Cancel rejects. Returns OK.
    QPushButton *addDialogButtons(QDialog *dialog, const QString &submitText);

public slots:
    void submit();

signals:
    void checkingChanged(bool checking);
    void accepted(const calloutdesk::DatabaseUrl &signedIn);
    // The server was out of reach and the offline credential took the password.
    void acceptedOffline(const calloutdesk::DatabaseUrl &signedIn,
                         const calloutdesk::SessionScope &person);

private:
    void finish();
    void finishOffline();
    void refuse(const Failure &failure);
    void setChecking(bool checking);

    DatabaseUrl m_server;
    CredentialCheck::Proof m_proof = CredentialCheck::Proof::SignIn;
    QLabel *m_loginLabel = nullptr;
    QLineEdit *m_login = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_busy = nullptr;
    ProblemLabel *m_problem = nullptr;
    QFutureWatcher<Status> m_check;
    bool m_offlineSignIn = false;
    QFutureWatcher<Result<SessionScope>> m_offlineCheck;
    // The password while the offline credential checks it; overwritten after.
    SecretText m_offlinePassword;
    QString m_serverProblem;
    QString m_checkedLogin;
};

} // namespace calloutdesk
