#include "XlsxExportWriter.h"

#include "XlsxPackageCheck.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTimeZone>

#include <xlsxwriter.h>

#include <cerrno>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("XlsxExportWriter", text);
}

// Excel keeps at most this many characters in a cell; libxlsxwriter refuses longer ones.
constexpr qsizetype maxCellLength = 32767;

} // namespace

XlsxExportWriter::XlsxExportWriter(const QString &path)
    : m_target(path)
{ }

XlsxExportWriter::~XlsxExportWriter()
{
    // Not finished: free the workbook without writing it. The temporary folder goes with
    // this object and the QSaveFile discards its own temporary file.
    if (m_workbook)
        lxw_workbook_free(m_workbook);
}

Result<std::unique_ptr<XlsxExportWriter>> XlsxExportWriter::open(const QString &path,
                                                                 const QString &sheetName)
{
    std::unique_ptr<XlsxExportWriter> writer(new XlsxExportWriter(path));
    if (const Status opened = writer->m_target.open(); !opened)
        return opened.failure();
    if (!writer->m_workDir.isValid()) {
        return Failure::unavailable(tr("Cannot create a temporary folder for the export: %1.")
                                        .arg(writer->m_workDir.errorString()));
    }
    writer->m_workFile = QFile::encodeName(writer->m_workDir.filePath(u"export.xlsx"_s));
    writer->m_tmpDir = QFile::encodeName(writer->m_workDir.path());
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    // Its row files next to the workbook, not in /tmp, which may be a small RAM disk.
    options.tmpdir = writer->m_tmpDir.data();
    // A very large export can pass the 4 GB limit of a plain zip file.
    options.use_zip64 = LXW_TRUE;
    writer->m_workbook = workbook_new_opt(writer->m_workFile.constData(), &options);
    if (!writer->m_workbook)
        return Failure::internal(tr("The spreadsheet library could not start a workbook."));
    writer->m_sheet = workbook_add_worksheet(writer->m_workbook, sheetName.toUtf8().constData());
    writer->m_bold = workbook_add_format(writer->m_workbook);
    format_set_bold(writer->m_bold);
    writer->m_date = workbook_add_format(writer->m_workbook);
    // Excel dates have no time zone (SPEC U12): every time of the file is given at the
    // desk's offset when it exports, and each date cell says which, "2026-12-01 14:39:23
    // UTC+01:00", while it stays a real date to sort and filter by.
    writer->m_offsetSeconds = QDateTime::currentDateTime().offsetFromUtc();
    const QByteArray dateFormat
        = "yyyy-mm-dd hh:mm:ss \"" + QTimeZone(writer->m_offsetSeconds).id() + '"';
    format_set_num_format(writer->m_date, dateFormat.constData());
    if (!writer->m_sheet || !writer->m_bold || !writer->m_date)
        return Failure::internal(tr("The spreadsheet library could not start a worksheet."));
    return writer;
}

Status XlsxExportWriter::check(int error, const QString &what, int systemError) const
{
    if (error == LXW_NO_ERROR)
        return Done{};
    QString reason = QString::fromUtf8(lxw_strerror(lxw_error(error)));
    if (reason.endsWith(u'.'))
        reason.chop(1);
    // A file error of the library comes from the system, whose reason (a full disk, a
    // file-size limit) is what the user can act on.
    if (systemError != 0)
        reason += u" ("_s + qt_error_string(systemError) + u')';
    return m_target.failure(tr("the spreadsheet library failed at %1: %2").arg(what, reason));
}

Status XlsxExportWriter::writeHeader(const QStringList &titles, const QList<double> &widths)
{
    m_columns = quint16(titles.size());
    for (qsizetype column = 0; column < widths.size(); ++column) {
        const auto c = lxw_col_t(column);
        if (Status set = check(worksheet_set_column(m_sheet, c, c, widths.at(column), nullptr),
                               tr("column widths"));
            !set) {
            return set;
        }
    }
    // Constant-memory mode writes rows in order: the header row is the first one.
    worksheet_freeze_panes(m_sheet, 1, 0);
    for (qsizetype column = 0; column < titles.size(); ++column) {
        if (Status written
            = check(worksheet_write_string(m_sheet, 0, lxw_col_t(column),
                                           titles.at(column).toUtf8().constData(), m_bold),
                    tr("header"));
            !written) {
            return written;
        }
    }
    m_nextRow = 1;
    return Done{};
}

Status XlsxExportWriter::writeRow(const QList<ExportCell> &cells)
{
    const lxw_row_t row = m_nextRow;
    for (qsizetype column = 0; column < cells.size(); ++column) {
        const ExportCell &cell = cells.at(column);
        const auto c = lxw_col_t(column);
        lxw_error error = LXW_NO_ERROR;
        if (cell.isTime) {
            if (!cell.time.isValid())
                continue;
            // At the offset the date format names, in whole seconds like the CSV (Excel
            // would round the milliseconds up when it shows seconds, and the two files
            // would disagree).
            const QDateTime local = cell.time.toOffsetFromUtc(m_offsetSeconds);
            lxw_datetime when{local.date().year(),   local.date().month(),
                              local.date().day(),    local.time().hour(),
                              local.time().minute(), double(local.time().second())};
            error = worksheet_write_datetime(m_sheet, row, c, &when, m_date);
        } else if (!cell.text.isEmpty()) {
            // Written as a string cell, never as a formula: text starting with "=" stays
            // text, so no formula guard is needed here (unlike CSV).
            error = worksheet_write_string(
                m_sheet, row, c, cell.text.left(maxCellLength).toUtf8().constData(), nullptr);
        }
        if (Status written = check(error, tr("row %1").arg(row)); !written)
            return written;
    }
    ++m_nextRow;
    return Done{};
}

Status XlsxExportWriter::filterSheet()
{
    if (m_columns == 0)
        return Done{};
    return check(worksheet_autofilter(m_sheet, 0, 0, m_nextRow - 1, lxw_col_t(m_columns - 1)),
                 tr("filter"));
}

Status XlsxExportWriter::addSheet(const QString &name)
{
    if (Status filtered = filterSheet(); !filtered)
        return filtered;
    if (m_firstSheetRows == 0)
        m_firstSheetRows = m_nextRow;
    m_sheet = workbook_add_worksheet(m_workbook, name.toUtf8().constData());
    if (!m_sheet)
        return Failure::internal(tr("The spreadsheet library could not start a worksheet."));
    m_nextRow = 0;
    m_columns = 0;
    return Done{};
}

Status XlsxExportWriter::finish()
{
    if (Status filtered = filterSheet(); !filtered)
        return filtered;
    lxw_workbook *workbook = m_workbook;
    m_workbook = nullptr; // workbook_close frees it, whatever it returns
    errno = 0;
    const lxw_error closing = workbook_close(workbook);
    if (Status closed = check(closing, tr("closing the workbook"), errno); !closed)
        return closed;
    const QString built = QFile::decodeName(m_workFile);
    // The check reads the first worksheet's last row.
    const quint32 firstSheetRows = m_firstSheetRows > 0 ? m_firstSheetRows : m_nextRow;
    if (const auto problem = XlsxPackageCheck::problem(built, firstSheetRows)) {
        return m_target.failure(
            tr("the workbook built in %1 came out incomplete (%2); the disk holding it may be "
               "full, or a file-size limit reached")
                .arg(QDir::toNativeSeparators(m_workDir.path()), *problem));
    }
    QFile workbookFile(built);
    const bool opened = workbookFile.open(QIODevice::ReadOnly);
    while (opened && !workbookFile.atEnd()) {
        const QByteArray chunk = workbookFile.read(1 << 20);
        if (chunk.isEmpty())
            break;
        if (const Status written = m_target.write(chunk); !written)
            return written;
    }
    if (!opened || !workbookFile.atEnd()) {
        return Failure::internal(
            tr("Cannot read back the workbook just written: %1.").arg(workbookFile.errorString()));
    }
    return m_target.commit();
}

} // namespace calloutdesk
