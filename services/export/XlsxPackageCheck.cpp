#include "XlsxPackageCheck.h"

#include <QCoreApplication>
#include <QFile>
#include <QScopeGuard>
#include <QXmlStreamReader>

#include <unzip.h>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("XlsxPackageCheck", text);
}

// The one worksheet XlsxExportWriter writes.
const QString worksheetPart = u"xl/worksheets/sheet1.xml"_s;

// One XML part, parsed as it is inflated: whole when its root element was closed and
// nothing malformed came before.
class XmlPart
{
public:
    explicit XmlPart(bool isWorksheet)
        : m_isWorksheet(isWorksheet)
    { }

    bool add(const QByteArray &bytes)
    {
        m_xml.addData(bytes);
        while (!m_xml.atEnd()) {
            switch (m_xml.readNext()) {
            case QXmlStreamReader::StartElement:
                ++m_depth;
                if (m_isWorksheet && m_xml.name() == u"row")
                    m_lastRow = m_xml.attributes().value(QLatin1StringView("r")).toUInt();
                break;
            case QXmlStreamReader::EndElement:
                if (--m_depth == 0)
                    m_rootClosed = true;
                break;
            default:
                break;
            }
        }
        // Running out of data is what the next chunk resolves.
        return !m_xml.hasError() || m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError;
    }
    bool isWhole() const { return m_rootClosed; }
    quint32 lastRow() const { return m_lastRow; }

private:
    QXmlStreamReader m_xml;
    bool m_isWorksheet;
    int m_depth = 0;
    bool m_rootClosed = false;
    quint32 m_lastRow = 0;
};

} // namespace

std::optional<QString> XlsxPackageCheck::problem(const QString &path, quint32 lastRow)
{
    const QByteArray fileName = QFile::encodeName(path);
    unzFile zip = unzOpen64(fileName.constData());
    if (!zip)
        return tr("the workbook built is not a readable zip file");
    const auto closeZip = qScopeGuard([zip] { unzClose(zip); });

    bool worksheetSeen = false;
    std::array<char, 1 << 16> buffer;
    for (int at = unzGoToFirstFile(zip); at != UNZ_END_OF_LIST_OF_FILE; at = unzGoToNextFile(zip)) {
        std::array<char, 512> rawName{};
        unz_file_info64 info;
        if (at != UNZ_OK
            || unzGetCurrentFileInfo64(zip, &info, rawName.data(), rawName.size() - 1, nullptr, 0,
                                       nullptr, 0)
                != UNZ_OK
            || unzOpenCurrentFile(zip) != UNZ_OK) {
            return tr("the table of contents of the workbook built is damaged");
        }
        const QString part = QString::fromUtf8(rawName.data());
        const bool isXml = part.endsWith(u".xml"_s) || part.endsWith(u".rels"_s);
        const bool isWorksheet = part == worksheetPart;
        XmlPart xml(isWorksheet);
        int read = 0;
        bool wellFormed = true;
        while ((read = unzReadCurrentFile(zip, buffer.data(), unsigned(buffer.size()))) > 0) {
            if (isXml && wellFormed)
                wellFormed = xml.add(QByteArray::fromRawData(buffer.data(), read));
        }
        // Closing checks the part's checksum, now that all of it was read.
        const int closed = unzCloseCurrentFile(zip);
        if (read < 0 || closed != UNZ_OK || !wellFormed || (isXml && !xml.isWhole()))
            return tr("its part %1 is cut short").arg(part);
        if (isWorksheet) {
            worksheetSeen = true;
            if (xml.lastRow() != lastRow) {
                return tr("its worksheet ends at row %1 instead of row %2")
                    .arg(xml.lastRow())
                    .arg(lastRow);
            }
        }
    }
    if (!worksheetSeen)
        return tr("the workbook built has no worksheet");
    return std::nullopt;
}

} // namespace calloutdesk
