#include "ComplianceExporter.h"

#include "CompliancePdfWriter.h"
#include "CsvExportWriter.h"
#include "ExportTargetFile.h"
#include "XlsxExportWriter.h"
#include "models/ComplianceText.h"
#include "models/DeskTime.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString minutesText(const std::optional<double> &minutes)
{
    return minutes ? QString::number(*minutes, 'f', 1) : QString();
}

QString shareText(const std::optional<double> &share)
{
    return share ? QString::number(ComplianceText::percent(*share), 'f', 1) : QString();
}

QList<ExportCell> figureCells(const QString &department, const QString &week, const QDate &monday,
                              const ComplianceFigures &figures)
{
    QList<ExportCell> cells{ExportCell::fromText(department), ExportCell::fromText(week),
                            ExportCell::fromText(monday.toString(Qt::ISODate))};
    for (const int count :
         {figures.criticalReports, figures.notified, figures.notifiedWithinTarget})
        cells << ExportCell::fromText(QString::number(count));
    cells << ExportCell::fromText(shareText(figures.shareWithinTarget()))
          << ExportCell::fromText(minutesText(figures.medianMinutes))
          << ExportCell::fromText(minutesText(figures.p90Minutes));
    for (const int count : {figures.stillOpen, figures.openPastTarget, figures.breaches()})
        cells << ExportCell::fromText(QString::number(count));
    return cells;
}

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonObject figuresJson(const ComplianceFigures &figures)
{
    return {{u"critical_reports"_s, figures.criticalReports},
            {u"notified"_s, figures.notified},
            {u"notified_within_target"_s, figures.notifiedWithinTarget},
            {u"still_open"_s, figures.stillOpen},
            {u"open_past_target"_s, figures.openPastTarget},
            {u"breaches"_s, figures.breaches()},
            {u"share_within_target"_s, optionalNumber(figures.shareWithinTarget())},
            {u"median_minutes"_s, optionalNumber(figures.medianMinutes)},
            {u"p90_minutes"_s, optionalNumber(figures.p90Minutes)}};
}

QJsonArray weeksJson(const QList<ComplianceWeek> &weeks)
{
    QJsonArray array;
    for (const ComplianceWeek &week : weeks) {
        array.append(QJsonObject{{u"week"_s, week.isoWeek()},
                                 {u"monday"_s, week.monday.toString(Qt::ISODate)},
                                 {u"figures"_s, figuresJson(week.figures)}});
    }
    return array;
}

} // namespace

QString ComplianceExporter::formatKey(Format format)
{
    switch (format) {
    case Format::Csv:
        return u"csv"_s;
    case Format::Json:
        return u"json"_s;
    case Format::Xlsx:
        return u"xlsx"_s;
    case Format::Pdf:
        return u"pdf"_s;
    }
    return {};
}

std::optional<ComplianceExporter::Format> ComplianceExporter::formatFromKey(const QString &key)
{
    for (const Format format : {Format::Csv, Format::Json, Format::Xlsx, Format::Pdf})
        if (formatKey(format) == key.trimmed().toLower())
            return format;
    return std::nullopt;
}

QStringList ComplianceExporter::formatKeys()
{
    return {formatKey(Format::Csv), formatKey(Format::Json), formatKey(Format::Xlsx),
            formatKey(Format::Pdf)};
}

QString ComplianceExporter::breachesPath(const QString &path)
{
    QString base = path;
    if (base.endsWith(u".csv"_s, Qt::CaseInsensitive))
        base.chop(4);
    return base + u"-breaches.csv"_s;
}

QStringList ComplianceExporter::paths(Format format, const QString &path)
{
    if (format == Format::Csv)
        return {path, breachesPath(path)};
    return {path};
}

QJsonObject ComplianceExporter::toJson(const ComplianceReport &report)
{
    QJsonArray departments;
    for (const ComplianceDepartment &department : report.departments) {
        departments.append(QJsonObject{{u"id"_s, department.department.id},
                                       {u"name"_s, department.department.name},
                                       {u"weeks"_s, weeksJson(department.weeks)},
                                       {u"total"_s, figuresJson(department.total)}});
    }
    QJsonArray breaches;
    for (const ComplianceBreach &breach : report.breaches) {
        breaches.append(QJsonObject{
            {u"bill_id"_s, breach.billId},
            {u"order"_s, breach.orderNumber},
            {u"report_id"_s, breach.reportId},
            {u"department"_s, breach.department},
            {u"test"_s, breach.test},
            {u"result_on"_s, DeskTime::exported(breach.resultOn)},
            {u"notified_at"_s,
             breach.isOpen() ? QJsonValue() : QJsonValue(DeskTime::exported(breach.notifiedAt))},
            {u"notified_by"_s, breach.isOpen() ? QJsonValue() : QJsonValue(breach.notifiedBy)},
            {u"open"_s, breach.isOpen()},
            {u"minutes_over"_s, breach.minutesOver},
            {u"read_back"_s, breach.readBack}});
    }
    return {{u"lab"_s, report.labName},
            {u"target_minutes"_s, report.targetMinutes},
            {u"from"_s, report.query.from.toString(Qt::ISODate)},
            {u"to"_s, report.query.to.toString(Qt::ISODate)},
            {u"department_id"_s,
             report.query.departmentId ? QJsonValue(*report.query.departmentId) : QJsonValue()},
            {u"produced_at"_s, DeskTime::exported(report.producedAt)},
            {u"departments"_s, departments},
            {u"lab_weeks"_s, weeksJson(report.labWeeks)},
            {u"lab_total"_s, figuresJson(report.labTotal)},
            {u"breaches"_s, breaches}};
}

Status ComplianceExporter::write(const ComplianceReport &report, Format format,
                                 const QString &path) const
{
    switch (format) {
    case Format::Csv:
        return writeCsv(report, path);
    case Format::Json:
        return writeJson(report, path);
    case Format::Xlsx:
        return writeXlsx(report, path);
    case Format::Pdf:
        return CompliancePdfWriter::write(report, path);
    }
    return Failure::internal(tr("Unknown format of the compliance report."));
}

Status ComplianceExporter::writeFigures(const ComplianceReport &report, ExportWriter &writer)
{
    if (Status header = writer.writeHeader(
            {tr("Department"), tr("Week"), tr("Week starts"), tr("Critical reports"),
             tr("Notified"), tr("Notified within target"), tr("Within target (%)"),
             tr("Median minutes"), tr("90th percentile minutes"), tr("Still open"),
             tr("Open past target"), tr("Breaches")},
            {24, 14, 12, 10, 10, 12, 12, 10, 12, 10, 10, 10});
        !header) {
        return header;
    }
    const QString wholePeriod = tr("Whole period");
    const auto rows = [&](const QString &name, const QList<ComplianceWeek> &weeks,
                          const ComplianceFigures &total) -> Status {
        for (const ComplianceWeek &week : weeks)
            if (Status row
                = writer.writeRow(figureCells(name, week.isoWeek(), week.monday, week.figures));
                !row)
                return row;
        return writer.writeRow(figureCells(name, wholePeriod, report.query.from, total));
    };
    for (const ComplianceDepartment &department : report.departments)
        if (Status written = rows(department.department.name, department.weeks, department.total);
            !written)
            return written;
    return rows(tr("All departments"), report.labWeeks, report.labTotal);
}

Status ComplianceExporter::writeBreaches(const ComplianceReport &report, ExportWriter &writer)
{
    if (Status header = writer.writeHeader(
            {tr("Order"), tr("Report"), tr("Department"), tr("Test"), tr("Result time"),
             tr("Callout time"), tr("Called out by"), tr("Minutes over"), tr("Read back")},
            {14, 10, 20, 28, 22, 22, 20, 10, 10});
        !header) {
        return header;
    }
    for (const ComplianceBreach &breach : report.breaches) {
        if (Status row = writer.writeRow(
                {ExportCell::fromText(breach.orderNumber),
                 ExportCell::fromText(QString::number(breach.reportId)),
                 ExportCell::fromText(breach.department), ExportCell::fromText(breach.test),
                 ExportCell::fromTime(breach.resultOn),
                 // A null time is an empty cell: the report is still open.
                 ExportCell::fromTime(breach.notifiedAt),
                 ExportCell::fromText(breach.isOpen() ? tr("(still open)") : breach.notifiedBy),
                 ExportCell::fromText(QString::number(breach.minutesOver)),
                 ExportCell::fromText(breach.readBack ? tr("yes") : tr("no"))});
            !row) {
            return row;
        }
    }
    return Done{};
}

Status ComplianceExporter::writeCsv(const ComplianceReport &report, const QString &path) const
{
    // Both files are opened and written before either appears.
    auto figures = CsvExportWriter::open(path);
    if (!figures)
        return figures.failure();
    auto breaches = CsvExportWriter::open(breachesPath(path));
    if (!breaches)
        return breaches.failure();
    if (Status written = writeFigures(report, *figures.value()); !written)
        return written;
    if (Status written = writeBreaches(report, *breaches.value()); !written)
        return written;
    if (Status finished = breaches.value()->finish(); !finished)
        return finished;
    return figures.value()->finish();
}

Status ComplianceExporter::writeXlsx(const ComplianceReport &report, const QString &path) const
{
    auto writer = XlsxExportWriter::open(path, tr("Compliance"));
    if (!writer)
        return writer.failure();
    if (Status written = writeFigures(report, *writer.value()); !written)
        return written;
    if (Status added = writer.value()->addSheet(tr("Breaches")); !added)
        return added;
    if (Status written = writeBreaches(report, *writer.value()); !written)
        return written;
    return writer.value()->finish();
}

Status ComplianceExporter::writeJson(const ComplianceReport &report, const QString &path) const
{
    ExportTargetFile file(path);
    if (Status opened = file.open(); !opened)
        return opened;
    if (Status written = file.write(QJsonDocument(toJson(report)).toJson()); !written)
        return written;
    return file.commit();
}

} // namespace calloutdesk
