#include "SqlWorklistSource.h"

#include "services/callout/VisibilityClause.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SqlWorklistSource", text);
}

// The sort key, at the precision the index keeps (milliseconds; lower-cased text in code
// point order), so both sources order rows the same way.
QString sortKey(WorklistQuery::SortColumn column, bool postgres)
{
    const auto time = [postgres](const QString &expression) {
        return postgres ? u"date_trunc('milliseconds', %1)"_s.arg(expression) : expression;
    };
    const auto text = [postgres](const QString &expression) {
        return postgres ? u"lower(%1) COLLATE \"C\""_s.arg(expression)
                        : u"lower(%1)"_s.arg(expression);
    };
    switch (column) {
    case WorklistQuery::SortColumn::ResultOn:
        return time(u"COALESCE(r.result_on, b.bill_date)"_s);
    case WorklistQuery::SortColumn::LastUpdated:
        return time(u"r.last_updated"_s);
    case WorklistQuery::SortColumn::OrderNumber:
        return text(u"b.lab_bill_id"_s);
    case WorklistQuery::SortColumn::Patient:
        return text(u"p.name"_s);
    case WorklistQuery::SortColumn::Test:
        return text(u"t.name"_s);
    case WorklistQuery::SortColumn::Department:
        return text(u"d.name"_s);
    }
    return {};
}

bool isTime(WorklistQuery::SortColumn column)
{
    return column == WorklistQuery::SortColumn::ResultOn
        || column == WorklistQuery::SortColumn::LastUpdated;
}

QString likeEscaped(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return escaped;
}

QString dayStart(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

} // namespace

SqlWorklistSource::SqlWorklistSource(DatabaseConnection &connection)
    : m_connection(connection)
{ }

void SqlWorklistSource::fetch(const SessionScope &scope, const WorklistQuery &query, Callback done)
{
    done(fetchNow(scope, query));
}

Result<WorklistPage> SqlWorklistSource::fetchNow(const SessionScope &scope,
                                                 const WorklistQuery &query)
{
    if (query.pageSize < 1 || query.pageSize > 1000)
        return Failure::invalidInput(tr("A worklist page holds from 1 to 1000 rows."));
    const bool postgres = m_connection.isPostgreSql();
    const VisibilityClause visible = VisibilityClause::forReports(scope);
    const QString from
        = u"FROM report r JOIN bill b ON b.id = r.bill_id JOIN patient p ON p.id = b.patient_id "
          "JOIN lab_test t ON t.id = r.lab_test_id JOIN department d ON d.id = t.department_id "_s;
    QString where = u"WHERE %1 AND NOT r.dismissed AND r.sample_collected "_s.arg(visible.sql);
    QVariantList values = visible.values;
    const QString time = postgres ? u"CAST(? AS timestamptz)"_s : u"?"_s;
    if (query.from.isValid()) {
        where += u"AND COALESCE(r.result_on, b.bill_date) >= %1 "_s.arg(time);
        values << dayStart(query.from);
    }
    if (query.to.isValid()) {
        where += u"AND COALESCE(r.result_on, b.bill_date) < %1 "_s.arg(time);
        values << dayStart(query.to.addDays(1));
    }
    if (query.departmentId) {
        where += u"AND t.department_id = ? "_s;
        values << *query.departmentId;
    }
    const QString text = query.text.trimmed();
    if (!text.isEmpty()) {
        where
            += u"AND (lower(b.lab_bill_id) LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\' "
               "OR lower(p.name) LIKE ? ESCAPE '\\') "_s;
        values << likeEscaped(text) + u'%' << likeEscaped(text) + u'%'
               << u"% "_s + likeEscaped(text) + u'%';
    }

    WorklistPage page;
    auto counts = m_connection.run(
        tr("Counting the worklist"),
        u"SELECT r.critical_values, COUNT(*) %1%2AND r.critical_values IN (1, 2, 4) "
        "GROUP BY r.critical_values"_s.arg(from, where),
        values);
    if (!counts)
        return counts.failure();
    while (counts.value().next()) {
        const int status = counts.value().value(0).toInt();
        const qint64 count = counts.value().value(1).toLongLong();
        if (status == 1)
            page.pending = count;
        else if (status == 2)
            page.done = count;
        else
            page.attempted = count;
    }
    page.total = query.tab == CriticalStatus::CalloutPending ? page.pending
        : query.tab == CriticalStatus::CalloutDone           ? page.done
                                                             : page.attempted;

    const QString key = sortKey(query.sort, postgres);
    QString pageWhere = where + u"AND r.critical_values = ? "_s;
    QVariantList pageValues = values;
    pageValues << CriticalStatusInfo::toInt(query.tab);
    if (query.after.size() == 2) {
        const QString typed = isTime(query.sort) ? time : u"?"_s;
        pageWhere
            += u"AND (%1, r.id) %2 (%3, ?) "_s.arg(key, query.descending ? u"<"_s : u">"_s, typed);
        pageValues << query.after.at(0) << query.after.at(1);
    }
    const QString direction = query.descending ? u"DESC"_s : u"ASC"_s;
    pageValues << query.pageSize + 1;
    auto rows = m_connection.run(
        tr("Reading the worklist"),
        u"SELECT r.id, r.bill_id, b.lab_bill_id, p.name, t.name, t.department_id, d.name, "
        "r.critical_values, COALESCE(r.result_on, b.bill_date), r.last_updated, %1 "
        "%2%3ORDER BY %1 %4, r.id %4 LIMIT ?"_s.arg(key, from, pageWhere, direction),
        pageValues);
    if (!rows)
        return rows.failure();
    while (rows.value().next()) {
        const QSqlQuery &row = rows.value();
        if (page.rows.size() == query.pageSize) {
            page.hasMore = true;
            break;
        }
        WorklistRow item;
        item.reportId = row.value(0).toLongLong();
        item.billId = row.value(1).toLongLong();
        item.labBillId = row.value(2).toString();
        item.patientName = row.value(3).toString();
        item.testName = row.value(4).toString();
        item.departmentId = row.value(5).toLongLong();
        item.departmentName = row.value(6).toString();
        item.status = CriticalStatusInfo::fromInt(row.value(7).toInt()).value_or(query.tab);
        item.resultOn = row.value(8).toDateTime();
        item.lastUpdated = row.value(9).toDateTime();
        const QVariant sortValue = row.value(10);
        item.cursor = {isTime(query.sort)
                           ? QVariant(sortValue.toDateTime().toUTC().toString(Qt::ISODateWithMs))
                           : sortValue,
                       item.reportId};
        page.rows << item;
    }
    return page;
}

} // namespace calloutdesk
