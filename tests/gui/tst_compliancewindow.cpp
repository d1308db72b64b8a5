// SPEC T5, the compliance window and its printed page, given a report: the charts show
// each week's median and 90th percentile with the target as a line and the share within
// target per department; the tables show every figure; a breach opens its order on
// double-click; a range that ends before it starts is refused without a read; the PDF is
// written whole (more pages for a long breach list) or, for a folder that does not exist,
// not at all, with the reason. The report as the database computes it is tested in
// tst_compliancereport; the window reading it through the desk in tst_compliancedesk.
#include "models/ComplianceText.h"
#include "services/export/CompliancePdfWriter.h"
#include "ui/ComplianceWindow.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

ComplianceFigures figures(int reports, int notified, int within, int open, int openPast,
                          std::optional<double> median, std::optional<double> p90)
{
    ComplianceFigures f;
    f.criticalReports = reports;
    f.notified = notified;
    f.notifiedWithinTarget = within;
    f.stillOpen = open;
    f.openPastTarget = openPast;
    f.medianMinutes = median;
    f.p90Minutes = p90;
    return f;
}

ComplianceBreach breach(qint64 bill, qint64 report, qint64 over, bool open)
{
    ComplianceBreach b;
    b.billId = bill;
    b.reportId = report;
    b.orderNumber = u"RCL-%1"_s.arg(bill);
    b.department = u"Haematology"_s;
    b.test = u"Potassium"_s;
    b.resultOn = QDateTime(QDate(2026, 11, 2), QTime(8, 0));
    if (!open) {
        b.notifiedAt = b.resultOn.addSecs((60 + over) * 60);
        b.notifiedBy = u"Ana Silva"_s;
        b.readBack = bill % 2 == 0;
    }
    b.minutesOver = over;
    return b;
}

ComplianceReport knownReport(int breaches = 2)
{
    ComplianceReport report;
    report.labName = u"Riverside Lab"_s;
    report.targetMinutes = 60;
    report.query = {QDate(2026, 11, 2), QDate(2026, 11, 15), std::nullopt};
    report.producedAt = QDateTime(QDate(2026, 11, 16), QTime(9, 0));
    ComplianceDepartment haematology;
    haematology.department = {3, u"Haematology"_s};
    haematology.weeks = {{QDate(2026, 11, 2), figures(4, 3, 2, 1, 1, 35.0, 80.5)},
                         {QDate(2026, 11, 9), figures(2, 2, 2, 0, 0, 20.0, 29.0)}};
    haematology.total = figures(6, 5, 4, 1, 1, 30.0, 70.25);
    ComplianceDepartment biochemistry;
    biochemistry.department = {5, u"Biochemistry"_s};
    biochemistry.weeks = {{QDate(2026, 11, 9), figures(1, 0, 0, 1, 0, {}, {})}};
    biochemistry.total = figures(1, 0, 0, 1, 0, {}, {});
    report.departments = {biochemistry, haematology};
    report.labWeeks = {{QDate(2026, 11, 2), figures(4, 3, 2, 1, 1, 35.0, 80.5)},
                       {QDate(2026, 11, 9), figures(3, 2, 2, 1, 0, 20.0, 29.0)}};
    report.labTotal = figures(7, 5, 4, 2, 1, 30.0, 70.25);
    for (int i = 0; i < breaches; ++i)
        report.breaches << breach(100 + i, 1000 + i, 500 - i, i % 3 == 0);
    return report;
}

QStringList rowOf(const QTableWidget *table, int row)
{
    QStringList cells;
    for (int column = 0; column < table->columnCount(); ++column)
        cells << table->item(row, column)->text();
    return cells;
}

QList<QPointF> pointsOf(const QChart *chart, const QString &name)
{
    const auto series = chart->series();
    for (QAbstractSeries *one : series) {
        if (one->name() == name)
            return static_cast<QLineSeries *>(one)->points();
    }
    return {};
}

int pagesOf(const QByteArray &pdf)
{
    // Each page object is "/Type /Page", the page tree "/Type /Pages".
    return int(pdf.count("/Type /Page")) - int(pdf.count("/Type /Pages"));
}

} // namespace

class TestComplianceWindow : public QObject
{
    Q_OBJECT

private slots:
    void showsTheReportsFiguresAndCharts()
    {
        QList<ComplianceQuery> asked;
        ComplianceWindow window(
            [&asked](const ComplianceQuery &query) {
                asked << query;
                return QtConcurrent::run([] { return Result<ComplianceReport>(knownReport()); });
            },
            {{3, u"Haematology"_s}, {5, u"Biochemistry"_s}});
        window.show();
        window.setQuery({QDate(2026, 11, 2), QDate(2026, 11, 15), 3});
        QSignalSpy loaded(&window, &ComplianceWindow::loaded);
        window.load();
        QVERIFY(window.isLoading());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().from, QDate(2026, 11, 2));
        QCOMPARE(asked.first().to, QDate(2026, 11, 15));
        QCOMPARE(asked.first().departmentId, std::optional<qint64>(3));

        auto *figures = window.findChild<QTableWidget *>(u"complianceFigures"_s);
        QCOMPARE(figures->rowCount(), 3);
        QCOMPARE(rowOf(figures, 1),
                 (QStringList{u"Haematology"_s, u"6"_s, u"5"_s, u"30.0"_s, u"70.3"_s, u"66.6 %"_s,
                              u"1"_s, u"2"_s}));
        // No notified and none past the target: no times and no share, not zeros.
        QCOMPARE(rowOf(figures, 0),
                 (QStringList{u"Biochemistry"_s, u"1"_s, u"0"_s, u"–"_s, u"–"_s, u"–"_s, u"1"_s,
                              u"0"_s}));
        QCOMPARE(rowOf(figures, 2).first(), u"Whole lab"_s);
        auto *weeks = window.findChild<QTableWidget *>(u"complianceWeeks"_s);
        QCOMPARE(weeks->rowCount(), 5);
        QCOMPARE(rowOf(weeks, 0).mid(0, 4),
                 (QStringList{u"Biochemistry"_s, u"2026-W46"_s, u"1"_s, u"0"_s}));
        QCOMPARE(rowOf(weeks, 3).mid(0, 3), (QStringList{u"Whole lab"_s, u"2026-W45"_s, u"4"_s}));

        const QChart *weekly = window.findChild<QChartView *>(u"complianceWeeklyChart"_s)->chart();
        QCOMPARE(pointsOf(weekly, u"Median"_s), (QList<QPointF>{{0, 35.0}, {1, 20.0}}));
        QCOMPARE(pointsOf(weekly, u"90th percentile"_s), (QList<QPointF>{{0, 80.5}, {1, 29.0}}));
        QCOMPARE(pointsOf(weekly, u"Target 60 min"_s), (QList<QPointF>{{0, 60.0}, {1, 60.0}}));
        const QChart *share = window.findChild<QChartView *>(u"complianceShareChart"_s)->chart();
        QCOMPARE(share->series().size(), 1);
        const QBarSet *bars
            = static_cast<QHorizontalBarSeries *>(share->series().first())->barSets().first();
        QCOMPARE(bars->count(), 2);
        QCOMPARE(bars->at(0), 0.0);  // Biochemistry: none judged
        QCOMPARE(bars->at(1), 66.6); // Haematology: 4 within of 6 judged, floored as the table

        QVERIFY(window.statusText().contains(u"7 critical reports"_s));
        QVERIFY(window.findChild<QPushButton *>(u"complianceSavePdf"_s)->isEnabled());
    }

    void aBreachOpensItsOrder()
    {
        ComplianceWindow window(
            [](const ComplianceQuery &) {
                return QtConcurrent::run([] { return Result<ComplianceReport>(knownReport(3)); });
            },
            {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&window, &ComplianceWindow::loaded);
        window.load();
        QVERIFY(loaded.wait(10000));
        auto *breaches = window.findChild<QTableWidget *>(u"complianceBreaches"_s);
        QCOMPARE(breaches->rowCount(), 3);
        QCOMPARE(rowOf(breaches, 1),
                 (QStringList{u"RCL-101"_s, u"Potassium"_s, u"Haematology"_s, u"2026-11-02 08:00"_s,
                              u"2026-11-02 17:19"_s, u"Ana Silva"_s, u"499"_s, u"no"_s}));
        QCOMPARE(rowOf(breaches, 0).at(4), u"still open"_s);
        window.findChild<QTabWidget *>()->setCurrentWidget(breaches);
        QSignalSpy opened(&window, &ComplianceWindow::orderRequested);
        const QRect cell = breaches->visualItemRect(breaches->item(2, 0));
        // The view takes a double-click only on the row the press before it chose.
        QTest::mouseClick(breaches->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(breaches->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).toLongLong(), 102);
        QCOMPARE(opened.first().at(1).toLongLong(), 1002);
    }

    void aRangeEndingBeforeItStartsIsRefused()
    {
        int reads = 0;
        ComplianceWindow window(
            [&reads](const ComplianceQuery &) {
                ++reads;
                return QtConcurrent::run([] { return Result<ComplianceReport>(knownReport()); });
            },
            {});
        window.setQuery({QDate(2026, 11, 15), QDate(2026, 11, 2), std::nullopt});
        QSignalSpy loaded(&window, &ComplianceWindow::loaded);
        window.load();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().first().toBool(), false);
        QCOMPARE(reads, 0);
        QCOMPARE(window.statusText(),
                 u"The report cannot end (2026-11-02) before it starts (2026-11-15)."_s);
        QVERIFY(!window.report());
    }

    void aFailedReadSaysWhy()
    {
        ComplianceWindow window(
            [](const ComplianceQuery &) {
                return QtConcurrent::run([] {
                    return Result<ComplianceReport>(
                        Failure::unavailable(u"the server went away"_s));
                });
            },
            {});
        QSignalSpy loaded(&window, &ComplianceWindow::loaded);
        window.load();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY(window.statusText().contains(u"the server went away"_s));
        QVERIFY(!window.findChild<QPushButton *>(u"complianceSavePdf"_s)->isEnabled());
    }

    void savesThePageAsPdf()
    {
        ComplianceWindow window(
            [](const ComplianceQuery &) {
                return QtConcurrent::run([] { return Result<ComplianceReport>(knownReport()); });
            },
            {});
        QSignalSpy loaded(&window, &ComplianceWindow::loaded);
        window.load();
        QVERIFY(loaded.wait(10000));
        QTemporaryDir folder;
        const QString path = folder.filePath(u"compliance.pdf"_s);
        QSignalSpy saved(&window, &ComplianceWindow::pdfSaved);
        window.savePdf(path);
        QVERIFY(saved.wait(20000));
        QCOMPARE(saved.first().first().toBool(), true);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pagesOf(pdf), 1);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList{u"compliance.pdf"_s});
    }

    void aLongBreachListRunsOntoMorePages()
    {
        const QByteArray few = CompliancePdfWriter::render(knownReport(2));
        const QByteArray many = CompliancePdfWriter::render(knownReport(300));
        QCOMPARE(pagesOf(few), 1);
        // About 60 rows a page: 300 breaches need five pages or more after the first.
        QVERIFY2(pagesOf(many) >= 6, QByteArray::number(pagesOf(many)));
    }

    void aPdfThatCannotBeWrittenSaysWhyAndLeavesNothing()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(u"missing/compliance.pdf"_s);
        const Status written = CompliancePdfWriter::write(knownReport(), path);
        QVERIFY(!written);
        QVERIFY2(written.failure().message.contains(u"missing"_s),
                 qPrintable(written.failure().message));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot),
                 QStringList());
    }

    void sharesAreFlooredAndMissingFiguresAreDashes()
    {
        QCOMPARE(ComplianceText::share(0.9996), u"99.9 %"_s);
        QCOMPARE(ComplianceText::share(1.0), u"100.0 %"_s);
        QCOMPARE(ComplianceText::share(0.8), u"80.0 %"_s);
        QCOMPARE(ComplianceText::share(2.0 / 3), u"66.6 %"_s);
        QCOMPARE(ComplianceText::share(std::nullopt), u"–"_s);
        QCOMPARE(ComplianceText::minutes(70.25), u"70.3"_s);
        QCOMPARE(ComplianceText::minutes(std::nullopt), u"–"_s);
    }
};

QTEST_MAIN(TestComplianceWindow)
#include "tst_compliancewindow.moc"
