#include "TestLogin.h"

#include "TestDatabase.h"
#include "services/access/DeskLogins.h"
#include "services/db/DatabaseConnection.h"

#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

std::unique_ptr<TestLogin> TestLogin::create(const DatabaseUrl &database, const QString &name,
                                             const QString &password, const QString &person)
{
    const auto admin = TestDatabase::postgresAdminUrl();
    if (!admin) {
        qWarning("%s", qPrintable(admin.failure().message));
        return nullptr;
    }
    auto connection = DatabaseConnection::open(admin.value(), u"test-login"_s);
    if (!connection) {
        qWarning("%s", qPrintable(connection.failure().message));
        return nullptr;
    }
    std::unique_ptr<TestLogin> login(new TestLogin);
    login->m_database = database;
    login->m_name = name + u'_' + database.databaseName();
    login->m_password = password;
    QString escaped = password;
    escaped.replace(u'\'', u"''"_s);
    QString error;
    if (!exec(*connection.value(),
              u"CREATE ROLE %1 LOGIN PASSWORD '%2'"_s.arg(login->m_name, escaped), &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    if (person.isEmpty())
        return login;
    auto inDatabase = DatabaseConnection::open(database, u"test-login"_s);
    if (!inDatabase) {
        qWarning("%s", qPrintable(inDatabase.failure().message));
        return nullptr;
    }
    const DeskLogins::Person linked{person.startsWith(u"doctor:"_s)
                                        ? DeskLogins::Person::Kind::Doctor
                                        : DeskLogins::Person::Kind::LabUser,
                                    person.section(u':', 1).toLongLong()};
    if (const Status made = DeskLogins(*inDatabase.value()).link(login->m_name, linked); !made) {
        qWarning("%s", qPrintable(made.failure().message));
        return nullptr;
    }
    return login;
}

TestLogin::~TestLogin()
{
    const auto admin = TestDatabase::postgresAdminUrl();
    if (!admin)
        return;
    auto connection = DatabaseConnection::open(admin.value(), u"test-login"_s);
    if (connection) {
        QSqlQuery query(connection.value()->database());
        query.exec(u"DROP ROLE IF EXISTS %1"_s.arg(m_name));
    }
}

} // namespace calloutdesk::test
