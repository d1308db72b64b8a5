#include "FilePermissions.h"

#include <linux/capability.h>
#include <sys/prctl.h>

namespace calloutdesk::test {

std::function<void()> FilePermissions::obeyedInChild()
{
    return [] {
        // Root gets every capability of its bounding set back when it starts a program, so
        // they are dropped from that set. Without root the call fails harmlessly: such a
        // process never had them.
        for (const int capability : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH})
            prctl(PR_CAPBSET_DROP, capability, 0, 0, 0);
    };
}

} // namespace calloutdesk::test
