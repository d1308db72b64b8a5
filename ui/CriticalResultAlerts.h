#pragma once

#include "models/AlertThrottle.h"
#include "models/WorklistPage.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace calloutdesk {

// The desk's alert for a new critical result in the person's scope (SPEC T1): a tray
// message where the desktop has a tray, and taskbar attention (QApplication::alert)
// everywhere, at most once per order a minute. Each person switches it on or off for
// themselves; it is on until they do.
class CriticalResultAlerts : public QObject
{
    Q_OBJECT

public:
    explicit CriticalResultAlerts(QWidget *window);

    // Whose switch applies: a key of the person (their login), or empty for nobody.
    void setPerson(const QString &personKey);
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    // These pending rows just became critical. While the desk is locked the message names
    // no order or test: whoever stands at the desk may not be the person signed in.
    void alert(const QList<WorklistRow> &rows, bool locked);

signals:
    // An alert was raised: for these orders, with this message.
    void alerted(const QList<qint64> &orders, const QString &message);
    void enabledChanged(bool enabled);

private:
    QString settingsKey() const;

    QWidget *m_window;
    QPointer<QSystemTrayIcon> m_tray;
    AlertThrottle m_throttle;
    QString m_person;
    bool m_enabled = true;
};

} // namespace calloutdesk
