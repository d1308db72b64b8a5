#pragma once

#include "ExportFormat.h"

#include <QString>

namespace calloutdesk {

// What one worklist export wrote.
struct ExportSummary
{
    QString path; // the file written; empty when cancelled
    ExportFormat format = ExportFormat::Csv;
    qint64 rows = 0; // data rows, without the header
    qint64 milliseconds = 0;
    // Cancelled through WorklistExporter::Progress: nothing was written.
    bool cancelled = false;
};

} // namespace calloutdesk
