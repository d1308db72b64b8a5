#pragma once

#include <QString>

#include <optional>

namespace calloutdesk {

// The file formats of the worklist export (SPEC U5).
enum class ExportFormat
{
    Csv,
    Xlsx
};

class ExportFormatInfo
{
public:
    static QString key(ExportFormat format); // "csv", "xlsx": the command line and settings
    static std::optional<ExportFormat> fromKey(const QString &key);
};

} // namespace calloutdesk
