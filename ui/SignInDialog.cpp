#include "SignInDialog.h"

#include "SignInForm.h"

#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

SignInDialog::SignInDialog(const DatabaseUrl &server, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"signInDialog"_s);
    setWindowTitle(tr("Sign in to CalloutDesk"));
    auto *layout = new QVBoxLayout(this);
    auto *where = new QLabel(
        tr("Sign in with your own database login at %1.").arg(server.displayString()), this);
    where->setWordWrap(true);
    layout->addWidget(where);
    m_form = new SignInForm(this);
    m_form->setServer(server);
    m_form->setLogin(QSettings().value(lastLoginKey()).toString(), true);
    layout->addWidget(m_form);
    m_form->addDialogButtons(this, tr("&Sign in"));
    connect(m_form, &SignInForm::accepted, this,
            [this](const DatabaseUrl &signedIn) { finish(signedIn, std::nullopt); });
    // A person who signed in here while online may sign in while the server is away.
    m_form->setOfflineSignIn(true);
    connect(m_form, &SignInForm::acceptedOffline, this,
            [this](const DatabaseUrl &signedIn, const SessionScope &person) {
                finish(signedIn, person);
            });
    m_form->reset();
}

void SignInDialog::finish(const DatabaseUrl &signedIn, const std::optional<SessionScope> &offline)
{
    m_signedIn = signedIn;
    m_offlinePerson = offline;
    QSettings().setValue(lastLoginKey(), signedIn.userName());
    accept();
}

QString SignInDialog::lastLoginKey()
{
    return u"signin/last_login"_s;
}

} // namespace calloutdesk
