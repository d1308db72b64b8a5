#include "DatabaseStartup.h"

#include "DatabaseConnection.h"
#include "DatabaseJob.h"
#include "DemoDataGenerator.h"
#include "MigrationRunner.h"
#include "services/callout/SessionLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

DatabaseStartup::DatabaseStartup(const DatabaseUrl &url, bool fillEmptyWithDemoData,
                                 const QString &signIn)
    : m_url(url)
    , m_fillEmptyWithDemoData(fillEmptyWithDemoData)
    , m_signIn(signIn.trimmed())
{ }

QFuture<Result<DatabaseStartup::Report>> DatabaseStartup::start() const
{
    return QtConcurrent::run(DatabaseJob::pool(), [startup = *this] { return startup.prepare(); });
}

Result<DatabaseStartup::Report> DatabaseStartup::prepare() const
{
    if (m_fillEmptyWithDemoData && m_url.isSqlite())
        QDir().mkpath(QFileInfo(m_url.databaseName()).absolutePath());

    auto opened = DatabaseConnection::open(m_url, u"startup"_s);
    if (!opened)
        return opened.failure();
    DatabaseConnection &connection = *opened.value();

    MigrationRunner migrations(connection);
    const auto migrated = migrations.migrate();
    if (!migrated)
        return migrated.failure();

    Report report;
    report.location = m_url.displayString();
    report.schemaVersion = migrated.value().toVersion;

    QSqlQuery query(connection.database());
    if (m_fillEmptyWithDemoData) {
        if (!query.exec(u"SELECT COUNT(*) FROM lab"_s) || !query.next())
            return DatabaseConnection::queryFailure(
                QCoreApplication::translate("DatabaseStartup", "Reading the labs"), query);
        if (query.value(0).toLongLong() == 0) {
            const auto generated = DemoDataGenerator(connection).generate({});
            if (!generated)
                return generated.failure();
            report.demoDataWritten = true;
        }
    }

    if (!query.exec(u"SELECT name FROM lab ORDER BY id"_s))
        return DatabaseConnection::queryFailure(
            QCoreApplication::translate("DatabaseStartup", "Reading the labs"), query);
    while (query.next())
        report.labNames << query.value(0).toString();
    if (!query.exec(u"SELECT COUNT(*) FROM bill"_s) || !query.next())
        return DatabaseConnection::queryFailure(
            QCoreApplication::translate("DatabaseStartup", "Counting the orders"), query);
    report.orders = query.value(0).toLongLong();

    QString signIn = m_signIn;
    if (signIn.isEmpty() && m_fillEmptyWithDemoData) {
        if (query.exec(u"SELECT id FROM lab_user WHERE is_support ORDER BY lab_id, id LIMIT 1"_s)
            && query.next()) {
            signIn = u"support:%1"_s.arg(query.value(0).toLongLong());
        }
    }
    if (signIn.isEmpty()) {
        report.sessionProblem = QCoreApplication::translate(
            "DatabaseStartup",
            "Nobody is signed in: start CalloutDesk with --as doctor:ID, "
            "labuser:ID or support:ID.");
        return report;
    }
    const auto session = SessionLoader(connection).fromSpec(signIn);
    if (session)
        report.session = session.value();
    else
        report.sessionProblem = session.failure().message;
    return report;
}

} // namespace calloutdesk
