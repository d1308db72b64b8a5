#include "WriteTransaction.h"

#include "DatabaseConnection.h"

namespace calloutdesk {

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
    const Status begun = m_connection.beginTransaction();
    m_active = begun.ok();
    return begun;
}

Status WriteTransaction::commit()
{
    m_active = false;
    return m_connection.commitTransaction();
}

void WriteTransaction::rollback()
{
    m_connection.rollbackTransaction();
    m_active = false;
}

} // namespace calloutdesk
