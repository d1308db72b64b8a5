#pragma once

#include <QList>
#include <QString>
#include <QVariant>

namespace calloutdesk {

class DatabaseConnection;

// The few places where PostgreSQL and SQLite spell the same thing differently.
class SqlDialect
{
public:
    explicit SqlDialect(const DatabaseConnection &connection);

    // "?, ?, ?" for an IN list or a VALUES row.
    static QString placeholders(qsizetype count);
    // "column is one of these ids" with one placeholder for all of them, bound to
    // idList(ids): the statement's text is the same for any number of ids, so a reused
    // statement (DatabaseConnection::runReused) is planned once.
    QString idIn(const QString &column) const;
    QVariant idList(const QList<qint64> &ids) const;
    // Text folded to one case for case-insensitive comparison, Unicode-aware on both
    // engines: PostgreSQL's lower() (a UTF-8 database), on SQLite the function
    // SqliteCaseFold registers on every connection. The worklist's search indexes on
    // PostgreSQL (migration 0008) are built on this expression.
    QString folded(const QString &expression) const;
    // folded(), sorting in code point order as the search index's keyword fields do:
    // PostgreSQL is told so (COLLATE "C"); SQLite's default collation already is.
    QString foldedInCodePointOrder(const QString &expression) const;
    // An aggregate joining text values with a comma.
    QString groupConcat(const QString &expression) const;
    // Appended to the select list of a read of one order (its id expression given): holds
    // the order until the transaction ends, so two desks do not write callouts of one order
    // at once. PostgreSQL: a transaction-level advisory lock on the order's id, not FOR
    // UPDATE, because a desk login has no UPDATE right on bill (SPEC A2). SQLite: nothing,
    // its write transactions (BEGIN IMMEDIATE) already exclude each other.
    QString lockOrder(const QString &billId) const;
    // The database's clock, in the form the engine stores timestamps. Every desk writes
    // times from the database server, so a desk with a wrong clock cannot misdate a
    // callout or make outbox rows wait.
    QString currentTimestamp() const;
    // The database's clock plus as many milliseconds as the one placeholder it contains.
    QString timestampAfterMilliseconds() const;
    // The database's clock minus as many whole days as `daysExpression` says (a column or
    // an expression of the statement, not a placeholder).
    QString timestampDaysAgo(const QString &daysExpression) const;

private:
    bool m_postgres;
};

} // namespace calloutdesk
