#pragma once

#include <QString>

namespace calloutdesk {

// A password written into a URL's user info (scheme://user:password@host…), found and
// masked on the text itself rather than through QUrl: QUrl gives nothing back for a URL it
// cannot parse and quotes the whole source in its errorString(), password included, and a
// mistyped URL is exactly the one that ends up in a message (SPEC A6).
class UrlPassword
{
public:
    // True when the URL carries a non-empty password.
    static bool isPresent(const QString &url);
    // The URL with its password replaced by "****", for messages and logs.
    static QString masked(const QString &url);
};

} // namespace calloutdesk
