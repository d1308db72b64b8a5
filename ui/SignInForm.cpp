#include "SignInForm.h"

#include "ProblemLabel.h"
#include "services/db/CredentialCheck.h"
#include "services/offline/OfflineCredential.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

SignInForm::SignInForm(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_login = new QLineEdit(this);
    m_login->setObjectName(u"signInLogin"_s);
    m_login->setAccessibleName(tr("Login name"));
    m_loginLabel = new QLabel(tr("&Login name:"), this);
    m_loginLabel->setBuddy(m_login);
    layout->addRow(m_loginLabel, m_login);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"signInPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_passwordLabel = new QLabel(tr("&Password:"), this);
    m_passwordLabel->setBuddy(m_password);
    layout->addRow(m_passwordLabel, m_password);
    m_busy = new QLabel(tr("Checking with the database server…"), this);
    m_busy->setObjectName(u"signInBusy"_s);
    m_busy->hide();
    layout->addRow(m_busy);
    m_problem = new ProblemLabel(u"signInProblem"_s, this);
    layout->addRow(m_problem);

    connect(m_password, &QLineEdit::returnPressed, this, &SignInForm::submit);
    connect(m_login, &QLineEdit::returnPressed, this, [this] {
        if (!m_password->isHidden())
            m_password->setFocus(Qt::TabFocusReason);
        else
            submit();
    });
    connect(&m_check, &QFutureWatcherBase::finished, this, &SignInForm::finish);
    connect(&m_offlineCheck, &QFutureWatcherBase::finished, this, &SignInForm::finishOffline);
}

void SignInForm::setServer(const DatabaseUrl &server)
{
    m_server = server;
    // SQLite is the single trusted desk: it has no logins, so nothing to type.
    const bool password = CredentialCheck::needsPassword(server);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_loginLabel), static_cast<QWidget *>(m_login),
          static_cast<QWidget *>(m_passwordLabel), static_cast<QWidget *>(m_password)})
        widget->setVisible(password);
}

void SignInForm::setLogin(const QString &login, bool editable)
{
    m_login->setText(login);
    m_login->setReadOnly(!editable);
    m_login->setFocusPolicy(editable ? Qt::StrongFocus : Qt::NoFocus);
}

QString SignInForm::login() const
{
    return m_login->text().trimmed();
}

QString SignInForm::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void SignInForm::reset()
{
    m_password->clear();
    m_problem->dismiss();
    if (!m_login->isReadOnly() && login().isEmpty())
        m_login->setFocus(Qt::OtherFocusReason);
    else
        m_password->setFocus(Qt::OtherFocusReason);
}

QPushButton *SignInForm::addDialogButtons(QDialog *dialog, const QString &submitText)
{
    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *ok = buttons->addButton(submitText, QDialogButtonBox::AcceptRole);
    ok->setObjectName(u"signInOk"_s);
    ok->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"signInCancel"_s);
    dialog->layout()->addWidget(buttons);
    connect(ok, &QPushButton::clicked, this, &SignInForm::submit);
    connect(cancel, &QPushButton::clicked, dialog, &QDialog::reject);
    connect(this, &SignInForm::checkingChanged, ok,
            [ok](bool checking) { ok->setEnabled(!checking); });
    return ok;
}

void SignInForm::submit()
{
    if (isChecking())
        return;
    m_problem->dismiss();
    m_checkedLogin = login();
    if (!CredentialCheck::needsPassword(m_server)) {
        emit accepted(m_server);
        return;
    }
    setChecking(true);
    m_check.setFuture(CredentialCheck(m_server).start(m_checkedLogin, m_password->text(), m_proof));
}

void SignInForm::finish()
{
    setChecking(false);
    const Status checked = m_check.result();
    // The password leaves the field either way: a refused one is typed again, an accepted
    // one goes to the caller inside the URL and nowhere else; the last copy to go
    // overwrites it.
    const SecretText password(m_password->text());
    m_password->clear();
    if (!checked && m_offlineSignIn && checked.failure().kind == Failure::Kind::Unavailable) {
        // The server is out of reach: the hash kept on this desk decides, off this thread.
        m_offlinePassword = password.detached();
        m_serverProblem = checked.failure().message;
        setChecking(true);
        m_offlineCheck.setFuture(
            OfflineCredential(OfflineCacheLocation(m_server, m_checkedLogin)).start(password));
        return;
    }
    if (!checked) {
        refuse(checked.failure());
        return;
    }
    emit accepted(m_server.withCredentials(m_checkedLogin, QString()).withPassword(password));
}

void SignInForm::finishOffline()
{
    setChecking(false);
    const SecretText password = std::exchange(m_offlinePassword, SecretText());
    const Result<SessionScope> person = m_offlineCheck.result();
    if (!person) {
        Failure failure = person.failure();
        // Why the server did not answer, then why the offline sign-in did not either.
        failure.message = m_serverProblem + u' ' + failure.message;
        refuse(failure);
        return;
    }
    emit acceptedOffline(m_server.withCredentials(m_checkedLogin, QString()).withPassword(password),
                         person.value());
}

void SignInForm::refuse(const Failure &failure)
{
    m_problem->say(failure.message);
    if (failure.field == u"login")
        m_login->setFocus(Qt::OtherFocusReason);
    else
        m_password->setFocus(Qt::OtherFocusReason);
}

void SignInForm::setChecking(bool checking)
{
    m_busy->setVisible(checking);
    m_login->setEnabled(!checking);
    m_password->setEnabled(!checking);
    emit checkingChanged(checking);
}

} // namespace calloutdesk
