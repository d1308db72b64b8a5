#include "WorklistExportJob.h"

#include <QProgressDialog>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

WorklistExportJob::WorklistExportJob(QFuture<Result<ExportSummary>> export_, QWidget *window)
    : QObject(window)
{
    m_progress = new QProgressDialog(tr("Exporting the worklist…"), tr("Cancel"), 0, 0, window);
    m_progress->setObjectName(u"exportProgress"_s);
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setWindowModality(Qt::WindowModal);
    // Small exports finish before a dialog would be worth showing.
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);

    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, m_progress,
            &QProgressDialog::setRange);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress,
            &QProgressDialog::setValue);
    connect(m_progress, &QProgressDialog::canceled, this, &WorklistExportJob::cancel);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_progress) {
            // Closing a progress dialog emits canceled(): not a cancel of what has finished.
            disconnect(m_progress, &QProgressDialog::canceled, this, nullptr);
            m_progress->close();
        }
        if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
            emit cancelled();
        } else {
            const Result<ExportSummary> result = m_watcher.result();
            if (!result)
                emit failed(result.failure().message);
            else if (result.value().cancelled)
                emit cancelled();
            else
                emit succeeded(result.value());
        }
        deleteLater();
    });
    m_watcher.setFuture(export_);
}

WorklistExportJob::~WorklistExportJob()
{
    // The export writes through its own file; let it end before its watcher goes.
    m_watcher.cancel();
    m_watcher.waitForFinished();
    delete m_progress;
}

void WorklistExportJob::cancel()
{
    m_watcher.cancel();
}

} // namespace calloutdesk
