#pragma once

#include "services/Failure.h"
#include "services/export/ExportSummary.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace calloutdesk {

// One running export of the worklist (SPEC U5) as the window shows it: a progress dialog
// that follows the export's rows and whose Cancel stops it; the export itself runs on the
// thread pool. Deletes itself when done.
class WorklistExportJob : public QObject
{
    Q_OBJECT

public:
    WorklistExportJob(QFuture<Result<ExportSummary>> export_, QWidget *window);
    ~WorklistExportJob() override;

    void cancel();

signals:
    // Exactly one of these, then the job goes.
    void succeeded(const calloutdesk::ExportSummary &summary);
    void failed(const QString &message);
    void cancelled();

private:
    QFutureWatcher<Result<ExportSummary>> m_watcher;
    QPointer<QProgressDialog> m_progress;
};

} // namespace calloutdesk
