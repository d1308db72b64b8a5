#include "CriticalResultAlerts.h"

#include "models/WorklistValueText.h"

#include <QApplication>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CriticalResultAlerts::CriticalResultAlerts(QWidget *window)
    : QObject(window)
    , m_window(window)
{ }

QString CriticalResultAlerts::settingsKey() const
{
    return u"alerts/%1/newCriticalResults"_s.arg(m_person);
}

void CriticalResultAlerts::setPerson(const QString &personKey)
{
    m_person = personKey;
    m_enabled = m_person.isEmpty() || QSettings().value(settingsKey(), true).toBool();
    emit enabledChanged(m_enabled);
}

void CriticalResultAlerts::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    if (!m_person.isEmpty())
        QSettings().setValue(settingsKey(), enabled);
    emit enabledChanged(enabled);
}

void CriticalResultAlerts::alert(const QList<WorklistRow> &rows, bool locked)
{
    if (!m_enabled || rows.isEmpty())
        return;
    QList<qint64> orders;
    for (const WorklistRow &row : rows)
        orders << row.billId;
    const QList<qint64> admitted = m_throttle.admit(orders, QDateTime::currentDateTimeUtc());
    if (admitted.isEmpty())
        return;
    QStringList lines;
    for (const WorklistRow &row : rows) {
        if (!admitted.contains(row.billId))
            continue;
        // The order and the test, not the patient: a tray message shows on a screen others
        // may see.
        lines << (row.criticalParameters.isEmpty()
                      ? tr("%1 · %2").arg(row.labBillId, row.testName)
                      : tr("%1 · %2: %3")
                            .arg(row.labBillId, row.testName,
                                 WorklistValueText::of(row.criticalParameters)));
    }
    const QString title = tr("New critical result");
    const QString message = locked
        ? tr("%n order(s) with a new critical result. Unlock the desk to see them.", nullptr,
             int(admitted.size()))
        : lines.join(u'\n');
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_tray->setToolTip(QApplication::applicationDisplayName());
            connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, [window = m_window] {
                window->showNormal();
                window->raise();
                window->activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning);
    }
    QApplication::alert(m_window);
    emit alerted(admitted, message);
}

} // namespace calloutdesk
