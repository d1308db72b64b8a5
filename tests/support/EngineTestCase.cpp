#include "EngineTestCase.h"

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
    m_db.reset();
    m_database.reset();
}

} // namespace calloutdesk::test
