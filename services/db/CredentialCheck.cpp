#include "CredentialCheck.h"

#include "DatabaseConnection.h"
#include "DatabaseJob.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <libpq-fe.h>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CredentialCheck::CredentialCheck(DatabaseUrl server)
    : m_server(std::move(server))
{ }

QString CredentialCheck::refusal(const QString &login)
{
    return QCoreApplication::translate("CredentialCheck", "The password for %1 is not right.")
        .arg(login);
}

Status CredentialCheck::verify(const QString &login, const QString &password, Proof proof) const
{
    if (!needsPassword(m_server))
        return Done{};
    if (login.trimmed().isEmpty()) {
        return Failure::invalidInput(
                   QCoreApplication::translate("CredentialCheck", "Enter your login name."))
            .about(u"login"_s);
    }
    // An empty password would let libpq fall back to ~/.pgpass or PGPASSWORD, which
    // proves nothing about the person at the desk.
    if (password.isEmpty()) {
        return Failure::invalidInput(
                   QCoreApplication::translate("CredentialCheck", "Enter the password for %1.")
                       .arg(login))
            .about(u"password"_s);
    }
    const auto connection = DatabaseConnection::open(
        m_server.withCredentials(login.trimmed(), password), u"credential-check"_s);
    if (connection && proof == Proof::Password
        && !PQconnectionUsedPassword(connection.value()->postgresHandle())) {
        return Failure::invalidInput(
                   QCoreApplication::translate(
                       "CredentialCheck",
                       "The server lets %1 in without asking for a password (Kerberos, a "
                       "certificate or trust), so a password cannot confirm who you are; ask "
                       "your administrator for a password sign-in to approve.")
                       .arg(login.trimmed()))
            .about(u"password"_s);
    }
    if (connection)
        return Done{};
    const Failure &failure = connection.failure();
    if (failure.kind == Failure::Kind::InvalidInput && failure.field == u"password")
        return Failure::invalidInput(refusal(login.trimmed())).about(u"password"_s);
    return failure;
}

QFuture<Status> CredentialCheck::start(const QString &login, const QString &password,
                                       Proof proof) const
{
    // Held as a SecretText, so that whichever copy goes last overwrites it.
    return QtConcurrent::run(DatabaseJob::pool(),
                             [check = *this, login, password = SecretText(password), proof] {
                                 return check.verify(login, password.text(), proof);
                             });
}

} // namespace calloutdesk
