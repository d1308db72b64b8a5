#include "ServerReachability.h"

#include "models/DeskTime.h"

#include <QtConcurrent/QtConcurrentRun>

#include <libpq-fe.h>

#include <vector>

Q_LOGGING_CATEGORY(lcOffline, "calloutdesk.offline", QtInfoMsg)

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ServerReachability::ServerReachability(DatabaseUrl server, Options options, QObject *parent)
    : QObject(parent)
    , m_server(server.withoutPassword())
    , m_options(options)
{
    m_prober.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerReachability::probeNow);
    connect(&m_probe, &QFutureWatcherBase::finished, this, &ServerReachability::probed);
}

ServerReachability::~ServerReachability()
{
    m_probe.waitForFinished();
}

void ServerReachability::start()
{
    probeNow();
}

void ServerReachability::reportTrouble(const QString &reason)
{
    QMetaObject::invokeMethod(
        this,
        [this, reason] {
            qCDebug(lcOffline).noquote() << "a job could not reach the server:" << reason;
            m_timer.stop();
            probeNow();
        },
        Qt::QueuedConnection);
}

Status ServerReachability::probe(const DatabaseUrl &server, int connectTimeoutSeconds)
{
    // The URL's own connection options (sslmode, …) apply to the probe too.
    std::vector<QByteArray> keys{"host", "port", "dbname", "connect_timeout"};
    std::vector<QByteArray> values{server.host().toUtf8(), QByteArray::number(server.port()),
                                   server.databaseName().toUtf8(),
                                   QByteArray::number(connectTimeoutSeconds)};
    if (!server.userName().isEmpty()) {
        keys.emplace_back("user");
        values.push_back(server.userName().toUtf8());
    }
    for (const QString &option : server.connectOptions().split(u';', Qt::SkipEmptyParts)) {
        const QString key = option.section(u'=', 0, 0).trimmed();
        if (key.isEmpty() || key == u"connect_timeout")
            continue;
        keys.push_back(key.toUtf8());
        values.push_back(option.section(u'=', 1).trimmed().toUtf8());
    }
    std::vector<const char *> keywords;
    std::vector<const char *> settings;
    for (size_t i = 0; i < keys.size(); ++i) {
        keywords.push_back(keys[i].constData());
        settings.push_back(values[i].constData());
    }
    keywords.push_back(nullptr);
    settings.push_back(nullptr);
    const QString where = u"%1:%2"_s.arg(server.host()).arg(server.port());
    switch (PQpingParams(keywords.data(), settings.data(), 0)) {
    case PQPING_OK:
        return Done{};
    case PQPING_REJECT:
        return Failure::unavailable(
            tr("The PostgreSQL server at %1 does not accept connections now (it is starting or "
               "stopping).")
                .arg(where));
    case PQPING_NO_RESPONSE:
        return Failure::unavailable(tr("The PostgreSQL server at %1 does not answer.").arg(where));
    case PQPING_NO_ATTEMPT:
        break;
    }
    return Failure::configuration(
        tr("The connection settings for the PostgreSQL server at %1 are wrong.").arg(where));
}

void ServerReachability::assumeOffline(const QDateTime &since, const QString &reason)
{
    goOffline(since, reason);
}

void ServerReachability::goOffline(const QDateTime &since, const QString &reason)
{
    m_problem = reason;
    if (m_offlineSince)
        return;
    m_offlineSince = since;
    qCInfo(lcOffline).noquote() << "offline since" << DeskTime::shown(since) << "—" << reason;
    emit offline(since);
}

void ServerReachability::probeNow()
{
    if (m_probe.isRunning())
        return;
    m_probe.setFuture(QtConcurrent::run(
        &m_prober, [server = m_server, seconds = m_options.connectTimeoutSeconds] {
            return probe(server, seconds);
        }));
}

void ServerReachability::probed()
{
    const Status reached = m_probe.result();
    if (reached) {
        m_problem.clear();
        if (m_offlineSince) {
            m_offlineSince.reset();
            qCInfo(lcOffline).noquote() << "online again:" << m_server.displayString();
            emit online();
        }
    } else {
        goOffline(QDateTime::currentDateTime(), reached.failure().message);
    }
    m_timer.start(m_offlineSince ? m_options.offlineProbeInterval : m_options.onlineProbeInterval);
}

} // namespace calloutdesk
