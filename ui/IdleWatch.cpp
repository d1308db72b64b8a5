#include "IdleWatch.h"

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>

using namespace std::chrono_literals;

namespace calloutdesk {

IdleWatch::IdleWatch(QObject *parent)
    : QObject(parent)
    , m_timeout(10min)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatch::check);
    QCoreApplication::instance()->installEventFilter(this);
    m_sinceInput.start();
}

void IdleWatch::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = std::max(timeout, std::chrono::milliseconds(1));
    if (m_timer.isActive())
        check();
}

void IdleWatch::start()
{
    m_sinceInput.restart();
    m_timer.start(m_timeout);
}

void IdleWatch::stop()
{
    m_timer.stop();
}

bool IdleWatch::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
        m_sinceInput.restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void IdleWatch::check()
{
    const auto quiet = std::chrono::milliseconds(m_sinceInput.elapsed());
    if (quiet >= m_timeout) {
        emit idle();
        return;
    }
    m_timer.start(m_timeout - quiet);
}

} // namespace calloutdesk
