#include "SqlWorklistSource.h"

#include "WorklistRowDetails.h"
#include "services/callout/VisibilityClause.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// The result's time, or the report's last change when none is recorded: the expression of
// the worklist index (migration 0003) and the index document's resultOn.
const QString resultTime = u"COALESCE(r.result_on, r.last_updated)"_s;
// The same time as CASE, the expression of the due index (migration 0020). Under row-level
// security PostgreSQL bounds an index scan only by expressions it knows cannot leak what a
// policy hides; it knows that of CASE, not of COALESCE.
const QString dueTime = u"CASE WHEN r.result_on IS NULL THEN r.last_updated ELSE r.result_on END"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("SqlWorklistSource", text);
}

// The sort key: case-folded text in code point order for names, as the index's keyword
// fields sort. Times are stored to the millisecond (migration 0003), as the index keeps them.
QString sortKey(WorklistQuery::SortColumn column, const SqlDialect &dialect)
{
    switch (column) {
    case WorklistQuery::SortColumn::ResultOn:
    case WorklistQuery::SortColumn::Waiting: // resolved to ResultOn before
        return resultTime;
    case WorklistQuery::SortColumn::LastUpdated:
        return u"r.last_updated"_s;
    case WorklistQuery::SortColumn::OrderNumber:
        return dialect.foldedInCodePointOrder(u"b.lab_bill_id"_s);
    case WorklistQuery::SortColumn::Patient:
        return dialect.foldedInCodePointOrder(u"p.name"_s);
    case WorklistQuery::SortColumn::Test:
        return dialect.foldedInCodePointOrder(u"t.name"_s);
    case WorklistQuery::SortColumn::Department:
        return dialect.foldedInCodePointOrder(u"d.name"_s);
    }
    return {};
}

bool isTime(WorklistQuery::SortColumn column)
{
    return column == WorklistQuery::SortColumn::ResultOn
        || column == WorklistQuery::SortColumn::LastUpdated
        || column == WorklistQuery::SortColumn::Waiting;
}

// Case folding is left to the database (SqlDialect::folded), on the pattern as on the
// column, so both sides fold alike.
QString likeEscaped(const QString &text)
{
    QString escaped = text;
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

SqlWorklistSource::Filter SqlWorklistSource::filter(const SessionScope &scope,
                                                    const WorklistQuery &query) const
{
    const bool postgres = m_connection.isPostgreSql();
    const QString text = query.text.trimmed();
    const VisibilityClause visible = VisibilityClause::forReportsWithoutTest(scope, postgres);
    Filter filter;
    filter.from
        = u"FROM report r JOIN bill b ON b.id = r.bill_id JOIN patient p ON p.id = b.patient_id "
          "JOIN lab_test t ON t.id = r.lab_test_id JOIN department d ON d.id = t.department_id "_s;
    filter.where = u"WHERE %1 AND NOT r.dismissed AND r.sample_collected "_s.arg(visible.sql);
    filter.needsBill = scope.filtersByAssignedDoctor();
    filter.needsTest = query.departmentId.has_value();
    filter.values = visible.values;
    const QString time = postgres ? u"CAST(? AS timestamptz)"_s : u"?"_s;
    if (query.from.isValid()) {
        filter.where += u"AND %1 >= %2 "_s.arg(resultTime, time);
        filter.values << dayStart(query.from);
    }
    if (query.to.isValid()) {
        filter.where += u"AND %1 < %2 "_s.arg(resultTime, time);
        filter.values << dayStart(query.to.addDays(1));
    }
    if (query.departmentId) {
        filter.where += u"AND t.department_id = ? "_s;
        filter.values << *query.departmentId;
    }
    if (!text.isEmpty() && postgres) {
        // Orders the login may see whose number, or whose patient's name (or a word of
        // it), starts with the text, read from trigram indexes by a function of the
        // database (migration 0008): under row-level security the query itself could
        // not use them.
        filter.where += u"AND r.bill_id IN (SELECT desk_orders_matching(?)) "_s;
        filter.values << likeEscaped(text);
    } else if (!text.isEmpty()) {
        const SqlDialect dialect(m_connection);
        const QString like = u"%1 LIKE %2 ESCAPE '\\'"_s;
        const QString pattern = dialect.folded(u"?"_s);
        const QString name = dialect.folded(u"sp.name"_s);
        filter.where += u"AND r.bill_id IN (SELECT sb.id FROM bill sb WHERE %1 UNION ALL "
                        "SELECT sb.id FROM bill sb WHERE sb.patient_id IN "
                        "(SELECT sp.id FROM patient sp WHERE %2 OR %3)) "_s.arg(
                            like.arg(dialect.folded(u"sb.lab_bill_id"_s), pattern),
                            like.arg(name, pattern), like.arg(name, pattern));
        // A part of the order number from three characters on, as on PostgreSQL (0014).
        const QString numberStart
            = text.size() >= WorklistQuery::minimumInfixLength ? u"%"_s : QString();
        filter.values << numberStart + likeEscaped(text) + u'%' << likeEscaped(text) + u'%'
                      << u"% "_s + likeEscaped(text) + u'%';
    }
    return filter;
}

Result<WorklistPage> SqlWorklistSource::fetchNow(const SessionScope &scope,
                                                 const WorklistQuery &query)
{
    WorklistPage page;
    if (const Status counted = countAll(scope, query, query.withUnfilteredCounts, page); !counted)
        return counted.failure();
    if (query.countsOnly)
        return page;
    if (const Status paged = pageInto(scope, query, page); !paged)
        return paged.failure();
    return page;
}

Status SqlWorklistSource::countAll(const SessionScope &scope, const WorklistQuery &query,
                                   bool withUnfiltered, WorklistPage &page)
{
    if (const Status counted = countInto(scope, query, page); !counted)
        return counted;
    if (!query.isFiltered()) {
        page.unfiltered = page.counts();
    } else if (withUnfiltered) {
        WorklistPage all;
        if (const Status counted = countInto(scope, query.unfilteredCopy(), all); !counted)
            return counted;
        page.unfiltered = all.counts();
    }
    return Done{};
}

QString SqlWorklistSource::Filter::countJoins() const
{
    // The counts, and the choice of a page sorted by time, read only the tables their
    // filters need: a lab's whole worklist is then
    // counted from the worklist index alone.
    QString joins = u"FROM report r "_s;
    if (needsBill)
        joins += u"JOIN bill b ON b.id = r.bill_id "_s;
    if (needsTest)
        joins += u"JOIN lab_test t ON t.id = r.lab_test_id "_s;
    return joins;
}

Status SqlWorklistSource::countInto(const SessionScope &scope, const WorklistQuery &query,
                                    WorklistPage &page)
{
    const Filter f = filter(scope, query);
    QString sql = u"SELECT r.critical_values, COUNT(*)%1 %2%3AND r.critical_values IN (1, 2, 4) "
                  "GROUP BY r.critical_values"_s;
    QVariantList values;
    const bool overdue = query.overdueCutoff.isValid();
    const bool searched = !query.text.trimmed().isEmpty();
    if (overdue) {
        // The overdue counts (SPEC T2) in the same statement as the tab counts, so the
        // counts stay one round trip. A tab's overdue are its reports less those not yet
        // due, counted in the same pass as the tab. The result times of the next to come
        // due are read from the due index (migration 0020), which holds only reports of
        // Pending and Attempted in order of their result time, so that part reads only
        // the first reports after the cutoff.
        const bool postgres = m_connection.isPostgreSql();
        const QString cutoff = postgres ? u"CAST(? AS timestamptz)"_s : u"?"_s;
        const QString cutoffText = query.overdueCutoff.toUTC().toString(Qt::ISODateWithMs);
        const QString later = u"r.critical_values <> 2 AND %1 > %2"_s.arg(dueTime, cutoff);
        const QString notDue = postgres ? u"COUNT(*) FILTER (WHERE %1)"_s.arg(later)
                                        : u"SUM(CASE WHEN %1 THEN 1 ELSE 0 END)"_s.arg(later);
        if (searched) {
            // A search finds a few thousand reports at most: the not yet due and their
            // result times come with the tab counts, in the one pass over them. Parts of
            // the due index would each find the search's orders again (tens of
            // milliseconds on PostgreSQL) and plan the row-security conditions again.
            const QString times = postgres
                ? u"string_agg(to_char(%1 AT TIME ZONE 'UTC', "
                  "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), ',') FILTER (WHERE %2)"_s.arg(dueTime,
                                                                                       later)
                : u"group_concat(CASE WHEN %2 THEN %1 END, ',')"_s.arg(dueTime, later);
            sql = sql.arg(u", %1, %2"_s.arg(notDue, times), f.countJoins(), f.where);
            values << cutoffText << cutoffText << f.values;
        } else {
            // Pending and Attempted are counted from the due index, which holds only them,
            // with their not yet due in the same pass, and Done from the worklist index:
            // the reports that came in since the cutoff, whose heap rows a count must still
            // visit while they are new, are read once and not again by a count of their own.
            // Typed NULLs: PostgreSQL makes an untyped one in a subquery text.
            const QString noCount = postgres ? u"CAST(NULL AS bigint)"_s : u"NULL"_s;
            const QString noTime = postgres ? u"CAST(NULL AS timestamptz)"_s : u"NULL"_s;
            sql = u"SELECT r.critical_values, COUNT(*), %1, %2 %3%4AND r.critical_values IN (1, 4) "
                  "GROUP BY r.critical_values UNION ALL "
                  "SELECT r.critical_values, COUNT(*), %5, %2 %3%4AND r.critical_values = 2 "
                  "GROUP BY r.critical_values"_s.arg(notDue, noTime, f.countJoins(), f.where,
                                                     noCount);
            values << cutoffText << f.values << f.values;
            for (const CriticalStatus tab :
                 {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted}) {
                const int status = CriticalStatusInfo::toInt(tab);
                const QString due = u"%1%2AND r.critical_values = %3 AND %4 > %5"_s.arg(
                    f.countJoins(), f.where, QString::number(status), dueTime, cutoff);
                sql += u" UNION ALL SELECT * FROM (SELECT r.critical_values, %1, %1, %2 %3 "
                       "ORDER BY %2 LIMIT %4) upcoming%5"_s.arg(noCount, dueTime, due)
                           .arg(query.upcomingLimit)
                           .arg(status);
                values << f.values << cutoffText;
            }
        }
        for (OverdueTally *tally : {&page.pendingOverdue, &page.attemptedOverdue})
            *tally = OverdueTally{query.overdueCutoff, 0, {}, true};
    } else {
        sql = sql.arg(QString(), f.countJoins(), f.where);
        values = f.values;
    }
    auto counts = m_connection.run(tr("Counting the worklist"), sql, values);
    if (!counts)
        return counts.failure();
    page.pending = page.attempted = page.done = 0;
    qint64 notDueYet[2] = {0, 0}; // Pending, Attempted
    while (counts.value().next()) {
        const QSqlQuery &row = counts.value();
        const int status = row.value(0).toInt();
        if (overdue && row.isNull(1)) { // one of the next to come due
            OverdueTally &tally = status == 1 ? page.pendingOverdue : page.attemptedOverdue;
            tally.upcoming << row.value(3).toDateTime();
            continue;
        }
        const qint64 count = row.value(1).toLongLong();
        if (status == 1)
            page.pending = count;
        else if (status == 2)
            page.done = count;
        else
            page.attempted = count;
        if (overdue && status != 2) {
            notDueYet[status == 1 ? 0 : 1] = row.value(2).toLongLong();
            if (searched) { // a search's times come in its count row
                OverdueTally &tally = status == 1 ? page.pendingOverdue : page.attemptedOverdue;
                const QStringList times = row.value(3).toString().split(u',', Qt::SkipEmptyParts);
                for (const QString &time : times)
                    tally.upcoming << QDateTime::fromString(time, Qt::ISODateWithMs);
            }
        }
    }
    if (overdue) {
        page.pendingOverdue.overdue = page.pending - notDueYet[0];
        page.attemptedOverdue.overdue = page.attempted - notDueYet[1];
    }
    for (OverdueTally *tally : {&page.pendingOverdue, &page.attemptedOverdue}) {
        // Each branch is in order; a UNION ALL need not keep it. A search brings all.
        std::sort(tally->upcoming.begin(), tally->upcoming.end());
        if (tally->upcoming.size() > query.upcomingLimit)
            tally->upcoming.resize(query.upcomingLimit);
        tally->upcomingComplete = tally->upcoming.size() < query.upcomingLimit;
    }
    page.total = page.counts().of(query.tab);
    return Done{};
}

Result<WorklistPage> SqlWorklistSource::fetchOrders(const SessionScope &scope,
                                                    const WorklistQuery &query,
                                                    const QList<qint64> &billIds, bool withCounts)
{
    WorklistPage page;
    if (withCounts) {
        if (const Status counted = countAll(scope, query, true, page); !counted)
            return counted.failure();
    }
    WorklistQuery rows = query;
    rows.after.clear();
    rows.pageSize = maximumOrderRows;
    if (const Status paged = pageInto(scope, rows, billIds, page); !paged)
        return paged.failure();
    return page;
}

Status SqlWorklistSource::pageInto(const SessionScope &scope, const WorklistQuery &query,
                                   WorklistPage &page)
{
    return pageInto(scope, query, {}, page);
}

Status SqlWorklistSource::pageInto(const SessionScope &scope, const WorklistQuery &asked,
                                   const QList<qint64> &billIds, WorklistPage &page)
{
    if (asked.pageSize < 1 || asked.pageSize > 1000)
        return Failure::invalidInput(tr("A worklist page holds from 1 to 1000 rows."));
    const WorklistQuery query = asked.resolvedSort();
    const bool postgres = m_connection.isPostgreSql();
    const Filter f = filter(scope, query);
    const QString time = postgres ? u"CAST(? AS timestamptz)"_s : u"?"_s;
    const QString key = sortKey(query.sort, SqlDialect(m_connection));
    QString where = f.where + u"AND r.critical_values = ? "_s;
    QVariantList values = f.values;
    values << CriticalStatusInfo::toInt(query.tab);
    if (!billIds.isEmpty()) {
        const SqlDialect dialect(m_connection);
        where += u"AND %1 "_s.arg(dialect.idIn(u"r.bill_id"_s));
        values << dialect.idList(billIds);
    }
    if (query.after.size() == 2) {
        const QString typed = isTime(query.sort) ? time : u"?"_s;
        where
            += u"AND (%1, r.id) %2 (%3, ?) "_s.arg(key, query.descending ? u"<"_s : u">"_s, typed);
        values << query.after.at(0) << query.after.at(1);
    }
    const QString direction = query.descending ? u"DESC"_s : u"ASC"_s;
    values << query.pageSize + 1;
    const QString columns
        = u"SELECT r.id AS c0, r.bill_id AS c1, b.lab_bill_id AS c2, p.name AS c3, t.name AS c4, "
          "t.department_id AS c5, d.name AS c6, r.critical_values AS c7, "
          "COALESCE(r.result_on, r.last_updated) AS c8, r.last_updated AS c9, %1 AS sort_key, "
          "p.id AS c11, p.sex AS c12, p.date_of_birth AS c13, r.result_on AS c14, "
          "b.bill_date AS c15 "_s.arg(key);
    // Sorted by a time of the report, the page is chosen from the reports (and only the
    // tables its filters need) before the order, patient and test are joined for display.
    // With row-level security (SPEC A2) the planner cannot see that those joins keep every
    // row, guesses a handful, and sorts the whole tab instead of reading the worklist index
    // in order.
    const bool reportKey = key.startsWith(u"r."_s) || key == resultTime;
    const QString chosen = reportKey
        ? columns
            + u"FROM (SELECT r.* %1%2ORDER BY %3 %4, r.id %4 LIMIT ?) r "
              "JOIN bill b ON b.id = r.bill_id JOIN patient p ON p.id = b.patient_id "
              "JOIN lab_test t ON t.id = r.lab_test_id JOIN department d ON d.id = t.department_id "
              "ORDER BY %3 %4, r.id %4"_s.arg(f.countJoins(), where, key, direction)
        : columns + u"%1%2ORDER BY %3 %4, r.id %4 LIMIT ?"_s.arg(f.from, where, key, direction);
    // The values and the messages of the chosen rows only: subqueries over the page, by the
    // report's and the order's id (SPEC U7, U11).
    const QString undelivered = query.tab == CriticalStatus::CalloutDone
        ? WorklistRowDetails::undeliveredColumn(postgres, u"w.c1"_s)
        : u"NULL"_s;
    const QString sql = u"SELECT w.*, %1, %2 FROM (%3) w ORDER BY w.sort_key %4, w.c0 %4"_s.arg(
        WorklistRowDetails::valuesColumn(postgres, u"w.c0"_s), undelivered, chosen, direction);
    auto rows = m_connection.run(tr("Reading the worklist"), sql, values);
    if (!rows)
        return rows.failure();
    page.rows.clear();
    page.hasMore = false;
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
        item.patientId = row.value(11).toLongLong();
        const QString sex = row.value(12).toString();
        item.patientDateOfBirth = row.value(13).toDate();
        // The day the patient's age is taken on, as the callout dialog takes it.
        const QDateTime resultOn = row.value(14).toDateTime();
        const QDate reportDate
            = (resultOn.isValid() ? resultOn : row.value(15).toDateTime()).toUTC().date();
        item.criticalParameters = WorklistRowDetails::criticalParameters(
            row.value(16).toString(), sex.isEmpty() ? QChar(u'U') : sex.at(0),
            item.patientDateOfBirth, reportDate);
        WorklistRowDetails::readUndelivered(row.value(17).toString(), item);
        page.rows << item;
    }
    return Done{};
}

} // namespace calloutdesk
