#include "DatabaseStartup.h"

#include "DatabaseConnection.h"
#include "DemoDataGenerator.h"
#include "MigrationRunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

DatabaseStartup::DatabaseStartup(const DatabaseUrl &url, bool fillEmptyWithDemoData)
    : m_url(url)
    , m_fillEmptyWithDemoData(fillEmptyWithDemoData)
{ }

QFuture<Result<DatabaseStartup::Report>> DatabaseStartup::start() const
{
    return QtConcurrent::run([startup = *this] { return startup.prepare(); });
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
    return report;
}

} // namespace calloutdesk
