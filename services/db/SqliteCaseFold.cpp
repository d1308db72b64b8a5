#include "SqliteCaseFold.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace calloutdesk {

namespace {

void fold(sqlite3_context *context, int, sqlite3_value **arguments)
{
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(arguments[0]));
    const QByteArray folded
        = QString::fromUtf8(text, sqlite3_value_bytes(arguments[0])).toCaseFolded().toUtf8();
    sqlite3_result_text(context, folded.constData(), int(folded.size()), SQLITE_TRANSIENT);
}

} // namespace

Status SqliteCaseFold::install(const QSqlDatabase &database)
{
    const QVariant handle = database.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0 || !handle.data()) {
        return Failure::unavailable(QCoreApplication::translate(
            "SqliteCaseFold", "The SQLite driver gave no connection handle for the search."));
    }
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    const int created = sqlite3_create_function_v2(
        connection, "calloutdesk_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
        nullptr, fold, nullptr, nullptr, nullptr);
    if (created != SQLITE_OK) {
        return Failure::unavailable(
            QCoreApplication::translate("SqliteCaseFold",
                                        "Cannot register the search's case folding: %1.")
                .arg(QString::fromUtf8(sqlite3_errstr(created))));
    }
    return Done{};
}

} // namespace calloutdesk
