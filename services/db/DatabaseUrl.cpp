#include "DatabaseUrl.h"

#include "UrlPassword.h"

#include <QCoreApplication>
#include <QDir>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DatabaseUrl", text);
}

// The libpq parameters a URL may carry; anything else is refused rather than ignored,
// so that a typo such as "sslmod=require" cannot silently drop encryption.
const QStringList &allowedPostgresOptions()
{
    static const QStringList options = {u"sslmode"_s,
                                        u"sslrootcert"_s,
                                        u"sslcert"_s,
                                        u"sslkey"_s,
                                        u"connect_timeout"_s,
                                        u"application_name"_s,
                                        u"target_session_attrs"_s};
    return options;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    const QString example = u"postgresql://user@host:5432/database or sqlite:///path/to/file.db"_s;
    if (text.isEmpty())
        return Failure::invalidInput(tr("The database URL is empty; expected %1.").arg(example));

    // What a message may quote of the text: a password typed into it never goes further.
    const QString shown = UrlPassword::masked(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        // errorString() goes on to quote the source whole, and its detail in brackets may
        // quote a character of the password: only what is wrong is kept.
        const QString reason = url.errorString().section(u';', 0, 0).section(u" ("_s, 0, 0);
        return Failure::invalidInput(
            tr("The database URL \"%1\" is not a valid URL (%2); expected %3.")
                .arg(shown, reason, example));
    }

    DatabaseUrl result;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"sqlite") {
        result.m_engine = Engine::Sqlite;
        if (!url.host().isEmpty()) {
            return Failure::invalidInput(
                tr("The SQLite URL \"%1\" names a host; write the file as sqlite:///path/file.db "
                   "(three slashes).")
                    .arg(shown));
        }
        const QString path = url.path();
        if (path.isEmpty() || path == u"/" || path.endsWith(u'/')) {
            return Failure::invalidInput(
                tr("The SQLite URL \"%1\" names no file; expected sqlite:///path/file.db.")
                    .arg(shown));
        }
        result.m_databaseName = QDir::cleanPath(path);
        return result;
    }

    if (scheme != u"postgresql" && scheme != u"postgres") {
        return Failure::invalidInput(
            tr("The database URL \"%1\" has the unknown scheme \"%2\"; expected %3.")
                .arg(shown, url.scheme(), example));
    }

    result.m_engine = Engine::PostgreSql;
    result.m_host = url.host();
    if (result.m_host.isEmpty()) {
        return Failure::invalidInput(
            tr("The database URL \"%1\" names no server; expected %2.").arg(shown, example));
    }
    result.m_port = url.port(5432);
    if (result.m_port <= 0 || result.m_port > 65535) {
        return Failure::invalidInput(
            tr("The database URL \"%1\" has an invalid port.").arg(url.toDisplayString()));
    }
    result.m_userName = url.userName();
    result.m_password = SecretText(url.password());
    QString database = url.path();
    if (database.startsWith(u'/'))
        database.remove(0, 1);
    if (database.isEmpty() || database.contains(u'/')) {
        return Failure::invalidInput(tr("The database URL \"%1\" names no database; expected %2.")
                                         .arg(url.toDisplayString(QUrl::RemovePassword), example));
    }
    result.m_databaseName = database;

    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!allowedPostgresOptions().contains(key)) {
            return Failure::invalidInput(
                tr("The database URL has the unknown option \"%1\"; known options are %2.")
                    .arg(key, allowedPostgresOptions().join(u", "_s)));
        }
        if (value.contains(u';') || value.contains(u' ')) {
            return Failure::invalidInput(
                tr("The database URL option \"%1\" has an invalid value.").arg(key));
        }
        options << key + u'=' + value;
    }
    result.m_connectOptions = options.join(u';');
    return result;
}

QString DatabaseUrl::displayString() const
{
    if (isSqlite())
        return u"sqlite://"_s + m_databaseName;
    QString text = u"postgresql://"_s;
    if (!m_userName.isEmpty())
        text += m_userName + u'@';
    text += m_host + u':' + QString::number(m_port) + u'/' + m_databaseName;
    return text;
}

DatabaseUrl DatabaseUrl::withDatabaseName(const QString &name) const
{
    DatabaseUrl copy = *this;
    copy.m_databaseName = name;
    return copy;
}

DatabaseUrl DatabaseUrl::withCredentials(const QString &userName, const QString &password) const
{
    DatabaseUrl copy = withPassword(SecretText(password));
    copy.m_userName = userName;
    return copy;
}

DatabaseUrl DatabaseUrl::withPassword(const SecretText &password) const
{
    DatabaseUrl copy = withoutPassword();
    copy.m_password = password;
    return copy;
}

DatabaseUrl DatabaseUrl::withoutPassword() const
{
    DatabaseUrl copy = *this;
    copy.m_password.clear();
    return copy;
}

DatabaseUrl DatabaseUrl::sqliteFile(const QString &path)
{
    DatabaseUrl url;
    url.m_engine = Engine::Sqlite;
    url.m_databaseName = QDir::cleanPath(QDir(path).absolutePath());
    return url;
}

} // namespace calloutdesk
