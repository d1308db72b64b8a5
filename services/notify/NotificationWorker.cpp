#include "NotificationWorker.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/MigrationRunner.h"

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

NotificationWorker::NotificationWorker(DatabaseUrl database, ChannelFactory makeChannels,
                                       NotificationDispatcher::ContentReader readContent,
                                       NotificationDispatcher::Options options, int intervalMs)
    : m_database(std::move(database))
    , m_makeChannels(std::move(makeChannels))
    , m_readContent(std::move(readContent))
    , m_options(std::move(options))
    , m_intervalMs(intervalMs)
{
    m_thread.setObjectName(u"notifications"_s);
}

NotificationWorker::~NotificationWorker()
{
    if (m_thread.isRunning()) {
        // Tear down in the worker thread, where the connection and the channels live.
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_timer;
                m_timer = nullptr;
                m_channels.reset();
                m_connection.reset();
                m_thread.quit();
            },
            Qt::BlockingQueuedConnection);
        m_thread.wait();
    }
}

void NotificationWorker::start()
{
    moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, this, &NotificationWorker::begin);
    m_thread.start();
}

void NotificationWorker::begin()
{
    m_channels = m_makeChannels();
    m_timer = new QTimer;
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &NotificationWorker::round);
    m_timer->start();
    round();
}

void NotificationWorker::round()
{
    if (!m_connection) {
        auto opened = DatabaseConnection::open(m_database, u"notifications"_s);
        if (!opened) {
            emit drained(0, 0, 0, opened.failure().message);
            return;
        }
        m_connection = std::move(opened.value());
    }
    // Upgraded past this program while it ran: stop before writing with the old schema.
    // A failure to read the version is the round's to meet, as any lost connection.
    const Status schema = MigrationRunner(*m_connection).checkNotNewer();
    if (!schema && schema.failure().kind == Failure::Kind::Conflict) {
        m_timer->stop();
        emit stopped(schema.failure().message);
        return;
    }
    NotificationDispatcher dispatcher(*m_connection, m_readContent, *m_channels, m_options);
    // Sends block this thread only: the window keeps its own.
    const NotificationDispatcher::Report report = dispatcher.drainAll();
    if (report.claimed > 0 || !report.problem.isEmpty() || !m_reported) {
        m_reported = true;
        emit drained(report.sent, report.retried, report.failed, report.problem);
    }
    // A lost database connection is opened again on the next round.
    if (!report.problem.isEmpty())
        m_connection.reset();
}

} // namespace calloutdesk
