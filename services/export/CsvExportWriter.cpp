#include "CsvExportWriter.h"

#include "models/DeskTime.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CsvExportWriter::CsvExportWriter(const QString &path)
    : m_file(path)
{ }

Result<std::unique_ptr<CsvExportWriter>> CsvExportWriter::open(const QString &path)
{
    std::unique_ptr<CsvExportWriter> writer(new CsvExportWriter(path));
    if (const Status opened = writer->m_file.open(); !opened)
        return opened.failure();
    // Excel takes a CSV without a byte order mark for the local 8-bit code page.
    if (const Status marked = writer->m_file.write("\xEF\xBB\xBF"); !marked)
        return marked.failure();
    return writer;
}

QString CsvExportWriter::field(const QString &text)
{
    QString value = text;
    // OWASP's CSV injection advice: a cell starting with = + - @ (or a tab or carriage
    // return, which some spreadsheets skip before reading the formula) is run as a
    // formula when the file is opened. Patient and doctor names come from outside the lab.
    static const QString triggers = u"=+-@\t\r"_s;
    if (!value.isEmpty() && triggers.contains(value.front()))
        value.prepend(u'\'');
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n')
        || value.contains(u'\r')) {
        value.replace(u'"', u"\"\""_s);
        value = u'"' + value + u'"';
    }
    return value;
}

Status CsvExportWriter::writeLine(const QStringList &fields)
{
    return m_file.write((fields.join(u',') + u"\r\n"_s).toUtf8());
}

Status CsvExportWriter::writeHeader(const QStringList &titles, const QList<double> &)
{
    QStringList fields;
    for (const QString &title : titles)
        fields << field(title);
    return writeLine(fields);
}

Status CsvExportWriter::writeRow(const QList<ExportCell> &cells)
{
    QStringList fields;
    for (const ExportCell &cell : cells) {
        // ISO 8601 with the offset (SPEC U12): the same instant for a reader in another
        // time zone or after a change of daylight-saving time; seconds kept so that two
        // callouts of the same minute stay apart.
        fields << (cell.isTime ? DeskTime::exported(cell.time) : field(cell.text));
    }
    return writeLine(fields);
}

Status CsvExportWriter::finish()
{
    return m_file.commit();
}

} // namespace calloutdesk
