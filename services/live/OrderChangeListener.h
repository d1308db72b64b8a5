#pragma once

#include "OrderChanges.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace calloutdesk {

class DatabaseLogin;
class ListenerConnection;

// What makes a desk live (SPEC T1): told by the server, within its lab, which orders
// changed in every commit of any desk or of the laboratory system, without polling. It
// owns the thread of the desk's listening connection (the third connection a desk may
// hold, DESIGN: Access) and tells, on the thread that made it, what changed and when
// listening stopped or resumed. PostgreSQL only: an SQLite database is one desk's.
class OrderChangeListener : public QObject
{
    Q_OBJECT

public:
    OrderChangeListener(std::shared_ptr<DatabaseLogin> login, qint64 labId,
                        QObject *parent = nullptr);
    // Closes the connection on its thread and stops the thread; waits at most for a
    // connection being opened (the login's connect timeout).
    ~OrderChangeListener() override;

    void start();
    // The desk found the server again: listen at once instead of at the next try.
    void listenAgainNow();
    bool isListening() const { return m_listening; }

signals:
    void ordersChanged(const calloutdesk::OrderChanges &changes);
    // `resumed`: after a lost connection; what changed meanwhile is unknown, read it all.
    void listening(bool resumed);
    void lost(const QString &reason);

private:
    QThread m_thread;
    ListenerConnection *m_connection = nullptr; // lives on m_thread
    bool m_listening = false;
};

} // namespace calloutdesk
