#pragma once

#include "ExportTargetFile.h"
#include "ExportWriter.h"

#include <QTemporaryDir>

#include <memory>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace calloutdesk {

// The export as an Excel workbook through libxlsxwriter, in constant-memory mode (each row
// goes to disk as it is written, so a lab's whole year costs no more memory than a page):
// bold frozen header row with a filter, column widths, times as real Excel dates whose
// format names their offset from UTC.
// libxlsxwriter 1.1.4 (Debian 12) can only write to a file name, so the workbook is built
// in a private temporary folder, read back whole (XlsxPackageCheck) and copied to the
// target on finish(): the target file appears whole or not at all.
class XlsxExportWriter : public ExportWriter
{
public:
    // Opens the target now, so an unwritable path is refused before any work. The rows go
    // to a first worksheet of that name.
    static Result<std::unique_ptr<XlsxExportWriter>>
    open(const QString &path, const QString &sheetName = QStringLiteral("Worklist"));
    ~XlsxExportWriter() override;

    Status writeHeader(const QStringList &titles, const QList<double> &widths) override;
    Status writeRow(const QList<ExportCell> &cells) override;
    Status finish() override;
    // Ends the current worksheet and starts another one: the next header and rows go there.
    Status addSheet(const QString &name);

private:
    explicit XlsxExportWriter(const QString &path);
    Status check(int error, const QString &what, int systemError = 0) const;
    Status filterSheet();

    ExportTargetFile m_target;
    QTemporaryDir m_workDir;
    QByteArray m_workFile;
    QByteArray m_tmpDir;
    lxw_workbook *m_workbook = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_bold = nullptr;
    lxw_format *m_date = nullptr;
    int m_offsetSeconds = 0; // from UTC, of every time in the file
    quint32 m_nextRow = 0;
    quint16 m_columns = 0;
    quint32 m_firstSheetRows = 0; // once a second sheet is added: the rows of the first
};

} // namespace calloutdesk
