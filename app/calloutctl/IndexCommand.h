#pragma once

#include "services/search/IndexEndpoint.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class IndexClient;

// `calloutctl sync` sends committed changes to the search index (SPEC E4, E5), shows what
// waits (--status) or sends what the index refused again (--retry-failed);
// `calloutctl index rebuild` queues every order first, which also
// fills the per-lab indices from the database; `calloutctl index api-key` makes the key a
// lab's desks use.
class IndexCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    IndexCommand(DatabaseConnection &db, CommandOutput &output);

    int showStatus();
    // The updates of this lab that the index refused are due again now.
    int retryFailed(qint64 labId);
    // Sends until nothing is due when `once`, else keeps sending every few seconds.
    int send(const IndexEndpoint &endpoint, bool rebuild, bool once);
    // With the administrator's credential in `endpoint`; prints the key once.
    int createApiKey(const IndexEndpoint &endpoint, qint64 labId, const QString &name);

private:
    // The exit code after sending: says how many orders are not in the index, and why.
    int outcome(int refused);
    // After a rebuild: says if the one index all labs shared before still exists.
    void warnAboutSharedIndex(IndexClient &client);

    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
