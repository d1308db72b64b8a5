#pragma once

namespace calloutdesk {

// What one round of draining a queue did, item by item; rounds add up.
struct QueueRound
{
    int claimed = 0;
    int sent = 0;    // done
    int retried = 0; // back for later after a transient failure
    int failed = 0;  // failed for good
    int held = 0;    // refused by the server, retried on a long backoff
    int paused = 0;  // put back because its lane is paused on this worker
    // Outcomes not recorded because the claim had run out and another worker took over.
    int lostClaims = 0;

    void add(const QueueRound &other)
    {
        claimed += other.claimed;
        sent += other.sent;
        retried += other.retried;
        failed += other.failed;
        held += other.held;
        paused += other.paused;
        lostClaims += other.lostClaims;
    }
};

} // namespace calloutdesk
