#pragma once

#include "models/ComplianceReport.h"
#include "models/Department.h"
#include "services/Failure.h"

#include <QDialog>
#include <QFuture>
#include <QFutureWatcher>

#include <functional>
#include <optional>

class QChartView;
class QComboBox;
class QDateEdit;
class QFileDialog;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace calloutdesk {

// The compliance report in the desk (SPEC T5): a date range and a department, the weekly
// times to notify against the target and the share within target per department as charts,
// the figures as tables, and the breaches, each of which opens its order on double-click.
// The report is computed off the UI thread by the loader the desk gives it, and saved as
// the inspector's PDF page off it too.
class ComplianceWindow : public QDialog
{
    Q_OBJECT

public:
    using Loader = std::function<QFuture<Result<ComplianceReport>>(const ComplianceQuery &)>;

    ComplianceWindow(Loader loader, const QList<Department> &departments,
                     QWidget *parent = nullptr);

    ComplianceQuery query() const;
    void setQuery(const ComplianceQuery &query);
    bool isLoading() const { return m_loadWatcher.isRunning(); }
    // The report on show, once one was read.
    const std::optional<ComplianceReport> &report() const { return m_report; }
    // What the window says about its report: reading, a failure, or what it shows.
    QString statusText() const;

public slots:
    // Reads the report for the range and department chosen; refused, with the reason,
    // for a range that ends before it starts.
    void load();
    void savePdf(const QString &path);

signals:
    // A report was read and shown, or reading it failed (statusText says why).
    void loaded(bool succeeded);
    // A breach was double-clicked.
    void orderRequested(qint64 billId, qint64 reportId);
    void pdfSaved(bool succeeded, const QString &message);
    void pdfFileDialogOpened(QFileDialog *dialog);

private:
    void showReport(const ComplianceReport &report);
    void choosePdfFile();
    void fillFigures(const ComplianceReport &report);
    void fillBreaches(const ComplianceReport &report);

    Loader m_loader;
    std::optional<ComplianceReport> m_report;
    QFutureWatcher<Result<ComplianceReport>> m_loadWatcher;
    QFutureWatcher<Status> m_pdfWatcher;
    QString m_pdfPath;

    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_department = nullptr;
    QPushButton *m_show = nullptr;
    QPushButton *m_savePdf = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_pages = nullptr;
    QChartView *m_weeklyChart = nullptr;
    QChartView *m_shareChart = nullptr;
    QTableWidget *m_figures = nullptr;
    QTableWidget *m_weeks = nullptr;
    QTableWidget *m_breaches = nullptr;
};

} // namespace calloutdesk
