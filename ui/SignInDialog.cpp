#include "SignInDialog.h"

#include "SignInForm.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
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

    auto *buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(u"signInOk"_s);
    m_ok->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"signInCancel"_s);
    layout->addWidget(buttons);

    // OK must not close the dialog: it closes when the server has said yes.
    connect(m_ok, &QPushButton::clicked, m_form, &SignInForm::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_form, &SignInForm::checkingChanged, m_ok,
            [this](bool checking) { m_ok->setEnabled(!checking); });
    connect(m_form, &SignInForm::accepted, this, [this](const DatabaseUrl &signedIn) {
        m_signedIn = signedIn;
        QSettings().setValue(lastLoginKey(), signedIn.userName());
        accept();
    });
    m_form->reset();
}

QString SignInDialog::lastLoginKey()
{
    return u"signin/last_login"_s;
}

} // namespace calloutdesk
