#pragma once

#include "services/Failure.h"

#include <QDeadlineTimer>

namespace calloutdesk {

class OutboxQueue;

// Removes a queue's delivered items once their lab's retention has passed (lab
// outbox_retention_days, 30 days unless set), now and then and in small batches, so that
// an outbox does not grow for ever and no prune holds a lock for long.
class OutboxPruner
{
public:
    struct Options
    {
        int batchSize = 500;
        int maxBatches = 20;                // per prune; the rest waits for the next
        qint64 intervalMs = 60 * 60 * 1000; // between prunes
    };

    OutboxPruner();
    explicit OutboxPruner(Options options);

    // The number of items deleted; 0 when no prune is due yet.
    Result<int> pruneIfDue(OutboxQueue &queue);

private:
    Options m_options;
    QDeadlineTimer m_next{0};
};

} // namespace calloutdesk
