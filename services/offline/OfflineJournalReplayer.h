#pragma once

#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/queue/QueueRound.h"
#include "services/queue/RetryPolicy.h"

#include <QString>

#include <optional>

namespace calloutdesk {

class DatabaseConnection;

// Sends the offline journal to the server once it can be reached (SPEC O3): the entries in
// the order they were made, each through the callout engine as the signed-in person, with
// the request id made when Save was pressed (C9). An entry the server has (now, or from a
// replay cut short between the server's COMMIT and the journal's mark) is applied; one the
// server could not take now waits and is tried again later (RetryPolicy), and so does every
// entry made after it; one the server refused (its reports changed meanwhile, C6, or it is
// invalid) goes to "Needs attention" with the server's reason, never applied silently.
class OfflineJournalReplayer
{
public:
    struct Options
    {
        QString worker;
        RetryPolicy retry;
        int batchSize = 20;
        int leaseSeconds = 120;
    };

    struct Report : QueueRound
    {
        // Why the round stopped before the journal was empty: the server's failure.
        std::optional<Failure> problem;
    };

    OfflineJournalReplayer(DatabaseConnection &cache, DatabaseConnection &server,
                           SessionScope scope, Options options);

    // Sends what is due, batch after batch, until nothing is or the server fails.
    Report replay();

private:
    // One batch; false once the round must stop.
    bool replayBatch(Report &report);

    DatabaseConnection &m_cache;
    DatabaseConnection &m_server;
    SessionScope m_scope;
    Options m_options;
};

} // namespace calloutdesk
