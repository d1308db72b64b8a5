#pragma once

#include <QString>

namespace calloutdesk {

// A password from standard input, one line: asked for and not echoed at a terminal, read
// as it comes from a pipe. Never from an argument, where ps and shell history would keep it.
class PasswordInput
{
public:
    static QString read(const QString &prompt);
};

} // namespace calloutdesk
