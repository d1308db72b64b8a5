#include "OfflineCacheLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OfflineCacheLocation", text);
}

// A name safe as one path component whatever the login or host holds ('/', '..').
QString component(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "@-_+", "."));
}

constexpr QFile::Permissions ownerOnlyFolder = QFile::ReadOwner | QFile::WriteOwner
    | QFile::ExeOwner | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser;
constexpr QFile::Permissions ownerOnlyFile
    = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;

Status privateFolder(const QString &path)
{
    if (!QDir().mkpath(path) || !QFile::setPermissions(path, ownerOnlyFolder)) {
        return Failure::unavailable(
            tr("Cannot make the offline cache folder %1 private to this user.").arg(path));
    }
    return Done{};
}

} // namespace

OfflineCacheLocation::OfflineCacheLocation(const DatabaseUrl &server, const QString &login)
    : m_serverName(u"%1:%2/%3"_s.arg(server.host().isEmpty() ? u"localhost"_s : server.host())
                       .arg(server.port())
                       .arg(server.databaseName()))
    , m_login(login)
{ }

QString OfflineCacheLocation::rootFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + u"/offline-cache"_s;
}

QString OfflineCacheLocation::filePath() const
{
    return u"%1/%2/%3.sqlite"_s.arg(rootFolder(), component(m_serverName), component(m_login));
}

DatabaseUrl OfflineCacheLocation::url() const
{
    return DatabaseUrl::sqliteFile(filePath());
}

Status OfflineCacheLocation::prepare() const
{
    const QString path = filePath();
    const QString folder = QFileInfo(path).path();
    if (const Status root = privateFolder(rootFolder()); !root)
        return root;
    if (const Status server = privateFolder(folder); !server)
        return server;
    // Created private before SQLite opens it, so no other user can open it in between;
    // SQLite gives its journal files the database file's mode.
    QFile file(path);
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnlyFile)) {
            return Failure::unavailable(
                tr("Cannot create the offline cache %1: %2").arg(path, file.errorString()));
        }
        file.close();
    }
    if (!file.setPermissions(ownerOnlyFile)) {
        return Failure::unavailable(
            tr("Cannot make the offline cache %1 private to this user.").arg(path));
    }
    return Done{};
}

} // namespace calloutdesk
