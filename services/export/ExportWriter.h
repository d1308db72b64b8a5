#pragma once

#include "ExportCell.h"
#include "services/Failure.h"

#include <QList>
#include <QStringList>

namespace calloutdesk {

// A file format of the export: the header once, the rows in order, then finish(), which
// makes the file appear at its final path. Destroying a writer before finish() succeeded
// leaves no file (a failed or cancelled export never leaves half a spreadsheet behind).
class ExportWriter
{
public:
    virtual ~ExportWriter() = default;

    virtual Status writeHeader(const QStringList &titles, const QList<double> &widths) = 0;
    virtual Status writeRow(const QList<ExportCell> &cells) = 0;
    virtual Status finish() = 0;
};

} // namespace calloutdesk
