#include "WorklistLoader.h"

#include "IndexClient.h"
#include "IndexWorklistSource.h"
#include "SqlWorklistSource.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"

#include <QEventLoop>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

WorklistLoader::WorklistLoader(DatabaseUrl database, std::optional<IndexEndpoint> index)
    : m_database(std::move(database))
    , m_index(std::move(index))
{ }

QFuture<Result<WorklistPage>> WorklistLoader::load(const SessionScope &scope,
                                                   const WorklistQuery &query) const
{
    return QtConcurrent::run(DatabaseJob::pool(),
                             [loader = *this, scope, query] { return loader.loadNow(scope, query); });
}

WorklistModel::Loader WorklistLoader::forModel(const SessionScope &scope) const
{
    return [loader = *this, scope](const WorklistQuery &query) {
        return QtConcurrent::run(DatabaseJob::pool(), [loader, scope, query]() -> WorklistModel::PageOrError {
            const Result<WorklistPage> page = loader.loadNow(scope, query);
            if (!page)
                return page.failure().message;
            return page.value();
        });
    };
}

Result<WorklistPage> WorklistLoader::loadNow(const SessionScope &scope,
                                             const WorklistQuery &query) const
{
    if (m_index) {
        IndexClient client(*m_index);
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
    auto connection = DatabaseConnection::open(m_database, u"worklist"_s);
    if (!connection)
        return connection.failure();
    return SqlWorklistSource(*connection.value()).fetchNow(scope, query);
}

} // namespace calloutdesk
