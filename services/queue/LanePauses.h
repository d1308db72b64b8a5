#pragma once

#include <QDateTime>
#include <QDeadlineTimer>
#include <QList>
#include <QString>
#include <QStringList>

namespace calloutdesk {

// The lanes of a queue (a notification channel) that one worker has stopped sending
// through because its settings were refused (SPEC N4: a configuration failure). A paused
// lane's items wait without their attempts counted; every probeIntervalMs, or at once
// after probeSoon() (the settings changed), the worker tries one item of the lane, and a
// success resumes it. The pauses are the worker's own: another worker whose settings work
// keeps sending.
class LanePauses
{
public:
    struct Pause
    {
        QString lane;
        QString reason;
        QDateTime since;
    };

    explicit LanePauses(qint64 probeIntervalMs = 5 * 60 * 1000);

    // Pauses the lane (again), the next probe one interval from now.
    void pause(const QString &lane, const QString &reason);
    void resume(const QString &lane);
    bool isPaused(const QString &lane) const;
    // Why the lane is paused; empty when it is not.
    QString reason(const QString &lane) const;
    // Of these lanes, those not paused.
    QStringList active(const QStringList &lanes) const;
    // The paused lanes whose probe is due.
    QStringList dueForProbe() const;
    bool anyProbeDue() const { return !dueForProbe().isEmpty(); }
    // Every paused lane is probed on the next round.
    void probeSoon();
    QList<Pause> pauses() const;
    bool isEmpty() const { return m_pauses.isEmpty(); }
    // One line for people: "email paused: <reason>", for each paused lane.
    QString describe() const;

private:
    struct Entry
    {
        Pause pause;
        QDeadlineTimer nextProbe;
    };

    qint64 m_probeIntervalMs;
    QList<Entry> m_pauses;
};

} // namespace calloutdesk
