#include "ComplianceWindow.h"

#include "ComplianceCharts.h"
#include "models/ComplianceText.h"
#include "services/export/CompliancePdfWriter.h"
#include "services/export/ExportFolder.h"

#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QTableWidget *newTable(const QString &name, const QStringList &titles, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(titles.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(titles);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

void appendRow(QTableWidget *table, const QStringList &cells, int firstNumeric)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column));
        if (column >= firstNumeric)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
}

} // namespace

ComplianceWindow::ComplianceWindow(Loader loader, const QList<Department> &departments,
                                   QWidget *parent)
    : QDialog(parent)
    , m_loader(std::move(loader))
{
    setObjectName(u"complianceWindow"_s);
    setWindowTitle(tr("Compliance report"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    resize(1000, 720);

    auto *layout = new QVBoxLayout(this);
    auto *choice = new QHBoxLayout;
    m_from = new QDateEdit(this);
    m_from->setObjectName(u"complianceFrom"_s);
    m_to = new QDateEdit(this);
    m_to->setObjectName(u"complianceTo"_s);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
    }
    // The last twelve whole weeks and this one: a quarter's trend at a glance.
    const QDate today = QDate::currentDate();
    m_to->setDate(today);
    m_from->setDate(today.addDays(1 - today.dayOfWeek()).addDays(-7 * 12));
    m_department = new QComboBox(this);
    m_department->setObjectName(u"complianceDepartment"_s);
    m_department->addItem(tr("All departments"));
    for (const Department &department : departments)
        m_department->addItem(department.name, department.id);
    m_show = new QPushButton(tr("&Show"), this);
    m_show->setObjectName(u"complianceShow"_s);
    m_show->setDefault(true);
    m_savePdf = new QPushButton(tr("Save as &PDF…"), this);
    m_savePdf->setObjectName(u"complianceSavePdf"_s);
    m_savePdf->setEnabled(false);
    auto *fromLabel = new QLabel(tr("&From"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To"), this);
    toLabel->setBuddy(m_to);
    auto *departmentLabel = new QLabel(tr("&Department"), this);
    departmentLabel->setBuddy(m_department);
    for (QWidget *widget : std::initializer_list<QWidget *>{fromLabel, m_from, toLabel, m_to,
                                                            departmentLabel, m_department, m_show})
        choice->addWidget(widget);
    choice->addStretch();
    choice->addWidget(m_savePdf);
    layout->addLayout(choice);

    m_status = new QLabel(this);
    m_status->setObjectName(u"complianceStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_pages = new QTabWidget(this);
    auto *overview = new QSplitter(Qt::Vertical, m_pages);
    auto *charts = new QSplitter(Qt::Horizontal, overview);
    m_weeklyChart = new QChartView(charts);
    m_weeklyChart->setObjectName(u"complianceWeeklyChart"_s);
    m_weeklyChart->setRenderHint(QPainter::Antialiasing);
    m_shareChart = new QChartView(charts);
    m_shareChart->setObjectName(u"complianceShareChart"_s);
    m_shareChart->setRenderHint(QPainter::Antialiasing);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    for (QChartView *view : {m_weeklyChart, m_shareChart})
        view->setMinimumHeight(280);
    const QStringList figureTitles = ComplianceText::figureTitles();
    m_figures
        = newTable(u"complianceFigures"_s, QStringList{tr("Department")} + figureTitles, overview);
    overview->setStretchFactor(0, 3);
    overview->setStretchFactor(1, 1);
    m_pages->addTab(overview, tr("&Overview"));
    m_weeks = newTable(u"complianceWeeks"_s,
                       QStringList{tr("Department"), tr("Week")} + figureTitles, m_pages);
    m_pages->addTab(m_weeks, tr("&Weeks"));
    m_breaches = newTable(u"complianceBreaches"_s, ComplianceText::breachTitles(), m_pages);
    m_breaches->setToolTip(tr("Double-click a breach to open its order"));
    m_pages->addTab(m_breaches, tr("&Breaches"));
    layout->addWidget(m_pages, 1);

    connect(m_show, &QPushButton::clicked, this, &ComplianceWindow::load);
    connect(m_savePdf, &QPushButton::clicked, this, &ComplianceWindow::choosePdfFile);
    connect(m_breaches, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (!m_report || row < 0 || row >= m_report->breaches.size())
            return;
        const ComplianceBreach &breach = m_report->breaches.at(row);
        emit orderRequested(breach.billId, breach.reportId);
    });
    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_show->setEnabled(true);
        const Result<ComplianceReport> read = m_loadWatcher.result();
        if (!read) {
            m_status->setText(tr("The report could not be read: %1").arg(read.failure().message));
            emit loaded(false);
            return;
        }
        showReport(read.value());
        emit loaded(true);
    });
    connect(&m_pdfWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Status written = m_pdfWatcher.result();
        m_savePdf->setEnabled(m_report.has_value());
        const QString message = written
            ? tr("Saved the report as %1.").arg(QDir::toNativeSeparators(m_pdfPath))
            : written.failure().message;
        m_status->setText(message);
        emit pdfSaved(bool(written), message);
    });
}

ComplianceQuery ComplianceWindow::query() const
{
    ComplianceQuery query{m_from->date(), m_to->date(), std::nullopt};
    if (const QVariant id = m_department->currentData(); id.isValid())
        query.departmentId = id.toLongLong();
    return query;
}

void ComplianceWindow::setQuery(const ComplianceQuery &query)
{
    m_from->setDate(query.from);
    m_to->setDate(query.to);
    const int index = query.departmentId ? m_department->findData(*query.departmentId) : 0;
    m_department->setCurrentIndex(std::max(index, 0));
}

QString ComplianceWindow::statusText() const
{
    return m_status->text();
}

void ComplianceWindow::load()
{
    if (isLoading())
        return;
    const ComplianceQuery chosen = query();
    if (chosen.from > chosen.to) {
        m_status->setText(
            tr("The report cannot end (%1) before it starts (%2).")
                .arg(chosen.to.toString(Qt::ISODate), chosen.from.toString(Qt::ISODate)));
        emit loaded(false);
        return;
    }
    m_show->setEnabled(false);
    m_status->setText(tr("Reading the report for %1…").arg(ComplianceText::period(chosen)));
    m_loadWatcher.setFuture(m_loader(chosen));
}

void ComplianceWindow::showReport(const ComplianceReport &report)
{
    m_report = report;
    m_savePdf->setEnabled(true);
    const ComplianceFigures &lab = report.labTotal;
    m_status->setText(tr("%1, %2: %3 critical reports, %4 within the target of %5 min, "
                         "%6 breaches, %7 still open.")
                          .arg(report.labName, ComplianceText::period(report.query))
                          .arg(lab.criticalReports)
                          .arg(ComplianceText::share(lab.shareWithinTarget()))
                          .arg(report.targetMinutes)
                          .arg(lab.breaches())
                          .arg(lab.stillOpen));
    // setChart takes the new chart; the old one is the view's to delete, and it does not.
    for (auto [view, chart] :
         {std::pair{m_weeklyChart, ComplianceCharts::weeklyTimes(report)},
          std::pair{m_shareChart, ComplianceCharts::shareByDepartment(report)}}) {
        QChart *old = view->chart();
        view->setChart(chart);
        delete old;
    }
    fillFigures(report);
    fillBreaches(report);
}

void ComplianceWindow::fillFigures(const ComplianceReport &report)
{
    m_figures->setRowCount(0);
    m_weeks->setRowCount(0);
    for (const ComplianceDepartment &department : report.departments) {
        appendRow(m_figures,
                  QStringList{department.department.name}
                      + ComplianceText::figureCells(department.total),
                  1);
        for (const ComplianceWeek &week : department.weeks) {
            appendRow(m_weeks,
                      QStringList{department.department.name, week.isoWeek()}
                          + ComplianceText::figureCells(week.figures),
                      2);
        }
    }
    appendRow(m_figures,
              QStringList{tr("Whole lab")} + ComplianceText::figureCells(report.labTotal), 1);
    for (const ComplianceWeek &week : report.labWeeks) {
        appendRow(m_weeks,
                  QStringList{tr("Whole lab"), week.isoWeek()}
                      + ComplianceText::figureCells(week.figures),
                  2);
    }
}

void ComplianceWindow::fillBreaches(const ComplianceReport &report)
{
    m_breaches->setRowCount(0);
    for (const ComplianceBreach &breach : report.breaches)
        appendRow(m_breaches, ComplianceText::breachCells(breach), 6);
    m_pages->setTabText(m_pages->indexOf(m_breaches),
                        tr("&Breaches (%1)").arg(report.breaches.size()));
}

void ComplianceWindow::choosePdfFile()
{
    if (!m_report)
        return;
    const QString name = u"compliance-%1-%2.pdf"_s.arg(m_report->query.from.toString(Qt::ISODate),
                                                       m_report->query.to.toString(Qt::ISODate));
    // Opened, not run in a nested event loop, as the worklist export's.
    auto *dialog = new QFileDialog(this, tr("Save compliance report as PDF"),
                                   ExportFolder::documents(), tr("PDF files (*.pdf)"));
    dialog->setObjectName(u"complianceFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"pdf"_s);
    dialog->selectFile(name);
    connect(dialog, &QFileDialog::fileSelected, this, &ComplianceWindow::savePdf);
    emit pdfFileDialogOpened(dialog);
    dialog->open();
}

void ComplianceWindow::savePdf(const QString &path)
{
    if (!m_report || m_pdfWatcher.isRunning()) {
        emit pdfSaved(false, tr("There is no report to save yet."));
        return;
    }
    m_savePdf->setEnabled(false);
    m_pdfPath = path;
    m_status->setText(tr("Saving the report as %1…").arg(QDir::toNativeSeparators(path)));
    m_pdfWatcher.setFuture(QtConcurrent::run(
        [report = *m_report, path] { return CompliancePdfWriter::write(report, path); }));
}

} // namespace calloutdesk
