#pragma once

#include <QtGlobal>

namespace calloutdesk {

// How long an item waits before it is tried again: doubling from firstDelayMs up to
// maxDelayMs, with a random ±20 % so that workers that failed together do not retry
// together. maxAttempts > 0 gives up after that many failed attempts; 0 never does.
struct RetryPolicy
{
    qint64 firstDelayMs = 30 * 1000;
    qint64 maxDelayMs = 60 * 60 * 1000;
    int maxAttempts = 0;

    // The delay after a failure, `earlierFailures` failures having come before it.
    qint64 delayAfter(int earlierFailures) const;
    // Whether a failure that makes `failedAttempts` in all means giving up.
    bool givesUpAt(int failedAttempts) const
    {
        return maxAttempts > 0 && failedAttempts >= maxAttempts;
    }
};

} // namespace calloutdesk
