#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace calloutdesk {

// Says when nobody has touched the program for a while (SPEC A5): it watches the
// keyboard and mouse input of the whole application, every window and dialog, not only
// the one that has focus.
class IdleWatch : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatch(QObject *parent = nullptr);

    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout);
    // Watching starts again from now; a stopped watch says nothing (the desk is locked).
    void start();
    void stop();

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    std::chrono::milliseconds m_timeout;
    QElapsedTimer m_sinceInput;
    // Fires when the time could be up, not at every input: a mouse move only notes the time.
    QTimer m_timer;
};

} // namespace calloutdesk
