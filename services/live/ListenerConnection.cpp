#include "ListenerConnection.h"

#include "services/db/DatabaseConnection.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QTimer>

#include <libpq-fe.h>

#include <algorithm>
#include <array>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcLive, "calloutdesk.live", QtInfoMsg)

namespace calloutdesk {

namespace {

// After a failed try: soon at first, for a server restart; then seldom, for an outage, so
// 500 desks do not knock at a server that is down.
constexpr std::array retryMilliseconds{500, 1000, 2000, 5000, 10000, 30000};

} // namespace

ListenerConnection::ListenerConnection(std::shared_ptr<DatabaseLogin> login, qint64 labId)
    : m_login(std::move(login))
    , m_labId(labId)
    , m_gather(new QTimer(this))
    , m_retry(new QTimer(this))
    , m_watch(new QTimer(this))
{
    m_watch->setInterval(watchMilliseconds);
    connect(m_watch, &QTimer::timeout, this, &ListenerConnection::checkConnection);
    m_gather->setSingleShot(true);
    m_gather->setInterval(gatherMilliseconds);
    connect(m_gather, &QTimer::timeout, this, &ListenerConnection::flush);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &ListenerConnection::listen);
}

ListenerConnection::~ListenerConnection() = default;

QString ListenerConnection::channelFor(qint64 labId)
{
    return u"calloutdesk_lab_%1"_s.arg(labId);
}

void ListenerConnection::listen()
{
    if (m_connection)
        return;
    auto opened = DatabaseConnection::open(m_login, tr("Listening for the lab's changes"));
    if (!opened) {
        retryLater(opened.failure().message);
        return;
    }
    m_connection = std::move(opened.value());
    QSqlDriver *driver = m_connection->database().driver();
    connect(driver, &QSqlDriver::notification, this, &ListenerConnection::notified);
    if (!driver->subscribeToNotification(channelFor(m_labId))) {
        const QString reason = driver->lastError().text();
        m_connection.reset();
        retryLater(reason);
        return;
    }
    // The driver reads the notifications when its socket has data; when the server ends
    // the session (a restart, an administrator) that read finds the stream closed and libpq
    // marks the connection bad, and nothing else would tell: the desk would stop being live
    // without a word. Looking at libpq's state costs no round trip.
    m_watch->start();
    m_failedTries = 0;
    const bool resumed = m_listenedBefore;
    m_listenedBefore = true;
    qCInfo(lcLive).noquote() << "listening on" << channelFor(m_labId) << (resumed ? "again" : "");
    emit listening(resumed);
}

void ListenerConnection::listenAgainNow()
{
    // The desk was cut off from the server: a connection that looks open may have died
    // without a word (a network that dropped, not a server that closed), and what changed
    // meanwhile is unknown either way. Listening anew says so (resumed).
    if (m_connection) {
        m_watch->stop();
        m_connection.reset();
    }
    m_retry->stop();
    m_failedTries = 0;
    listen();
}

void ListenerConnection::notified(const QString &name, QSqlDriver::NotificationSource,
                                  const QVariant &payload)
{
    if (name != channelFor(m_labId))
        return;
    QString text = payload.toString();
    const bool critical = text.startsWith(u"critical:"_s);
    if (critical)
        text = text.sliced(9);
    bool ok = false;
    const qint64 order = text.toLongLong(&ok);
    if (!ok) {
        qCWarning(lcLive).noquote() << "ignored a notification:" << payload.toString();
        return;
    }
    m_orders.insert(order);
    if (critical)
        m_newlyCritical.insert(order);
    if (!m_gather->isActive())
        m_gather->start();
}

void ListenerConnection::flush()
{
    OrderChanges changes;
    changes.orders = m_orders.values();
    changes.newlyCritical = m_newlyCritical.values();
    std::sort(changes.orders.begin(), changes.orders.end());
    std::sort(changes.newlyCritical.begin(), changes.newlyCritical.end());
    m_orders.clear();
    m_newlyCritical.clear();
    if (!changes.isEmpty())
        emit ordersChanged(changes);
}

void ListenerConnection::checkConnection()
{
    if (!m_connection)
        return;
    pg_conn *handle = m_connection->postgresHandle();
    if (handle && PQstatus(handle) == CONNECTION_OK)
        return;
    dropConnection();
}

void ListenerConnection::dropConnection()
{
    m_watch->stop();
    const QString reason = tr("The server ended the listening connection.");
    m_connection.reset();
    // What was gathered still changed; what comes next is found by the reload on resuming.
    flush();
    emit lost(reason);
    retryLater(reason);
}

void ListenerConnection::retryLater(const QString &reason)
{
    const int delay = retryMilliseconds[size_t(
        std::min<int>(m_failedTries, int(retryMilliseconds.size()) - 1))];
    ++m_failedTries;
    qCInfo(lcLive).noquote() << "not listening:" << reason << "- trying again in" << delay << "ms";
    m_retry->start(delay);
}

} // namespace calloutdesk
