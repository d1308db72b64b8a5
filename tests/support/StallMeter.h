#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace calloutdesk::test {

// Ticks every few milliseconds; the longest gap between two ticks is the longest time the
// UI thread was busy with something else (the benchmarks' "stall").
class StallMeter : public QObject
{
public:
    StallMeter();
    void start();
    void stop() { m_timer.stop(); }
    double max() const;
    double p99() const;
    qsizetype ticks() const { return m_gaps.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_gaps;
};

} // namespace calloutdesk::test
