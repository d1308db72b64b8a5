#pragma once

#include <QString>
#include <QStringList>

namespace calloutdesk {

// Splits a migration script into single statements, because QSQLITE runs only the
// first statement of a string. It knows quotes, comments, PostgreSQL dollar quoting and
// SQLite trigger bodies (BEGIN … END), which contain semicolons of their own.
class SqlScriptSplitter
{
public:
    static QStringList split(const QString &script);
};

} // namespace calloutdesk
