#pragma once

#include "services/search/IndexEndpoint.h"

#include <QCoreApplication>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;

// `calloutctl sync` sends committed changes to the search index (SPEC E4, E5) or shows
// what waits (--status); `calloutctl index rebuild` queues every order first.
class IndexCommand
{
    Q_DECLARE_TR_FUNCTIONS(calloutctl)

public:
    IndexCommand(DatabaseConnection &db, CommandOutput &output);

    int showStatus();
    // Sends until nothing is due when `once`, else keeps sending every few seconds.
    int send(const IndexEndpoint &endpoint, bool rebuild, bool once);

private:
    DatabaseConnection &m_db;
    CommandOutput &m_output;
};

} // namespace calloutdesk
