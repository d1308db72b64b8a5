#include "LanePauses.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

LanePauses::LanePauses(qint64 probeIntervalMs)
    : m_probeIntervalMs(probeIntervalMs)
{ }

void LanePauses::pause(const QString &lane, const QString &reason)
{
    for (Entry &entry : m_pauses) {
        if (entry.pause.lane == lane) {
            entry.pause.reason = reason;
            entry.nextProbe.setRemainingTime(m_probeIntervalMs);
            return;
        }
    }
    m_pauses.append(
        {{lane, reason, QDateTime::currentDateTime()}, QDeadlineTimer(m_probeIntervalMs)});
}

void LanePauses::resume(const QString &lane)
{
    m_pauses.removeIf([&lane](const Entry &entry) { return entry.pause.lane == lane; });
}

bool LanePauses::isPaused(const QString &lane) const
{
    return std::any_of(m_pauses.cbegin(), m_pauses.cend(),
                       [&lane](const Entry &entry) { return entry.pause.lane == lane; });
}

QString LanePauses::reason(const QString &lane) const
{
    for (const Entry &entry : m_pauses) {
        if (entry.pause.lane == lane)
            return entry.pause.reason;
    }
    return {};
}

QStringList LanePauses::active(const QStringList &lanes) const
{
    QStringList active;
    for (const QString &lane : lanes) {
        if (!isPaused(lane))
            active << lane;
    }
    return active;
}

QStringList LanePauses::dueForProbe() const
{
    QStringList due;
    for (const Entry &entry : m_pauses) {
        if (entry.nextProbe.hasExpired())
            due << entry.pause.lane;
    }
    return due;
}

void LanePauses::probeSoon()
{
    for (Entry &entry : m_pauses)
        entry.nextProbe.setRemainingTime(0);
}

QList<LanePauses::Pause> LanePauses::pauses() const
{
    QList<Pause> pauses;
    for (const Entry &entry : m_pauses)
        pauses << entry.pause;
    return pauses;
}

QString LanePauses::describe() const
{
    QStringList lines;
    for (const Entry &entry : m_pauses) {
        lines << QCoreApplication::translate("LanePauses", "%1 paused: %2")
                     .arg(entry.pause.lane, entry.pause.reason);
    }
    return lines.join(u"; "_s);
}

} // namespace calloutdesk
