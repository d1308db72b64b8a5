#include "IndexSyncWorker.h"

#include "IndexClient.h"
#include "SearchLog.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/MigrationRunner.h"

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

IndexSyncWorker::IndexSyncWorker(DatabaseUrl database, IndexEndpoint index,
                                 IndexSync::Options options, int intervalMs)
    : m_database(std::move(database))
    , m_index(std::move(index))
    , m_options(std::move(options))
    , m_intervalMs(intervalMs)
{
    m_thread.setObjectName(u"index-sync"_s);
}

IndexSyncWorker::~IndexSyncWorker()
{
    if (m_thread.isRunning()) {
        // Tear down in the worker thread, where the connection and client live.
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_timer;
                m_timer = nullptr;
                m_sync.reset();
                m_client.reset();
                m_connection.reset();
                m_thread.quit();
            },
            Qt::BlockingQueuedConnection);
        m_thread.wait();
    }
}

void IndexSyncWorker::start()
{
    moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, this, &IndexSyncWorker::begin);
    m_thread.start();
}

void IndexSyncWorker::begin()
{
    m_timer = new QTimer;
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &IndexSyncWorker::round);
    m_timer->start();
    round();
}

void IndexSyncWorker::round()
{
    if (m_busy)
        return;
    if (!m_connection) {
        auto opened = DatabaseConnection::open(m_database, u"index-sync"_s);
        if (!opened) {
            emit drained(0, 0, 0, opened.failure().message);
            return;
        }
        m_connection = std::move(opened.value());
        m_client = std::make_unique<IndexClient>(m_index);
        m_sync = std::make_unique<IndexSync>(*m_connection, *m_client, m_options);
    }
    // Upgraded past this program while it ran: stop before writing with the old schema.
    // A failure to read the version is the round's to meet, as any lost connection.
    const Status schema = MigrationRunner(*m_connection).checkNotNewer();
    if (!schema && schema.failure().kind == Failure::Kind::Conflict) {
        m_timer->stop();
        emit stopped(schema.failure().message);
        return;
    }
    m_busy = true;
    m_sync->drainAll([this](const IndexSync::Report &report) {
        m_busy = false;
        if (report.claimed > 0 || report.problem || !m_reported) {
            m_reported = true;
            qCInfo(lcIndex) << "index sync: sent" << report.sent << "retrying" << report.retried
                            << "failed" << report.failed;
            emit drained(report.sent, report.retried, report.failed,
                         report.problem ? report.problem->message : QString());
        }
        // A lost database connection is opened again on the next round.
        if (report.databaseFailed) {
            m_sync.reset();
            m_client.reset();
            m_connection.reset();
        }
    });
}

} // namespace calloutdesk
