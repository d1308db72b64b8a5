#include "OfflineCredential.h"

#include "OfflineCache.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"
#include "services/db/CredentialCheck.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QtConcurrent/QtConcurrentRun>

#include <argon2.h>

#include <array>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OfflineCredential", text);
}

constexpr size_t saltBytes = 16;
constexpr size_t hashBytes = 32;

// The password's UTF-8 bytes, overwritten when they go: this buffer is ours alone.
class PasswordBytes
{
public:
    explicit PasswordBytes(const SecretText &password)
        : m_bytes(password.text().toUtf8())
    { }
    ~PasswordBytes()
    {
        if (!m_bytes.isEmpty())
            explicit_bzero(m_bytes.data(), size_t(m_bytes.size()));
    }
    PasswordBytes(const PasswordBytes &) = delete;
    PasswordBytes &operator=(const PasswordBytes &) = delete;

    const char *data() const { return m_bytes.constData(); }
    size_t size() const { return size_t(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

QString notSignedInHere(const QString &login)
{
    // A login the server lets in without a password (Kerberos, a certificate) never has
    // a credential here: nothing typed could be checked.
    return tr("%1 has not signed in with a password on this desk while the server could be "
              "reached, so %1 cannot sign in while it is offline. Offline sign-in is not "
              "available for logins without a password (Kerberos, certificates).")
        .arg(login);
}

QString departmentText(const QList<qint64> &ids)
{
    QStringList texts;
    for (const qint64 id : ids)
        texts << QString::number(id);
    // Not a null string, which SQL would store as NULL.
    return texts.isEmpty() ? u""_s : texts.join(u',');
}

Result<SessionScope> personFrom(const QString &kind, qint64 labId, qint64 userId,
                                const QString &name, const QString &departments)
{
    QList<qint64> ids;
    for (const QString &text : departments.split(u',', Qt::SkipEmptyParts))
        ids << text.toLongLong();
    if (kind == sessionKindKey(SessionKind::Support))
        return SessionScope::support(labId, userId, name);
    if (kind == sessionKindKey(SessionKind::DoctorByDepartment))
        return SessionScope::doctor(labId, userId, name, 0, ids);
    if (kind == sessionKindKey(SessionKind::DoctorAssignedBills))
        return SessionScope::doctor(labId, userId, name, 2, ids);
    if (kind == sessionKindKey(SessionKind::LabUserSessionDepartments))
        return SessionScope::labUser(labId, userId, name, 0, ids);
    if (kind == sessionKindKey(SessionKind::LabUserLinkedDepartments))
        return SessionScope::labUser(labId, userId, name, 1, ids);
    return Failure::internal(tr("The offline cache names an unknown kind of person \"%1\".").arg(kind));
}

} // namespace

OfflineCredential::OfflineCredential(OfflineCacheLocation location, Cost cost)
    : m_location(std::move(location))
    , m_cost(cost)
{ }

Result<QByteArray> OfflineCredential::hash(const SecretText &password, Cost cost)
{
    if (password.isEmpty())
        return Failure::invalidInput(tr("An empty password is not kept for offline sign-in."));
    std::array<quint32, saltBytes / sizeof(quint32)> salt{};
    QRandomGenerator::system()->fillRange(salt.data(), salt.size());
    const PasswordBytes bytes(password);
    QByteArray encoded(qsizetype(argon2_encodedlen(cost.passes, cost.memoryKiB, cost.lanes,
                                                   saltBytes, hashBytes, Argon2_id)),
                       '\0');
    const int result = argon2id_hash_encoded(cost.passes, cost.memoryKiB, cost.lanes, bytes.data(),
                                             bytes.size(), salt.data(), saltBytes, hashBytes,
                                             encoded.data(), size_t(encoded.size()));
    if (result != ARGON2_OK) {
        return Failure::internal(tr("Cannot hash the password for offline sign-in: %1.")
                                     .arg(QString::fromUtf8(argon2_error_message(result))));
    }
    encoded.truncate(qsizetype(std::strlen(encoded.constData())));
    return encoded;
}

bool OfflineCredential::matches(const QByteArray &encoded, const SecretText &password)
{
    const PasswordBytes bytes(password);
    // argon2id_verify recomputes the hash with the encoded salt and parameters and
    // compares in constant time.
    return argon2id_verify(encoded.constData(), bytes.data(), bytes.size()) == ARGON2_OK;
}

Status OfflineCredential::keep(const SecretText &password, const SessionScope &person) const
{
    if (!person.isValid())
        return Failure::invalidInput(tr("Offline sign-in is kept only for a signed-in person."));
    const auto hashed = hash(password, m_cost);
    if (!hashed)
        return hashed.failure();
    auto cache = OfflineCache::open(m_location);
    if (!cache)
        return cache.failure();
    // One statement: the row is replaced whole or not at all.
    const auto written = cache.value()->run(
        tr("Keeping the offline sign-in"),
        u"INSERT OR REPLACE INTO offline_credential (id, login, password_hash, session_kind, "
        "lab_id, user_id, user_name, department_ids, kept_on) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {m_location.login(), QString::fromLatin1(hashed.value()), sessionKindKey(person.kind()),
         person.labId(), person.userId(), person.userName(), departmentText(person.departmentIds()),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    if (!written)
        return written.failure();
    return Done{};
}

bool OfflineCredential::isKept() const
{
    if (!QFileInfo::exists(m_location.filePath()))
        return false;
    auto cache = OfflineCache::open(m_location);
    if (!cache)
        return false;
    auto row = cache.value()->run(tr("Reading the offline sign-in"),
                                  u"SELECT 1 FROM offline_credential WHERE login = ?"_s,
                                  {m_location.login()});
    return row && row.value().next();
}

Result<SessionScope> OfflineCredential::verify(const SecretText &password) const
{
    const QString login = m_location.login();
    // Opening would make a file for someone who never signed in here.
    if (!QFileInfo::exists(m_location.filePath()))
        return Failure::invalidInput(notSignedInHere(login)).about(u"login"_s);
    auto cache = OfflineCache::open(m_location);
    if (!cache)
        return cache.failure();
    auto row = cache.value()->run(
        tr("Reading the offline sign-in"),
        u"SELECT password_hash, session_kind, lab_id, user_id, user_name, department_ids "
        "FROM offline_credential WHERE id = 1 AND login = ?"_s,
        {login});
    if (!row)
        return row.failure();
    QSqlQuery &kept = row.value();
    if (!kept.next())
        return Failure::invalidInput(notSignedInHere(login)).about(u"login"_s);
    if (password.isEmpty()) {
        return Failure::invalidInput(tr("Enter the password for %1.").arg(login))
            .about(u"password"_s);
    }
    if (!matches(kept.value(0).toString().toLatin1(), password)) {
        return Failure::invalidInput(CredentialCheck::refusal(login)).about(u"password"_s);
    }
    return personFrom(kept.value(1).toString(), kept.value(2).toLongLong(),
                      kept.value(3).toLongLong(), kept.value(4).toString(),
                      kept.value(5).toString());
}

QFuture<Status> OfflineCredential::startKeeping(const SecretText &password,
                                                const SessionScope &person) const
{
    return QtConcurrent::run(DatabaseJob::pool(),
                             [credential = *this, password = password.detached(), person] {
                                 return credential.keep(password, person);
                             });
}

QFuture<Result<SessionScope>> OfflineCredential::start(const SecretText &password) const
{
    return QtConcurrent::run(DatabaseJob::pool(), [credential = *this, password = password.detached()] {
        return credential.verify(password);
    });
}

} // namespace calloutdesk
