#include "StallMeter.h"

#include <algorithm>

namespace calloutdesk::test {

StallMeter::StallMeter()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(2);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_last > 0)
            m_gaps << double(now - m_last) / 1e6;
        m_last = now;
    });
}

void StallMeter::start()
{
    m_gaps.clear();
    m_last = 0;
    m_clock.start();
    m_timer.start();
}

double StallMeter::max() const
{
    return m_gaps.isEmpty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end());
}

double StallMeter::p99() const
{
    if (m_gaps.isEmpty())
        return 0;
    QList<double> sorted = m_gaps;
    std::sort(sorted.begin(), sorted.end());
    return sorted.at(qsizetype(0.99 * double(sorted.size() - 1)));
}

} // namespace calloutdesk::test
