#include "DatabaseConnection.h"

#include "DatabaseLog.h"
#include "SqliteCaseFold.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QUrl>

#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DatabaseConnection", text);
}

QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    QString line = (end < 0 ? trimmed : trimmed.left(end)).trimmed();
    if (line.startsWith(u"FATAL:"_s) || line.startsWith(u"ERROR:"_s))
        line = line.mid(6).trimmed();
    return line;
}

// As QSqlResult decides it: a null string, byte array or date binds as SQL NULL.
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    case QMetaType::QDate:
        return !value.toDate().isValid();
    case QMetaType::QTime:
        return !value.toTime().isValid();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    default:
        return false;
    }
}

// The statement with each ? outside a quoted literal replaced by its value as a literal
// of the driver's dialect (QSqlDriver::formatValue, which escapes it), or a null string
// when the placeholders and the values do not pair up.
QString withLiterals(const QSqlDriver &driver, const QString &sql, const QVariantList &values)
{
    QString result;
    result.reserve(sql.size() + values.size() * 8);
    bool quoted = false;
    qsizetype next = 0;
    for (const QChar ch : sql) {
        if (ch == u'\'')
            quoted = !quoted;
        if (ch != u'?' || quoted) {
            result += ch;
            continue;
        }
        if (next == values.size())
            return {};
        const QVariant &value = values.at(next++);
        QSqlField field(QString(), value.metaType());
        if (!isNullValue(value))
            field.setValue(value);
        result += driver.formatValue(field);
    }
    return next == values.size() ? result : QString();
}

// PostgreSQL's $1, $2 … for each ? outside a quoted literal, as PREPARE wants them.
QString numberedPlaceholders(const QString &sql)
{
    QString result;
    result.reserve(sql.size() + 16);
    bool quoted = false;
    int next = 0;
    for (const QChar ch : sql) {
        if (ch == u'\'')
            quoted = !quoted;
        if (ch == u'?' && !quoted)
            result += u'$' + QString::number(++next);
        else
            result += ch;
    }
    return result;
}

QString nextConnectionName(const QString &purpose)
{
    static std::atomic<quint64> counter{0};
    return u"calloutdesk-%1-%2"_s.arg(purpose).arg(++counter);
}

// The PostgreSQL connection behind a QPSQL driver, or null.
pg_conn *nativeConnection(const QSqlDriver *driver)
{
    const QVariant handle = driver ? driver->handle() : QVariant();
    // Qt names the type by its struct: "PGconn*" in the documentation, "pg_conn*" in 6.4.
    if (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return nullptr;
    return *static_cast<pg_conn *const *>(handle.constData());
}

// Whether a PostgreSQL server is no longer there for this driver's connection.
bool serverConnectionLost(const QSqlDriver *driver)
{
    pg_conn *native = nativeConnection(driver);
    return native && PQstatus(native) == CONNECTION_BAD;
}

// libpq prints the server's notices on standard error itself, several lines each (a
// "WARNING:  terminating connection because of crash of another server process" with its
// DETAIL and HINT). QPSQL leaves libpq's default in place; they go to this log instead.
void routeServerNotices(pg_conn *native)
{
    if (!native)
        return;
    PQsetNoticeProcessor(
        native,
        [](void *, const char *message) {
            qCInfo(lcDatabase).noquote()
                << "server:" << QString::fromUtf8(message).trimmed().replace(u'\n', u' ');
        },
        nullptr);
}

// libpq's reason for a failed connection, without the "connection to server at "host",
// port 5432 failed: " in front that the message says in its own words.
QString connectReason(const QSqlError &error)
{
    static const QRegularExpression where(
        u"^connection to server (at|on) \"[^\"]*\"( \\([^)]*\\))?, port \\d+ failed: "_s);
    return firstLine(error.databaseText().isEmpty() ? error.driverText() : error.databaseText())
        .remove(where);
}

Failure postgresConnectFailure(const DatabaseUrl &url, const QSqlError &error)
{
    const QString raw = error.databaseText() + u' ' + error.driverText();
    const QString where = u"%1:%2"_s.arg(url.host()).arg(url.port());
    if (raw.contains(u"Connection refused"_s, Qt::CaseInsensitive)) {
        return Failure::unavailable(
            tr("Cannot reach the PostgreSQL server at %1: the connection was refused. "
               "Is the server running and accepting connections on that port?")
                .arg(where));
    }
    if (raw.contains(u"could not translate host name"_s, Qt::CaseInsensitive)
        || raw.contains(u"Name or service not known"_s, Qt::CaseInsensitive)) {
        return Failure::unavailable(
            tr("The database server name \"%1\" could not be found; check the host in the "
               "database URL.")
                .arg(url.host()));
    }
    // The URL's TLS settings and the server disagree (sslmode=require against a server
    // without TLS, a certificate file that is missing or not trusted): settings to fix,
    // like any other wrong part of the URL, not a server to wait for.
    for (const QString &tlsProblem : {u"does not support SSL"_s, u"certificate"_s,
                                      u"invalid sslmode value"_s, u"private key file"_s}) {
        if (raw.contains(tlsProblem, Qt::CaseInsensitive)) {
            return Failure::invalidInput(
                tr("Cannot connect to the PostgreSQL server at %1 with the TLS settings of the "
                   "database URL: %2.")
                    .arg(where, connectReason(error)));
        }
    }
    if (raw.contains(u"timeout expired"_s, Qt::CaseInsensitive)) {
        return Failure::unavailable(
            tr("The PostgreSQL server at %1 did not answer in time.").arg(where));
    }
    if (raw.contains(u"does not exist"_s) && raw.contains(u"database"_s)) {
        return Failure::invalidInput(tr("The PostgreSQL server at %1 has no database named \"%2\".")
                                         .arg(where, url.databaseName()));
    }
    if (raw.contains(u"password authentication failed"_s)
        || raw.contains(u"no password supplied"_s)) {
        // Said to be about the password, so a sign-in can tell it from an unreachable server.
        return Failure::invalidInput(
                   tr("The PostgreSQL server at %1 refused the user \"%2\": the password is "
                      "wrong or missing.")
                       .arg(where, url.userName()))
            .about(u"password"_s);
    }
    if (raw.contains(u"role"_s) && raw.contains(u"does not exist"_s)) {
        return Failure::invalidInput(
            tr("The PostgreSQL server at %1 has no user named \"%2\".").arg(where, url.userName()));
    }
    return Failure::unavailable(tr("Cannot connect to the PostgreSQL database %1: %2.")
                                    .arg(url.displayString(), connectReason(error)));
}

// How a SQLite file may be opened by this user.
struct SqliteAccess
{
    // A file this user may read but not change, or in a folder where SQLite cannot keep
    // its journal beside it: reading works, and a write is refused saying so (see
    // queryFailure), instead of the whole file being called unusable.
    bool readOnly = false;
    // SQLite reads a WAL database through its -shm file, which it cannot create in a
    // folder this user may not write. Without it and without a -wal file, no change is in
    // progress and none can start without making them, so the file is read as it is.
    bool immutable = false;
};

SqliteAccess sqliteAccess(const QString &path)
{
    const QFileInfo file(path);
    const bool folderWritable = QFileInfo(file.path()).isWritable();
    SqliteAccess access;
    access.readOnly = file.exists() && (!file.isWritable() || !folderWritable);
    access.immutable = access.readOnly && !folderWritable && !QFileInfo::exists(path + u"-wal"_s)
        && !QFileInfo::exists(path + u"-shm"_s);
    return access;
}

QString driverFor(const DatabaseUrl &url)
{
    return url.isPostgreSql() ? u"QPSQL"_s : u"QSQLITE"_s;
}

QString driverPackageFor(const DatabaseUrl &url)
{
    return url.isPostgreSql() ? u"libqt6sql6-psql"_s : u"libqt6sql6-sqlite"_s;
}

} // namespace

DatabaseConnection::DatabaseConnection(std::shared_ptr<DatabaseLogin> login,
                                       const QString &connectionName)
    : m_login(std::move(login))
    , m_connectionName(connectionName)
{ }

DatabaseConnection::~DatabaseConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase DatabaseConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<DatabaseConnection>> DatabaseConnection::open(const DatabaseUrl &url,
                                                                     const QString &purpose)
{
    return open(std::make_shared<DatabaseLogin>(url), purpose);
}

Result<std::unique_ptr<DatabaseConnection>>
DatabaseConnection::open(std::shared_ptr<DatabaseLogin> login, const QString &purpose)
{
    const DatabaseUrl &url = login->url();
    const QString driver = driverFor(url);
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Failure::unavailable(
            tr("The Qt database driver %1 is not installed (Debian package %2).")
                .arg(driver, driverPackageFor(url)));
    }

    if (url.isSqlite()) {
        const QFileInfo file(url.databaseName());
        if (file.isDir()) {
            return Failure::invalidInput(
                tr("Cannot open the SQLite database %1: it is a folder; name a database file in "
                   "it, sqlite:///path/file.db.")
                    .arg(url.databaseName()));
        }
        if (!file.dir().exists()) {
            return Failure::invalidInput(
                tr("Cannot open the SQLite database %1: the folder %2 does not exist.")
                    .arg(url.databaseName(), file.dir().path()));
        }
        if (file.exists() && !file.isReadable()) {
            return Failure::invalidInput(
                tr("Cannot open the SQLite database %1: this user may not read it.")
                    .arg(url.databaseName()));
        }
    }

    const QString name = nextConnectionName(purpose);
    QSqlDatabase::addDatabase(driver, name);
    std::unique_ptr<DatabaseConnection> connection(new DatabaseConnection(std::move(login), name));
    if (const Status connected = connection->connect(); !connected)
        return connected.failure();
    qCDebug(lcDatabase) << "opened" << connection->url().displayString() << "as" << name;
    return connection;
}

Result<std::unique_ptr<DatabaseConnection>>
DatabaseConnection::openAnother(const QString &purpose) const
{
    return open(m_login, purpose);
}

Status DatabaseConnection::reopen(std::shared_ptr<DatabaseLogin> login)
{
    {
        QSqlDatabase db = database();
        if (db.isOpen())
            db.close();
    }
    m_login = std::move(login);
    m_preparedNames.clear();
    m_transaction = Transaction::None;
    const Status connected = connect();
    if (connected)
        qCDebug(lcDatabase) << "opened again" << url().displayString() << "as" << m_connectionName;
    return connected;
}

Status DatabaseConnection::connect()
{
    // The password is in this frame only while the connection opens (SPEC A6).
    const Result<DatabaseUrl> signedIn = m_login->forOpening();
    if (!signedIn)
        return signedIn.failure();
    const DatabaseUrl &url = signedIn.value();
    QSqlDatabase db = database();
    const SqliteAccess sqlite = url.isSqlite() ? sqliteAccess(url.databaseName()) : SqliteAccess{};
    db.setDatabaseName(sqlite.immutable
                           ? QUrl::fromLocalFile(url.databaseName()).toString(QUrl::FullyEncoded)
                               + u"?immutable=1"_s
                           : url.databaseName());
    if (url.isPostgreSql()) {
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        QString options = url.connectOptions();
        if (!options.contains(u"connect_timeout"_s))
            options += (options.isEmpty() ? u""_s : u";"_s) + u"connect_timeout=10"_s;
        if (!options.contains(u"application_name"_s))
            options += u";application_name=calloutdesk"_s;
        db.setConnectOptions(options);
    } else {
        QString options = u"QSQLITE_BUSY_TIMEOUT=10000"_s;
        if (sqlite.readOnly)
            options += u";QSQLITE_OPEN_READONLY"_s;
        if (sqlite.immutable)
            options += u";QSQLITE_OPEN_URI"_s;
        db.setConnectOptions(options);
    }

    const bool opened = db.open();
    // QSqlDatabase keeps what it was given, to open again; this class opens it itself.
    db.setPassword(QString());
    if (opened) {
        // libpq keeps its own copy for a reset the driver never asks for.
        if (pg_conn *handle = postgresHandle(); handle && PQpass(handle))
            explicit_bzero(PQpass(handle), std::strlen(PQpass(handle)));
        routeServerNotices(postgresHandle());
    } else {
        const QSqlError error = db.lastError();
        qCInfo(lcDatabase) << "open failed:" << url.displayString() << error.text();
        if (url.isPostgreSql())
            return postgresConnectFailure(url, error);
        return Failure::unavailable(tr("Cannot open the SQLite database %1: %2.")
                                        .arg(url.databaseName(), firstLine(error.text())));
    }

    QSqlQuery setup(db);
    if (url.isSqlite()) {
        // Foreign keys are off by default in SQLite; WAL lets the UI read while a worker
        // writes. Reading the catalogue proves the file really is a SQLite database.
        const QStringList statements = sqlite.readOnly
            ? QStringList{u"PRAGMA foreign_keys = ON"_s, u"SELECT COUNT(*) FROM sqlite_master"_s}
            : QStringList{u"PRAGMA foreign_keys = ON"_s, u"PRAGMA journal_mode = WAL"_s,
                          u"PRAGMA synchronous = NORMAL"_s,
                          u"SELECT COUNT(*) FROM sqlite_master"_s};
        for (const QString &pragma : statements) {
            if (!setup.exec(pragma)) {
                return Failure::invalidInput(
                    tr("The file %1 is not a usable SQLite database: %2.")
                        .arg(url.databaseName(), firstLine(setup.lastError().databaseText())));
            }
        }
        if (const Status folding = SqliteCaseFold::install(db); !folding)
            return folding.failure();
    } else {
        // Timestamps travel as UTC, whatever the server's or the desk's zone.
        // Server notices ("already exists, skipping") are not for the user's terminal.
        for (const QString &setting :
             {u"SET TIME ZONE 'UTC'"_s, u"SET client_min_messages = warning"_s}) {
            if (!setup.exec(setting))
                return queryFailure(tr("Setting up the database connection"), setup);
        }
    }
    return Done{};
}

pg_conn *DatabaseConnection::postgresHandle() const
{
    return isPostgreSql() ? nativeConnection(database().driver()) : nullptr;
}

bool DatabaseConnection::isBroken()
{
    if (!database().isOpen())
        return true;
    pg_conn *handle = postgresHandle();
    if (!handle)
        return false;
    // Between jobs the server sends nothing unasked, but when it ends the session (a
    // restart, pg_terminate_backend): its last words, then the end of the stream, which
    // follows them at once. Reading what is there finds both, without a round trip.
    if (PQtransactionStatus(handle) == PQTRANS_IDLE) {
        for (int read = 0, waitMs = 0; read < 3 && PQstatus(handle) == CONNECTION_OK; ++read) {
            pollfd socket{PQsocket(handle), POLLIN, 0};
            if (::poll(&socket, 1, waitMs) <= 0 || !PQconsumeInput(handle))
                break;
            waitMs = 200;
        }
    }
    return PQstatus(handle) != CONNECTION_OK;
}

Result<QSqlQuery> DatabaseConnection::run(const QString &what, const QString &sql,
                                          const QVariantList &values)
{
    if (m_transaction == Transaction::RolledBack) {
        return Failure::internal(
            tr("%1 was not done: an earlier step of the same change failed, so the change was "
               "rolled back.")
                .arg(what));
    }
    QSqlQuery query(database());
    query.setForwardOnly(true);
    ++m_statementCount;
    m_lastSql = sql;
    m_lastValues = values;
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return failed(what, query);
        return query;
    }
    if (isPostgreSql()) {
        // QPSQL runs a bound statement as PREPARE, EXECUTE with the values as literals
        // (formatValue), and DEALLOCATE: three round trips for a statement used once.
        // The same literals in the statement itself make it one (SPEC C5).
        const QString literal = withLiterals(*database().driver(), sql, values);
        if (!literal.isNull()) {
            if (!query.exec(literal))
                return failed(what, query);
            return query;
        }
    }
    if (!query.prepare(sql))
        return failed(what, query);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failed(what, query);
    return query;
}

Result<QSqlQuery> DatabaseConnection::runReused(const QString &what, const QString &sql,
                                                const QVariantList &values)
{
    if (!isPostgreSql())
        return run(what, sql, values);
    // Qt's own prepared QSqlQuery cannot be kept and handed out (it is not meant to be
    // copied), so the statement is prepared by name; a PREPARE outlives a rolled-back
    // transaction, and it lives as long as the connection.
    QString name = m_preparedNames.value(sql);
    if (name.isEmpty()) {
        name = u"calloutdesk_%1"_s.arg(m_preparedNames.size() + 1);
        const auto prepared
            = run(what, u"PREPARE %1 AS %2"_s.arg(name, numberedPlaceholders(sql)));
        if (!prepared)
            return prepared.failure();
        m_preparedNames.insert(sql, name);
    }
    QStringList placeholders;
    placeholders.fill(u"?"_s, values.size());
    const QString execute = values.isEmpty()
        ? u"EXECUTE "_s + name
        : u"EXECUTE %1 (%2)"_s.arg(name, placeholders.join(u", "_s));
    auto executed = run(what, execute, values);
    if (executed) {
        m_lastSql = sql; // what EXPLAIN in a benchmark wants, not the EXECUTE
        m_lastValues = values;
    }
    return executed;
}

Failure DatabaseConnection::failed(const QString &what, const QSqlQuery &query)
{
    Failure failure = queryFailure(what, query);
    // After a failed statement PostgreSQL refuses everything in the transaction but its
    // ROLLBACK, DEALLOCATE included. A prepared QSqlQuery destroyed before that ROLLBACK
    // (the failed one as this returns, and any the caller still holds) makes QPSQL print
    // "Unable to free statement" and leaves the statement allocated on the server for the
    // connection's life. The transaction can only be rolled back now, so do it now, while
    // they are all alive: they are freed when they go. Later statements of the same
    // transaction are refused, as PostgreSQL would, instead of running outside it.
    if (m_transaction == Transaction::Open && isPostgreSql()) {
        rollbackTransaction();
        m_transaction = Transaction::RolledBack;
    }
    return failure;
}

Status DatabaseConnection::beginTransaction()
{
    // SQLite's BEGIN IMMEDIATE takes the write lock at once, so two desks writing the same
    // file queue up at the start instead of failing halfway with "database is locked".
    const auto begun
        = run(tr("Starting a transaction"), isPostgreSql() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
    if (!begun)
        return begun.failure();
    m_transaction = Transaction::Open;
    return Done{};
}

Status DatabaseConnection::commitTransaction()
{
    // A COMMIT ends a PostgreSQL transaction whatever it answers (a deferred constraint
    // that fails rolls it back), so a ROLLBACK after it would only draw the server's
    // "there is no transaction in progress". SQLite keeps the transaction when COMMIT
    // fails (busy), so it is rolled back then.
    if (isPostgreSql() && m_transaction == Transaction::Open)
        m_transaction = Transaction::None;
    const auto committed = run(tr("Saving the changes"), u"COMMIT"_s);
    if (!committed) {
        rollbackTransaction();
        return committed.failure();
    }
    m_transaction = Transaction::None;
    return Done{};
}

void DatabaseConnection::rollbackTransaction()
{
    if (m_transaction == Transaction::Open) {
        QSqlQuery query(database());
        query.exec(u"ROLLBACK"_s);
    }
    m_transaction = Transaction::None;
}

Failure DatabaseConnection::queryFailure(const QString &what, const QSqlQuery &query)
{
    // A server that went away mid-command leaves some failures without a word from the
    // driver ("Preparing rows failed: ."); the connection itself says what happened.
    if (serverConnectionLost(query.driver())) {
        const QSqlError error = query.lastError();
        const QString text
            = firstLine(error.databaseText().isEmpty() ? error.driverText() : error.databaseText());
        qCInfo(lcDatabase) << what << "failed, connection lost:" << error.text();
        return Failure::unavailable(
            text.isEmpty()
                ? tr("%1 failed: the connection to the database server was lost.").arg(what)
                : tr("%1 failed: the database connection was lost (%2).").arg(what, text));
    }
    return queryFailure(what, query.lastError());
}

Failure DatabaseConnection::queryFailure(const QString &what, const QSqlError &error)
{
    qCInfo(lcDatabase) << what << "failed:" << error.text();
    const QString native = error.nativeErrorCode();
    const QString text
        = firstLine(error.databaseText().isEmpty() ? error.driverText() : error.databaseText());
    // Class 23 is PostgreSQL's integrity-constraint family; SQLite reports constraint
    // failures as extended codes of 19 (SQLITE_CONSTRAINT).
    bool numeric = false;
    const int sqliteCode = native.toInt(&numeric);
    const bool constraint = (native.size() == 5 && native.startsWith(u"23"_s))
        || (numeric && native.size() < 5 && (sqliteCode & 0xff) == 19);
    if (constraint)
        return Failure::conflict(tr("%1 was refused by the database: %2.").arg(what, text));
    // SQLITE_READONLY and its extended codes: a file or folder this user may not write.
    if (numeric && native.size() < 5 && (sqliteCode & 0xff) == 8) {
        return Failure::invalidInput(
            tr("%1 was not done: the SQLite database is read-only for this user (a change needs "
               "write permission on the file and on its folder).")
                .arg(what));
    }
    // QSQLITE files every failed step under ConnectionError; only PostgreSQL's is a real
    // loss of the server.
    const bool sqliteError = numeric && native.size() < 5;
    if (error.type() == QSqlError::ConnectionError && !sqliteError) {
        return Failure::unavailable(
            tr("%1 failed: the database connection was lost (%2).").arg(what, text));
    }
    if (text.isEmpty())
        return Failure::internal(tr("%1 failed, and the database gave no reason.").arg(what));
    return Failure::internal(tr("%1 failed: %2.").arg(what, text));
}

} // namespace calloutdesk
