#pragma once

#include "services/Failure.h"

#include <QString>

class QSettings;

namespace calloutdesk {

// The settings file is plain text that backups, support bundles and anyone with the
// user's files can read, so it holds no secret (SPEC A6). A value there that carries one
// is refused, not used, and the message says where the secret belongs instead.
class SettingsSecret
{
public:
    // The URL under key, trimmed (empty when absent), or a failure when it has a password.
    static Result<QString> url(const QSettings &settings, const QString &key,
                               const QString &whereInstead);
    // A failure when key holds any value: all of it is a secret (an API key, say).
    static Status absent(const QSettings &settings, const QString &key,
                         const QString &whereInstead);
};

} // namespace calloutdesk
