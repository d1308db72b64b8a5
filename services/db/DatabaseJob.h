#pragma once

#include "DatabaseConnection.h"
#include "DatabaseUrl.h"
#include "services/Failure.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

namespace calloutdesk {

// Runs one piece of database work on the I/O thread pool with a connection of its own,
// so the UI thread never waits on the database. The work gets the connection and returns
// a Result; failing to connect is that Result's failure.
class DatabaseJob
{
public:
    // The pool for work that waits on a server (database, index, mail). Not Qt's global
    // pool: Qt paints large areas with the global pool's threads, and a window whose
    // painting queues behind three slow queries freezes for as long as they take.
    static QThreadPool *pool();

    template<typename Work>
    static auto run(const DatabaseUrl &url, const QString &purpose, Work work)
        -> QFuture<std::invoke_result_t<Work, DatabaseConnection &>>
    {
        using R = std::invoke_result_t<Work, DatabaseConnection &>;
        return QtConcurrent::run(pool(), [url, purpose, work = std::move(work)]() -> R {
            auto connection = DatabaseConnection::open(url, purpose);
            if (!connection)
                return connection.failure();
            return work(*connection.value());
        });
    }
};

} // namespace calloutdesk
