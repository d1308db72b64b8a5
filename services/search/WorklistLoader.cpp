#include "WorklistLoader.h"

#include "IndexClient.h"
#include "IndexWorklistSource.h"
#include "SqlWorklistSource.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"

#include <QEventLoop>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

WorklistModel::PageOrError pageOrError(const Result<WorklistPage> &page)
{
    if (!page)
        return page.failure().message;
    return page.value();
}

} // namespace

WorklistLoader::WorklistLoader(std::shared_ptr<ConnectionPool> database,
                               std::optional<IndexEndpoint> index)
    : m_database(std::move(database))
    , m_index(std::move(index))
{ }

QFuture<Result<WorklistPage>> WorklistLoader::load(const SessionScope &scope,
                                                   const WorklistQuery &query) const
{
    // Offline, the index is not the desk's to read (it may be as far away as the server):
    // the cache on the reading lane serves the worklist (SPEC O2).
    if (m_index && !(m_database && m_database->readsOffline())) {
        return QtConcurrent::run(DatabaseJob::pool(), [index = *m_index, scope, query] {
            return loadFromIndex(index, scope, query);
        });
    }
    return m_database->run(ConnectionPool::Lane::Reads,
                           [scope, query](DatabaseConnection &connection) {
                               return SqlWorklistSource(connection).fetchNow(scope, query);
                           });
}

WorklistModel::Loader WorklistLoader::forModel(const SessionScope &scope) const
{
    return [loader = *this, scope](const WorklistQuery &query) {
        return loader.load(scope, query).then(pageOrError);
    };
}

WorklistModel::OrdersLoader WorklistLoader::forModelOrders(const SessionScope &scope) const
{
    return [database = m_database, scope](const WorklistQuery &query, const QList<qint64> &orders,
                                          bool withCounts) {
        return database
            ->run(ConnectionPool::Lane::Reads,
                  [scope, query, orders, withCounts](DatabaseConnection &connection) {
                      return SqlWorklistSource(connection)
                          .fetchOrders(scope, query, orders, withCounts);
                  })
            .then(pageOrError);
    };
}

Result<WorklistPage> WorklistLoader::loadFromIndex(const IndexEndpoint &index,
                                                   const SessionScope &scope,
                                                   const WorklistQuery &query)
{
    IndexClient client(index);
    IndexWorklistSource source(client);
    std::optional<Result<WorklistPage>> result;
    QEventLoop loop;
    source.fetch(scope, query, [&](const Result<WorklistPage> &page) {
        result = page;
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

} // namespace calloutdesk
