#include "EngineTestCase.h"

#include "services/callout/SessionLoader.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

EngineTestCase::EngineTestCase(Schema schema)
    : m_schema(schema)
{ }

QString EngineTestCase::sqlTrue() const
{
    return m_db->isPostgreSql() ? u"true"_s : u"1"_s;
}

QString EngineTestCase::sqlFalse() const
{
    return m_db->isPostgreSql() ? u"false"_s : u"0"_s;
}

Result<EngineTestCase::Desk> EngineTestCase::signIn(const QString &spec)
{
    const auto url = m_database->personUrl(spec);
    if (!url)
        return url.failure();
    return openDesk(url.value(), spec);
}

Result<EngineTestCase::Desk> EngineTestCase::openDesk(const DatabaseUrl &url, const QString &spec)
{
    auto connection = DatabaseConnection::open(url, u"desk"_s);
    if (!connection)
        return connection.failure();
    auto scope = SessionLoader(*connection.value()).resolve(url.isSqlite() ? spec : QString());
    if (!scope)
        return scope.failure();
    return Desk{std::move(connection.value()), scope.value()};
}

EngineTestCase::Desk &EngineTestCase::desk(const QString &spec)
{
    if (const auto found = m_desks.find(spec); found != m_desks.end())
        return found->second;
    auto signedIn = signIn(spec);
    if (!signedIn)
        qFatal("%s could not sign in: %s", qPrintable(spec),
               qPrintable(signedIn.failure().message));
    return m_desks.emplace(spec, std::move(signedIn.value())).first->second;
}

void EngineTestCase::initTestCase_data()
{
    TestDatabase::addEngineRows();
}

void EngineTestCase::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_database = TestDatabase::create(engine);
    QVERIFY2(m_database, "could not create a test database");
    m_db = m_schema == Schema::Migrated ? m_database->connectMigrated() : m_database->connect();
    QVERIFY2(m_db, "could not connect to the test database");
}

void EngineTestCase::cleanup()
{
    m_desks.clear();
    m_db.reset();
    m_database.reset();
}

} // namespace calloutdesk::test
