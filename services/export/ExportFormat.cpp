#include "ExportFormat.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QString ExportFormatInfo::key(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::Xlsx:
        return u"xlsx"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<ExportFormat> ExportFormatInfo::fromKey(const QString &text)
{
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
        if (key(format) == text.trimmed().toLower())
            return format;
    }
    return std::nullopt;
}

} // namespace calloutdesk
