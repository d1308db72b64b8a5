#include "ExportFolder.h"

#include <QDir>
#include <QStandardPaths>

namespace calloutdesk {

QString ExportFolder::documents()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QDir().mkpath(documents))
        return documents;
    return QDir::homePath();
}

} // namespace calloutdesk
