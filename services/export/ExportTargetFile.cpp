#include "ExportTargetFile.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ExportTargetFile::ExportTargetFile(const QString &path)
    : m_file(path)
{ }

Failure ExportTargetFile::failure(const QString &reason) const
{
    return Failure::unavailable(
        QCoreApplication::translate("ExportTargetFile", "Cannot write the export to %1: %2.")
            .arg(QDir::toNativeSeparators(path()), reason));
}

Failure ExportTargetFile::lastFailure() const
{
    QString reason = m_file.errorString();
    if (reason.isEmpty() || reason == u"Unknown error"_s)
        reason = QCoreApplication::translate("ExportTargetFile", "the system gave no reason");
    return failure(reason);
}

Status ExportTargetFile::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        Failure refused = lastFailure();
        refused.kind = Failure::Kind::InvalidInput;
        return refused;
    }
    return Done{};
}

Status ExportTargetFile::write(const QByteArray &bytes)
{
    // A short write without an error (the disk filled up in the middle) is followed by
    // another, which then fails with the reason.
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 step = m_file.write(bytes.constData() + written, bytes.size() - written);
        if (step <= 0)
            return lastFailure();
        written += step;
    }
    return Done{};
}

Status ExportTargetFile::commit()
{
    if (!m_file.commit())
        return lastFailure();
    return Done{};
}

} // namespace calloutdesk
