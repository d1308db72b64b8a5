#pragma once

#include "SmtpSettings.h"
#include "services/Failure.h"

namespace calloutdesk {

// The mail server's password in the desktop's keychain (QtKeychain: the Secret Service,
// KWallet…), so it never sits in a settings file (DESIGN.md). Keyed by user and server.
// Both calls block until the keychain answers; call them off the UI thread.
class MailPasswordStore
{
public:
    static constexpr const char *service = "CalloutDesk";

    static QString keyFor(const SmtpSettings &settings);
    // Unavailable when there is no keychain (a server without a desktop session) or it
    // holds no password for this login.
    static Result<QString> read(const SmtpSettings &settings);
    static Status store(const SmtpSettings &settings, const QString &password);
};

} // namespace calloutdesk
