#pragma once

#include "services/db/DatabaseUrl.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace calloutdesk {

class SignInForm;

// What a locked desk shows instead of its patients (SPEC A5): who locked it and a way
// back in, either the same person with their password or another person signing in in
// their place. It holds no patient data, so a passer-by reads nothing from it.
class LockScreen : public QWidget
{
    Q_OBJECT

public:
    explicit LockScreen(QWidget *parent = nullptr);

    // server: the desk's database signed in as the person who locked it; personName: how
    // the desk calls them. canSwitch: whether another person may sign in here.
    void lock(const DatabaseUrl &server, const QString &personName, bool canSwitch);
    SignInForm *form() const { return m_form; }
    bool isSwitching() const { return m_switching; }

public slots:
    // Shows the fields for another person's login, or back for the person who locked it.
    void toggleSwitching();

signals:
    // The same person proved their password: signedIn carries it (none on SQLite), for the
    // desk to keep again while it is unlocked.
    void unlockRequested(const calloutdesk::DatabaseUrl &signedIn);
    // Another login proved its password: the desk is theirs once the first person's
    // unsaved work is dealt with.
    void switchRequested(const calloutdesk::DatabaseUrl &signedIn);

private:
    void showMode();

    DatabaseUrl m_server;
    QString m_personName;
    bool m_canSwitch = false;
    bool m_switching = false;
    QLabel *m_title = nullptr;
    SignInForm *m_form = nullptr;
    QPushButton *m_unlock = nullptr;
    QPushButton *m_switch = nullptr;
};

} // namespace calloutdesk
