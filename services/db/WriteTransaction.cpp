#include "WriteTransaction.h"

#include "DatabaseConnection.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == u"QSQLITE"_s;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("WriteTransaction", text);
}

} // namespace

WriteTransaction::WriteTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{ }

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        rollback();
}

Status WriteTransaction::begin()
{
    QSqlQuery query(m_db);
    if (!query.exec(isSqlite(m_db) ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s))
        return DatabaseConnection::queryFailure(tr("Starting a transaction"), query);
    m_active = true;
    return Done{};
}

Status WriteTransaction::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"COMMIT"_s)) {
        const Failure failure = DatabaseConnection::queryFailure(tr("Saving the changes"), query);
        rollback();
        return failure;
    }
    m_active = false;
    return Done{};
}

void WriteTransaction::rollback()
{
    QSqlQuery query(m_db);
    query.exec(u"ROLLBACK"_s);
    m_active = false;
}

} // namespace calloutdesk
