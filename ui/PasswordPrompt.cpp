#include "PasswordPrompt.h"

#include "SignInForm.h"
#include "services/db/CredentialCheck.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

PasswordPrompt::PasswordPrompt(const DatabaseUrl &server, const QString &meaning, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"passwordPrompt"_s);
    setWindowTitle(tr("Confirm with your password"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(meaning + u' ' + tr("Enter your password to confirm."), this);
    text->setObjectName(u"passwordPromptMeaning"_s);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_form = new SignInForm(this);
    m_form->setServer(server);
    // A signature: the server must have checked this password, not only let the login in.
    m_form->setProof(CredentialCheck::Proof::Password);
    m_form->setLogin(server.userName(), false);
    layout->addWidget(m_form);
    m_form->addDialogButtons(this, tr("&Confirm"));
    connect(m_form, &SignInForm::accepted, this, &QDialog::accept);
    m_form->reset();
}

bool PasswordPrompt::isNeeded(const DatabaseUrl &server)
{
    return CredentialCheck::needsPassword(server);
}

} // namespace calloutdesk
