#include "WriteTransaction.h"

#include "DatabaseConnection.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WriteTransaction", text);
}

} // namespace

WriteTransaction::WriteTransaction(DatabaseConnection &connection)
    : m_connection(connection)
{ }

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        rollback();
}

Status WriteTransaction::begin()
{
    const auto begun
        = m_connection.run(tr("Starting a transaction"),
                           m_connection.isPostgreSql() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
    if (!begun)
        return begun.failure();
    m_active = true;
    return Done{};
}

Status WriteTransaction::commit()
{
    const auto committed = m_connection.run(tr("Saving the changes"), u"COMMIT"_s);
    if (!committed) {
        rollback();
        return committed.failure();
    }
    m_active = false;
    return Done{};
}

void WriteTransaction::rollback()
{
    QSqlQuery query(m_connection.database());
    query.exec(u"ROLLBACK"_s);
    m_active = false;
}

} // namespace calloutdesk
