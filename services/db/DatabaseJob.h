#pragma once

#include <QThreadPool>

namespace calloutdesk {

// The thread pool for work that waits on a server without a desk's held connection: the
// search index, a password check's short connection of its own, calloutctl-style work in
// the tests. A desk's database work goes to its ConnectionPool instead.
class DatabaseJob
{
public:
    // Not Qt's global pool: Qt paints large areas with the global pool's threads, and a
    // window whose painting queues behind three slow requests freezes for as long as they
    // take.
    static QThreadPool *pool();
};

} // namespace calloutdesk
