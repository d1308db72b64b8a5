#pragma once

#include <functional>

namespace calloutdesk::test {

// File permissions as an ordinary user meets them, for a test that may run as root: root
// writes into a read-only folder or file unless it gives up the two capabilities that let
// it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). For anyone else they are already absent.
class FilePermissions
{
public:
    // For QProcess::setChildProcessModifier: the child obeys permissions.
    static std::function<void()> obeyedInChild();
};

} // namespace calloutdesk::test
