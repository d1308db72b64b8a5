#pragma once

#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The few places where PostgreSQL and SQLite spell the same thing differently.
class SqlDialect
{
public:
    explicit SqlDialect(const DatabaseConnection &connection);

    // "?, ?, ?" for an IN list or a VALUES row.
    static QString placeholders(qsizetype count);
    // An aggregate joining text values with a comma.
    QString groupConcat(const QString &expression) const;
    // Appended to a SELECT that must lock its rows until the transaction ends. SQLite
    // needs none: its write transactions (BEGIN IMMEDIATE) already exclude each other.
    QString forUpdate(const QString &table) const;

private:
    bool m_postgres;
};

} // namespace calloutdesk
