#include "DatabaseLogin.h"

#include <QCoreApplication>

namespace calloutdesk {

DatabaseLogin::DatabaseLogin(const DatabaseUrl &signedIn)
    : m_url(signedIn.withoutPassword())
    , m_needsPassword(!signedIn.password().isEmpty())
    , m_password(signedIn.passwordSecret().detached())
{ }

DatabaseLogin::~DatabaseLogin()
{
    wipe();
}

bool DatabaseLogin::hasSecret() const
{
    const QMutexLocker lock(&m_mutex);
    return !m_password.isEmpty();
}

void DatabaseLogin::wipe()
{
    const QMutexLocker lock(&m_mutex);
    m_password.clear();
}

void DatabaseLogin::rearm(const SecretText &password)
{
    if (!m_needsPassword)
        return;
    const QMutexLocker lock(&m_mutex);
    m_password = password.detached();
}

QString DatabaseLogin::lockedMessage()
{
    return QCoreApplication::translate(
        "DatabaseLogin",
        "The desk is locked: a new connection to the database needs your password again.");
}

Result<DatabaseUrl> DatabaseLogin::forOpening() const
{
    if (!m_needsPassword)
        return m_url;
    const QMutexLocker lock(&m_mutex);
    if (m_password.isEmpty())
        return Failure::unavailable(lockedMessage()).about(QStringLiteral("password"));
    return m_url.withPassword(m_password);
}

} // namespace calloutdesk
