#pragma once

#include <QString>

#include <optional>

namespace calloutdesk {

// Reads back a workbook that libxlsxwriter built, before it becomes the export (SPEC X1).
// The library (1.1.4) writes each part of the workbook to a temporary file, then zips
// those files, and it ignores the errors of the first step: on a full disk or past a
// file-size limit it zips the parts cut short, with checksums of what was cut, and
// reports success. So every part is inflated (its checksum checked) and every XML part
// parsed: each must be whole, and the worksheet's last row the last one written.
class XlsxPackageCheck
{
public:
    // Why the workbook at path is not whole, or nothing when it is. lastRow counts from 1
    // (the header row is row 1).
    static std::optional<QString> problem(const QString &path, quint32 lastRow);
};

} // namespace calloutdesk
