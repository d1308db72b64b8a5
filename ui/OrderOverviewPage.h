#pragma once

#include "models/OrderOverview.h"
#include "models/SessionScope.h"
#include "services/Failure.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;
class QHBoxLayout;

namespace calloutdesk {

class ConnectionPool;

// One order, opened from the worklist: who it is for, every report the session may see
// with its values (critical ones stand out), and the actions on the chosen report.
// Back returns to the worklist as it was left.
class OrderOverviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit OrderOverviewPage(QWidget *parent = nullptr);
    ~OrderOverviewPage() override;

    void setContext(std::shared_ptr<ConnectionPool> database, const SessionScope &session);
    // Loads the order off the UI thread; focusReportId is selected when it arrives.
    void showOrder(qint64 billId, qint64 focusReportId = 0);
    void reload();
    // The order changed elsewhere while shown (SPEC T1, C6): read it again and say so.
    void reloadChangedElsewhere();

    qint64 billId() const { return m_billId; }
    const std::optional<OrderOverview> &overview() const { return m_overview; }
    std::optional<OrderOverview::Report> selectedReport() const;
    // Where surfaces put their actions on the selected report (callout, sign, approve).
    QHBoxLayout *actionBar() const { return m_actions; }

signals:
    void backRequested();
    void loaded();
    void selectedReportChanged();

private:
    void showOverview(const OrderOverview &overview);
    void showProblem(const QString &message);

    QPushButton *m_back = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_parties = nullptr;
    QLabel *m_state = nullptr;
    QTreeWidget *m_reports = nullptr;
    QHBoxLayout *m_actions = nullptr;
    std::shared_ptr<ConnectionPool> m_database;
    std::optional<SessionScope> m_session;
    qint64 m_billId = 0;
    qint64 m_focusReportId = 0;
    QString m_changedNote; // shown above the reports until another order is shown
    std::optional<OrderOverview> m_overview;
    QFutureWatcher<Result<OrderOverview>> m_watcher;
};

} // namespace calloutdesk
