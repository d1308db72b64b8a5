#include "ConnectionPool.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ConnectionPool::ConnectionPool(std::shared_ptr<DatabaseLogin> login)
    : m_reads(std::make_unique<ConnectionLane>(u"reads"_s))
    , m_writes(std::make_unique<ConnectionLane>(u"writes"_s))
    , m_login(std::move(login))
{ }

std::shared_ptr<ConnectionPool> ConnectionPool::create(const DatabaseUrl &signedIn)
{
    return create(std::make_shared<DatabaseLogin>(signedIn));
}

std::shared_ptr<ConnectionPool> ConnectionPool::create(std::shared_ptr<DatabaseLogin> login)
{
    return std::make_shared<ConnectionPool>(std::move(login));
}

ConnectionPool::~ConnectionPool()
{
    Q_ASSERT(QThread::currentThread() != m_reads->thread()
             && QThread::currentThread() != m_writes->thread());
    // The lanes run what is queued and close their connections; the login's password goes
    // with its last holder.
    m_reads.reset();
    m_writes.reset();
}

std::shared_ptr<DatabaseLogin> ConnectionPool::login() const
{
    const QMutexLocker lock(&m_mutex);
    return m_login;
}

DatabaseUrl ConnectionPool::url() const
{
    return login()->url();
}

void ConnectionPool::signIn(const DatabaseUrl &signedIn)
{
    auto next = std::make_shared<DatabaseLogin>(signedIn);
    std::shared_ptr<DatabaseLogin> previous;
    {
        const QMutexLocker lock(&m_mutex);
        previous = std::exchange(m_login, std::move(next));
    }
    previous->wipe();
}

void ConnectionPool::lock()
{
    login()->wipe();
}

void ConnectionPool::unlock(const DatabaseUrl &signedIn)
{
    const auto current = login();
    if (signedIn.userName() == current->url().userName())
        current->rearm(signedIn.passwordSecret());
}

bool ConnectionPool::hasSecret() const
{
    return login()->hasSecret();
}

ConnectionLane &ConnectionPool::lane(Lane lane)
{
    return lane == Lane::Reads ? *m_reads : *m_writes;
}

quint64 ConnectionPool::connectionsOpened() const
{
    return m_reads->connectionsOpened() + m_writes->connectionsOpened();
}

void ConnectionPool::setTroubleReporter(TroubleReporter reporter)
{
    const QMutexLocker lock(&m_mutex);
    m_troubleReporter = std::move(reporter);
}

void ConnectionPool::reportTrouble(const Failure &failure)
{
    // A wiped password (the lock) or a refused login is no sign of the server's absence.
    if (failure.kind != Failure::Kind::Unavailable || failure.field == u"password")
        return;
    const QMutexLocker lock(&m_mutex);
    if (m_troubleReporter)
        m_troubleReporter(failure.message);
}

void ConnectionPool::readOffline(OfflineReads reads)
{
    const QMutexLocker lock(&m_mutex);
    m_offlineReads = std::move(reads);
}

void ConnectionPool::readOnline()
{
    {
        const QMutexLocker lock(&m_mutex);
        if (!m_offlineReads)
            return;
        m_offlineReads.reset();
    }
    // The cache's file is not held open while the server serves.
    m_reads->post([](ConnectionLane &on) { on.dropStandIn(); });
}

bool ConnectionPool::readsOffline() const
{
    const QMutexLocker lock(&m_mutex);
    return m_offlineReads.has_value();
}

void ConnectionPool::post(Lane lane, Job job)
{
    if (lane == Lane::Reads) {
        std::optional<OfflineReads> offline;
        {
            const QMutexLocker lock(&m_mutex);
            offline = m_offlineReads;
        }
        if (offline) {
            m_reads->post([offline = std::move(*offline), job = std::move(job)](
                              ConnectionLane &on) { job(on.standIn(offline.key, offline.open)); });
            return;
        }
    }
    // The lanes go before the pool's other members, so `this` outlives every job.
    this->lane(lane).post([this, login = login(), job = std::move(job)](ConnectionLane &on) {
        const Result<DatabaseConnection *> connection = on.connection(login);
        if (!connection)
            reportTrouble(connection.failure());
        job(connection);
        if (connection && connection.value()->isBroken()) {
            reportTrouble(Failure::unavailable(
                QCoreApplication::translate("ConnectionPool",
                                            "The connection to the database server was lost.")));
        }
    });
}

} // namespace calloutdesk
