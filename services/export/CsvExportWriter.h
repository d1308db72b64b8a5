#pragma once

#include "ExportTargetFile.h"
#include "ExportWriter.h"

#include <memory>

namespace calloutdesk {

// The export as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
// hold a comma, a quote or a line break), in UTF-8 with a byte order mark so that Excel
// reads accented names right. The file appears only on finish() (see ExportTargetFile).
class CsvExportWriter : public ExportWriter
{
public:
    // Opens the file for writing now, so an unwritable path is refused before any work.
    static Result<std::unique_ptr<CsvExportWriter>> open(const QString &path);

    Status writeHeader(const QStringList &titles, const QList<double> &widths) override;
    Status writeRow(const QList<ExportCell> &cells) override;
    Status finish() override;

    // One field as written to the file: quoted when needed, and guarded against formula
    // injection (text from outside that a spreadsheet would run as a formula).
    static QString field(const QString &text);

private:
    explicit CsvExportWriter(const QString &path);
    Status writeLine(const QStringList &fields);

    ExportTargetFile m_file;
};

} // namespace calloutdesk
