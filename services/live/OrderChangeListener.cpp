#include "OrderChangeListener.h"

#include "ListenerConnection.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

OrderChangeListener::OrderChangeListener(std::shared_ptr<DatabaseLogin> login, qint64 labId,
                                         QObject *parent)
    : QObject(parent)
    , m_connection(new ListenerConnection(std::move(login), labId))
{
    qRegisterMetaType<calloutdesk::OrderChanges>();
    m_thread.setObjectName(u"live listener"_s);
    m_connection->moveToThread(&m_thread);
    // Deleted on its own thread, where its database connection must be closed.
    connect(&m_thread, &QThread::finished, m_connection, &QObject::deleteLater);
    connect(m_connection, &ListenerConnection::ordersChanged, this,
            &OrderChangeListener::ordersChanged);
    connect(m_connection, &ListenerConnection::listening, this, [this](bool resumed) {
        m_listening = true;
        emit listening(resumed);
    });
    connect(m_connection, &ListenerConnection::lost, this, [this](const QString &reason) {
        m_listening = false;
        emit lost(reason);
    });
}

OrderChangeListener::~OrderChangeListener()
{
    m_thread.quit();
    m_thread.wait();
}

void OrderChangeListener::start()
{
    if (!m_thread.isRunning())
        m_thread.start();
    QMetaObject::invokeMethod(m_connection, &ListenerConnection::listen, Qt::QueuedConnection);
}

void OrderChangeListener::listenAgainNow()
{
    QMetaObject::invokeMethod(m_connection, &ListenerConnection::listenAgainNow,
                              Qt::QueuedConnection);
}

} // namespace calloutdesk
