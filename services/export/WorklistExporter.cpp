#include "WorklistExporter.h"

#include "CsvExportWriter.h"
#include "ExportColumns.h"
#include "LatestCallouts.h"
#include "XlsxExportWriter.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/ConnectionPool.h"
#include "services/search/SqlWorklistSource.h"
#include "services/search/WorklistLoader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPromise>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WorklistExporter", text);
}

Result<std::unique_ptr<ExportWriter>> openWriter(ExportFormat format, const QString &path)
{
    if (format == ExportFormat::Csv) {
        auto csv = CsvExportWriter::open(path);
        if (!csv)
            return csv.failure();
        return std::unique_ptr<ExportWriter>(std::move(csv).value());
    }
    auto xlsx = XlsxExportWriter::open(path);
    if (!xlsx)
        return xlsx.failure();
    return std::unique_ptr<ExportWriter>(std::move(xlsx).value());
}

} // namespace

WorklistExporter::WorklistExporter(std::optional<IndexEndpoint> index)
    : m_index(std::move(index))
{ }

QFuture<Result<ExportSummary>> WorklistExporter::start(ConnectionPool &database,
                                                       const SessionScope &scope,
                                                       const WorklistQuery &query,
                                                       ExportFormat format,
                                                       const QString &path) const
{
    // One job on the reading lane for the whole export: its dialog is window-modal, so the
    // window asks for nothing else meanwhile.
    // Offline the reading lane serves the cache, whose rows the index does not describe.
    const WorklistExporter exporter = database.readsOffline() ? WorklistExporter() : *this;
    return database.runReporting<Result<ExportSummary>>(
        ConnectionPool::Lane::Reads,
        [exporter, scope, query, format, path](DatabaseConnection &db,
                                               QPromise<Result<ExportSummary>> &promise) {
            Progress progress;
            int range = -1;
            progress.report = [&promise, &range](qint64 done, qint64 total) {
                // QFuture counts progress in int; a view larger than that is not a desk's.
                const int last = int(std::min<qint64>(total, std::numeric_limits<int>::max()));
                if (last != range) {
                    range = last;
                    promise.setProgressRange(0, last);
                }
                promise.setProgressValue(int(std::min<qint64>(done, last)));
            };
            progress.isCancelled = [&promise] {
                promise.suspendIfRequested();
                return promise.isCanceled();
            };
            return exporter.exportNow(db, scope, query, format, path, progress);
        });
}

Result<ExportSummary> WorklistExporter::exportNow(DatabaseConnection &db,
                                                  const SessionScope &scope,
                                                  const WorklistQuery &query, ExportFormat format,
                                                  const QString &path,
                                                  const Progress &progress) const
{
    // Everything the caller gave is checked before a file or the database is touched.
    if (!scope.isValid())
        return Failure::invalidInput(tr("Nobody is signed in; the export needs a session."));
    if (path.trimmed().isEmpty())
        return Failure::invalidInput(tr("Name the file to export to."));
    if (!CriticalStatusInfo::isCalloutStatus(query.tab)) {
        return Failure::invalidInput(
            tr("The worklist has no tab \"%1\".").arg(CriticalStatusInfo::label(query.tab)));
    }
    if (query.from.isValid() && query.to.isValid() && query.to < query.from) {
        return Failure::invalidInput(
            tr("The date range ends (%1) before it starts (%2).")
                .arg(query.to.toString(Qt::ISODate), query.from.toString(Qt::ISODate)));
    }

    QElapsedTimer timer;
    timer.start();
    auto opened = openWriter(format, path);
    if (!opened)
        return opened.failure();
    ExportWriter &writer = *opened.value();
    if (const Status header = writer.writeHeader(ExportColumns::titles(), ExportColumns::widths());
        !header) {
        return header.failure();
    }

    const auto cancelled = [&progress] {
        return progress.isCancelled && progress.isCancelled();
    };
    const auto cancelledSummary = [format] {
        ExportSummary summary;
        summary.format = format;
        summary.cancelled = true;
        return summary;
    };

    WorklistQuery page = query;
    page.pageSize = batchSize;
    page.after.clear();
    ExportSummary summary;
    summary.format = format;
    qint64 total = 0;
    for (bool first = true;; first = false) {
        if (cancelled())
            return cancelledSummary();
        // The worklist's own source, so the file holds what the user sees. Against the
        // database the counts are read once, not with every page.
        WorklistPage rows;
        if (m_index) {
            auto fetched = WorklistLoader::loadFromIndex(*m_index, scope, page);
            if (!fetched)
                return fetched.failure();
            rows = std::move(fetched).value();
        } else {
            SqlWorklistSource source(db);
            const Status read = first ? source.countInto(scope, page, rows) : Status(Done{});
            if (!read)
                return read.failure();
            if (const Status paged = source.pageInto(scope, page, rows); !paged)
                return paged.failure();
        }
        if (first)
            total = rows.total;

        QList<qint64> ids;
        for (const WorklistRow &row : std::as_const(rows.rows))
            ids << row.reportId;
        const auto audit = CalloutAuditReader(db).read(scope, ids);
        if (!audit)
            return audit.failure();
        const QHash<qint64, AuditRow> latest = LatestCallouts::pick(audit.value());

        for (const WorklistRow &row : std::as_const(rows.rows)) {
            const auto found = latest.constFind(row.reportId);
            const std::optional<AuditRow> callout
                = found == latest.cend() ? std::nullopt : std::optional<AuditRow>(*found);
            if (const Status written = writer.writeRow(ExportColumns::cells(row, callout));
                !written) {
                return written.failure();
            }
            ++summary.rows;
        }
        // Rows may arrive while the export runs; the bar never runs past its end.
        total = std::max(total, summary.rows);
        if (progress.report)
            progress.report(summary.rows, total);
        if (!rows.hasMore || rows.rows.isEmpty())
            break;
        page.after = rows.rows.last().cursor;
    }
    if (cancelled())
        return cancelledSummary();
    if (const Status finished = writer.finish(); !finished)
        return finished.failure();
    summary.path = path;
    summary.milliseconds = timer.elapsed();
    return summary;
}

} // namespace calloutdesk
