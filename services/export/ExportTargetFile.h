#pragma once

#include "services/Failure.h"

#include <QByteArray>
#include <QSaveFile>

namespace calloutdesk {

// The file an export writes (SPEC X1). Bytes go to a temporary file beside the target,
// which commit() renames onto it; a failed or cancelled export (this object destroyed
// without a commit) leaves neither the target nor the temporary file behind, and an
// existing file keeps its old content. Each write goes straight to the system, so a full
// disk or a file-size limit fails that write with the system's reason ("No space left on
// device", "File too large"); through Qt's write buffer the failure surfaced only at a
// later flush, and without its reason.
class ExportTargetFile
{
public:
    explicit ExportTargetFile(const QString &path);

    // Fails as refused input: the path was the user's choice (a missing or read-only
    // folder, a folder given as the file).
    Status open();
    Status write(const QByteArray &bytes);
    Status commit();

    QString path() const { return m_file.fileName(); }
    // "Cannot write the export to <path>: <reason>."
    Failure failure(const QString &reason) const;

private:
    Failure lastFailure() const;

    QSaveFile m_file;
};

} // namespace calloutdesk
