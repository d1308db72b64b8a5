#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>

namespace calloutdesk {

// At most one alert per order per interval (SPEC T1: a new critical result alerts the
// desk, and a laboratory system that writes an order's reports one by one must not make
// it ring for each).
class AlertThrottle
{
public:
    explicit AlertThrottle(qint64 intervalSeconds = 60)
        : m_intervalSeconds(intervalSeconds)
    { }

    // The orders that may alert now, in the order given; they count as alerted at `now`.
    QList<qint64> admit(const QList<qint64> &orders, const QDateTime &now);

private:
    qint64 m_intervalSeconds;
    QHash<qint64, QDateTime> m_lastAlerted;
};

} // namespace calloutdesk
