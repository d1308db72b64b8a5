#pragma once

#include "services/db/DatabaseUrl.h"

#include <QDialog>

namespace calloutdesk {

class SignInForm;

// Asks the signed-in person for their password again before an act that is their
// electronic signature (SPEC A4: Approve), and proves it with CredentialCheck against the
// same server. Accepted only when the server took the password; a wrong one keeps the
// prompt open and says so under the field.
class PasswordPrompt : public QDialog
{
    Q_OBJECT

public:
    // meaning: what the signature does, in a sentence ("Approving report … is your
    // electronic signature.").
    PasswordPrompt(const DatabaseUrl &server, const QString &meaning, QWidget *parent = nullptr);

    SignInForm *form() const { return m_form; }

    // Whether this server asks for the password at all (not SQLite, the trusted desk).
    static bool isNeeded(const DatabaseUrl &server);

private:
    SignInForm *m_form = nullptr;
};

} // namespace calloutdesk
