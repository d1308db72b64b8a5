#include "ConnectionLane.h"

#include "DatabaseLog.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ConnectionLane::ConnectionLane(const QString &name)
    : m_name(name)
{
    m_thread.setObjectName(u"database-"_s + name);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

ConnectionLane::~ConnectionLane()
{
    // Last in the queue: every job posted before it still runs, on the open connection.
    post([](ConnectionLane &lane) {
        lane.m_connection.reset();
        lane.m_standIn.reset();
        lane.m_thread.quit();
    });
    m_thread.wait();
    delete m_context;
}

void ConnectionLane::post(Job job)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_jobs.push_back(std::move(job));
    }
    QMetaObject::invokeMethod(m_context, [this] { drain(); }, Qt::QueuedConnection);
}

void ConnectionLane::drain()
{
    // Reached again from inside a job that waits in an event loop: the job that is
    // running finishes first, and the loop below then runs the rest.
    if (m_running)
        return;
    m_running = true;
    for (;;) {
        Job job;
        {
            const QMutexLocker lock(&m_mutex);
            if (m_jobs.empty())
                break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job(*this);
    }
    m_running = false;
}

Result<DatabaseConnection *> ConnectionLane::connection(const std::shared_ptr<DatabaseLogin> &login)
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    if (!m_connection) {
        auto opened = DatabaseConnection::open(login, m_name);
        if (!opened)
            return opened.failure();
        m_connection = std::move(opened).value();
        ++m_opened;
        return m_connection.get();
    }
    const bool sameLogin = m_connection->login() == login;
    if (sameLogin && !m_connection->isBroken())
        return m_connection.get();
    if (sameLogin)
        qCInfo(lcDatabase) << "connection" << m_name << "was lost; opening it again";
    if (const Status reopened = m_connection->reopen(login); !reopened)
        return reopened.failure();
    ++m_opened;
    return m_connection.get();
}

Result<DatabaseConnection *> ConnectionLane::standIn(const QString &key, const StandInOpener &open)
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    if (m_standIn && m_standInKey == key)
        return m_standIn.get();
    dropStandIn();
    auto opened = open();
    if (!opened)
        return opened.failure();
    m_standIn = std::move(opened).value();
    m_standInKey = key;
    return m_standIn.get();
}

void ConnectionLane::dropStandIn()
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    m_standIn.reset();
    m_standInKey.clear();
}

} // namespace calloutdesk
