#include "RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace calloutdesk {

qint64 RetryPolicy::delayAfter(int earlierFailures) const
{
    const double exponential
        = double(firstDelayMs) * std::pow(2.0, std::clamp(earlierFailures, 0, 30));
    const double capped = std::min(exponential, double(maxDelayMs));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return qint64(capped * jitter);
}

} // namespace calloutdesk
