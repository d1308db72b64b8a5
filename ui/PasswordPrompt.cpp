#include "PasswordPrompt.h"

#include "SignInForm.h"
#include "services/db/CredentialCheck.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
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
    m_form->setLogin(server.userName(), false);
    layout->addWidget(m_form);

    auto *buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(tr("&Confirm"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(u"passwordPromptOk"_s);
    m_ok->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"passwordPromptCancel"_s);
    layout->addWidget(buttons);

    connect(m_ok, &QPushButton::clicked, m_form, &SignInForm::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_form, &SignInForm::checkingChanged, m_ok,
            [this](bool checking) { m_ok->setEnabled(!checking); });
    connect(m_form, &SignInForm::accepted, this, &QDialog::accept);
    m_form->reset();
}

bool PasswordPrompt::isNeeded(const DatabaseUrl &server)
{
    return CredentialCheck::needsPassword(server);
}

} // namespace calloutdesk
