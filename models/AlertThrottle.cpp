#include "AlertThrottle.h"

namespace calloutdesk {

QList<qint64> AlertThrottle::admit(const QList<qint64> &orders, const QDateTime &now)
{
    // Forget what can no longer hold anything back, so a desk open for weeks does not keep
    // every order it ever alerted for.
    for (auto it = m_lastAlerted.begin(); it != m_lastAlerted.end();) {
        if (it.value().secsTo(now) >= m_intervalSeconds)
            it = m_lastAlerted.erase(it);
        else
            ++it;
    }
    QList<qint64> admitted;
    for (const qint64 order : orders) {
        if (m_lastAlerted.contains(order) || admitted.contains(order))
            continue;
        admitted << order;
        m_lastAlerted.insert(order, now);
    }
    return admitted;
}

} // namespace calloutdesk
