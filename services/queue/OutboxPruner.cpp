#include "OutboxPruner.h"

#include "OutboxQueue.h"

namespace calloutdesk {

OutboxPruner::OutboxPruner()
    : OutboxPruner(Options{})
{ }

OutboxPruner::OutboxPruner(Options options)
    : m_options(options)
{ }

Result<int> OutboxPruner::pruneIfDue(OutboxQueue &queue)
{
    if (!m_next.hasExpired())
        return 0;
    int total = 0;
    for (int batch = 0; batch < m_options.maxBatches; ++batch) {
        const auto pruned = queue.prune(m_options.batchSize);
        if (!pruned)
            return pruned.failure();
        total += pruned.value();
        if (pruned.value() < m_options.batchSize)
            break;
    }
    m_next.setRemainingTime(m_options.intervalMs);
    return total;
}

} // namespace calloutdesk
