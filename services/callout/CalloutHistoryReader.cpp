#include "CalloutHistoryReader.h"

#include "ActivityEntry.h"
#include "VisibilityClause.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/notify/NotificationOutbox.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CalloutHistoryReader", text);
}

} // namespace

CalloutHistoryReader::CalloutHistoryReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QList<qint64>> CalloutHistoryReader::parseReportIds(const QString &text)
{
    static const QRegularExpression wholeNumber(u"^[0-9]{1,18}$"_s);
    QList<qint64> ids;
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        const QString id = part.trimmed();
        if (!wholeNumber.match(id).hasMatch() || id.toLongLong() <= 0) {
            return Failure::invalidInput(
                tr("\"%1\" is not a report id: report ids are whole numbers, separated by commas.")
                    .arg(id));
        }
        if (!ids.contains(id.toLongLong()))
            ids << id.toLongLong();
    }
    return ids;
}

QString CalloutHistoryReader::countSql(const QString &reportId)
{
    return u"(SELECT COUNT(*) FROM activity_log_report l "
           "JOIN activity_log a ON a.id = l.activity_log_id "
           "WHERE l.lab_report_id = %1 AND a.log_category_id = %2)"_s.arg(
               reportId, QString::number(ActivityEntry::calloutCategory));
}

Result<QList<HistoryEntry>> CalloutHistoryReader::read(const SessionScope &scope,
                                                       const QList<qint64> &reportIds)
{
    if (reportIds.isEmpty())
        return QList<HistoryEntry>();
    QVariantList values;
    for (const qint64 id : reportIds)
        values << id;
    return readWhere(scope,
                     u"l.lab_report_id IN (%1)"_s.arg(SqlDialect::placeholders(reportIds.size())),
                     values);
}

Result<QList<HistoryEntry>> CalloutHistoryReader::readForBill(const SessionScope &scope,
                                                              qint64 billId)
{
    return readWhere(scope, u"r.bill_id = ?"_s, {billId});
}

Result<QList<HistoryEntry>> CalloutHistoryReader::readWhere(const SessionScope &scope,
                                                            const QString &reports,
                                                            const QVariantList &reportValues)
{
    QList<HistoryEntry> entries;
    const VisibilityClause visible = VisibilityClause::forReports(scope);
    QVariantList values{scope.labId(), ActivityEntry::calloutCategory, scope.labId()};
    values << reportValues << visible.values << maxEntries;
    // SPEC C8: a callout belongs to every report it names, so it is found through any of
    // them that the session may see (V2), not only through the first one.
    auto query = m_connection.run(
        tr("Reading the callout history"),
        u"SELECT a.id, a.dumped_json, a.lab_user_name, a.activity_text, a.activity_date, "
        "a.made_at "
        "FROM activity_log a WHERE a.lab_id = ? AND a.log_category_id = ? AND a.id IN ("
        "SELECT l.activity_log_id FROM activity_log_report l "
        "JOIN report r ON r.id = l.lab_report_id "
        "JOIN lab_test t ON t.id = r.lab_test_id JOIN bill b ON b.id = r.bill_id "
        "WHERE l.lab_id = ? AND %1 AND %2) "
        "ORDER BY a.activity_date, a.id LIMIT ?"_s.arg(reports, visible.sql),
        values);
    if (!query)
        return query.failure();
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        entries.append({row.value(0).toLongLong(),
                        QJsonDocument::fromJson(row.value(1).toString().toUtf8()).object(),
                        row.value(2).toString(),
                        row.value(3).toString(),
                        row.value(4).toDateTime(),
                        row.value(5).toDateTime(),
                        {}});
    }
    query.value().finish();

    // How each done callout's messages went (N3), in one more query for all entries.
    QList<qint64> ids;
    for (const HistoryEntry &entry : std::as_const(entries))
        if (!entry.isAttempt())
            ids << entry.id;
    auto deliveries = NotificationOutbox(m_connection).deliveriesOf(ids, scope.labId());
    if (!deliveries)
        return deliveries.failure();
    for (HistoryEntry &entry : entries)
        for (const NotificationDelivery &delivery : deliveries.value())
            if (delivery.activityLogId == entry.id)
                entry.deliveries << delivery;
    return entries;
}

} // namespace calloutdesk
