#include "LockScreen.h"

#include "SignInForm.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

LockScreen::LockScreen(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"lockScreen"_s);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *box = new QWidget(this);
    box->setMaximumWidth(460);
    auto *layout = new QVBoxLayout(box);
    m_title = new QLabel(box);
    m_title->setObjectName(u"lockTitle"_s);
    m_title->setWordWrap(true);
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    m_title->setFont(font);
    layout->addWidget(m_title);
    m_form = new SignInForm(box);
    layout->addWidget(m_form);
    auto *buttons = new QHBoxLayout;
    m_unlock = new QPushButton(box);
    m_unlock->setObjectName(u"lockUnlock"_s);
    m_unlock->setAccessibleName(tr("Unlock or sign in"));
    m_unlock->setDefault(true);
    m_switch = new QPushButton(box);
    m_switch->setObjectName(u"lockSwitch"_s);
    m_switch->setAccessibleName(tr("Sign in as someone else"));
    buttons->addWidget(m_unlock);
    buttons->addStretch(1);
    buttons->addWidget(m_switch);
    layout->addLayout(buttons);
    outer->addWidget(box, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(m_unlock, &QPushButton::clicked, m_form, &SignInForm::submit);
    connect(m_switch, &QPushButton::clicked, this, &LockScreen::toggleSwitching);
    connect(m_form, &SignInForm::checkingChanged, this, [this](bool checking) {
        m_unlock->setEnabled(!checking);
        m_switch->setEnabled(!checking);
    });
    // Offline, only the person who locked the desk gets in, with the password kept on this
    // desk (SPEC A5, O5); another person's session needs the server.
    connect(m_form, &SignInForm::acceptedOffline, this,
            [this](const DatabaseUrl &signedIn) { emit unlockRequested(signedIn); });
    connect(m_form, &SignInForm::accepted, this, [this](const DatabaseUrl &signedIn) {
        // The same person typing their own name in the other fields is an unlock too.
        if (!m_switching || signedIn.userName() == m_server.userName())
            emit unlockRequested(signedIn);
        else
            emit switchRequested(signedIn);
    });
}

void LockScreen::lock(const DatabaseUrl &server, const QString &personName, bool canSwitch)
{
    m_server = server;
    m_personName = personName;
    m_canSwitch = canSwitch;
    m_switching = false;
    m_form->setServer(server);
    showMode();
}

void LockScreen::toggleSwitching()
{
    if (!m_canSwitch)
        return;
    m_switching = !m_switching;
    showMode();
}

void LockScreen::showMode()
{
    if (m_switching) {
        m_title->setText(tr("Sign in as someone else"));
        m_form->setLogin({}, true);
        m_unlock->setText(tr("&Sign in"));
        m_switch->setText(tr("&Back to %1").arg(m_personName));
    } else {
        m_title->setText(tr("This desk is locked. %1 is signed in.").arg(m_personName));
        m_form->setLogin(m_server.userName(), false);
        m_unlock->setText(tr("&Unlock"));
        m_switch->setText(tr("Sign in as &someone else"));
    }
    m_switch->setVisible(m_canSwitch);
    m_form->setOfflineSignIn(!m_switching);
    m_form->reset();
}

} // namespace calloutdesk
