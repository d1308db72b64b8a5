#pragma once

#include "ExportFormat.h"
#include "ExportSummary.h"
#include "models/SessionScope.h"
#include "models/WorklistQuery.h"
#include "services/Failure.h"
#include "services/search/IndexEndpoint.h"

#include <QFuture>

#include <functional>
#include <memory>
#include <optional>

namespace calloutdesk {

class ConnectionPool;
class DatabaseConnection;

// Exports one worklist view — a session and a query's tab, filters and sort — to CSV or
// XLSX (SPEC U5): every row of the view, page after page from the same source the
// worklist reads (the search index when configured, the database otherwise; visibility V2
// included), each with its Callout Status and latest callout (R5). The file appears only
// when the export succeeded: a failed or cancelled export leaves nothing behind.
class WorklistExporter
{
public:
    // Rows read per worklist page and per batch of callout records.
    static constexpr int batchSize = 500;

    // Optional hooks of exportNow(): progress in rows, and a way to stop early.
    struct Progress
    {
        std::function<void(qint64 done, qint64 total)> report;
        std::function<bool()> isCancelled;
    };

    explicit WorklistExporter(std::optional<IndexEndpoint> index = {});

    // Runs the export on the desk's reading lane. The future reports progress (range 0..rows of
    // the view, value = rows written) for a QFutureWatcher, can be cancelled with
    // QFuture::cancel() (the future then has no result and no file is written), and can
    // be suspended. Its one result is the summary or the failure. query.after and
    // query.pageSize are ignored: the export always covers the whole view.
    QFuture<Result<ExportSummary>> start(ConnectionPool &database, const SessionScope &scope,
                                         const WorklistQuery &query, ExportFormat format,
                                         const QString &path) const;

    // The same in the calling thread on its connection (calloutctl). A cancelled export
    // returns a summary with cancelled set.
    Result<ExportSummary> exportNow(DatabaseConnection &db, const SessionScope &scope,
                                    const WorklistQuery &query,
                                    ExportFormat format, const QString &path,
                                    const Progress &progress = {}) const;

private:
    std::optional<IndexEndpoint> m_index;
};

} // namespace calloutdesk
