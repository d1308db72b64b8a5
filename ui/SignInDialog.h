#pragma once

#include "models/SessionScope.h"
#include "services/db/DatabaseUrl.h"

#include <QDialog>

#include <optional>

namespace calloutdesk {

class SignInForm;

// Shown at the desk's start when the PostgreSQL URL names no login (SPEC A1): the person
// signs in with their own login name and password, proven by the server before the desk
// opens. The login name is remembered for next time; the password never is.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(const DatabaseUrl &server, QWidget *parent = nullptr);

    // The server signed in as the person, once the dialog was accepted.
    std::optional<DatabaseUrl> signedIn() const { return m_signedIn; }
    // Who signed in while the server could not be reached, from the offline credential
    // kept on this desk (SPEC O5); empty after an online sign-in.
    std::optional<SessionScope> offlinePerson() const { return m_offlinePerson; }
    SignInForm *form() const { return m_form; }

    // Where the last login name is kept in the settings.
    static QString lastLoginKey();

private:
    void finish(const DatabaseUrl &signedIn, const std::optional<SessionScope> &offline);

    SignInForm *m_form = nullptr;
    std::optional<DatabaseUrl> m_signedIn;
    std::optional<SessionScope> m_offlinePerson;
};

} // namespace calloutdesk
