#include "ComplianceReader.h"

#include "services/callout/ActivityEntry.h"
#include "services/callout/DepartmentReader.h"
#include "services/callout/VisibilityClause.h"
#include "services/db/DatabaseConnection.h"

#include <QSqlQuery>
#include <QTimeZone>

#include <cmath>
#include <map>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// The result time as the worklist takes it: the result's, or the report's last change when
// none is recorded (migration 0003).
const QString resultTime = u"COALESCE(r.result_on, r.last_updated)"_s;

// The groups of figures, numbered as PostgreSQL's GROUPING(department_id, week) numbers
// them: a bit is set for each key the group leaves out.
enum GroupKind
{
    DepartmentWeek = 0,
    DepartmentTotal = 1,
    LabWeek = 2,
    LabTotal = 3
};

// The start of a local day, as the engines compare stored times: UTC, to the millisecond.
QString localDayStart(const QDate &day)
{
    return QDateTime(day, QTime(0, 0)).toUTC().toString(Qt::ISODateWithMs);
}

std::optional<double> minutes(const QVariant &milliseconds)
{
    if (milliseconds.isNull())
        return std::nullopt;
    return milliseconds.toDouble() / 60000.0;
}

// The columns of a figures' row after its part, kind, department and week; of a breach's row
// after those and the figures' columns.
constexpr int figureColumns = 7;
constexpr int breachColumns = 10;

ComplianceFigures figuresOf(const QSqlQuery &row, int first)
{
    ComplianceFigures figures;
    figures.criticalReports = row.value(first).toInt();
    figures.notified = row.value(first + 1).toInt();
    figures.notifiedWithinTarget = row.value(first + 2).toInt();
    figures.stillOpen = row.value(first + 3).toInt();
    figures.openPastTarget = row.value(first + 4).toInt();
    figures.medianMinutes = minutes(row.value(first + 5));
    figures.p90Minutes = minutes(row.value(first + 6));
    return figures;
}

ComplianceBreach breachOf(const QSqlQuery &row, int first)
{
    ComplianceBreach breach;
    breach.billId = row.value(first).toLongLong();
    breach.orderNumber = row.value(first + 1).toString();
    breach.reportId = row.value(first + 2).toLongLong();
    breach.department = row.value(first + 3).toString();
    breach.test = row.value(first + 4).toString();
    breach.resultOn = row.value(first + 5).toDateTime().toUTC();
    if (!row.isNull(first + 6)) {
        breach.notifiedAt = row.value(first + 6).toDateTime().toUTC();
        breach.notifiedBy = row.value(first + 7).toString();
        breach.readBack = row.value(first + 8).toBool();
    }
    // Whole minutes, a part of a minute counted as one: a breach is never "0 over".
    breach.minutesOver = qint64(std::ceil(row.value(first + 9).toDouble() / 60000.0));
    return breach;
}

} // namespace

ComplianceReader::ComplianceReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Status ComplianceReader::check(const ComplianceQuery &query)
{
    if (!query.from.isValid() || !query.to.isValid())
        return Failure::invalidInput(tr("Give the first and the last day of the report."));
    if (query.from > query.to) {
        return Failure::invalidInput(
            tr("The report's first day (%1) is after its last day (%2).")
                .arg(query.from.toString(Qt::ISODate), query.to.toString(Qt::ISODate)));
    }
    return Done{};
}

Result<ComplianceReport> ComplianceReader::read(const SessionScope &scope,
                                                const ComplianceQuery &query,
                                                const QDateTime &producedAt)
{
    if (const Status checked = check(query); !checked)
        return checked.failure();
    ComplianceReport report;
    report.query = query;
    report.producedAt = producedAt;

    auto lab = m_connection.run(tr("Reading the lab's callout target"),
                                u"SELECT name, callout_target_minutes FROM lab WHERE id = ?"_s,
                                {scope.labId()});
    if (!lab)
        return lab.failure();
    if (!lab.value().next())
        return Failure::invalidInput(tr("There is no lab with id %1.").arg(scope.labId()));
    report.labName = lab.value().value(0).toString();
    report.targetMinutes = lab.value().value(1).toInt();
    lab.value().finish();

    auto departments = DepartmentReader(m_connection).read(scope);
    if (!departments)
        return departments.failure();
    for (const Department &department : std::as_const(departments.value())) {
        if (!query.departmentId || *query.departmentId == department.id)
            report.departments.append({department, {}, {}});
    }
    if (query.departmentId && report.departments.isEmpty()) {
        return Failure::invalidInput(
            tr("There is no department %1 in this lab that you may see.").arg(*query.departmentId));
    }

    if (const Status rows = readRows(timedReports(scope, query, producedAt), report); !rows)
        return rows.failure();
    return report;
}

QString ComplianceReader::millisecondsBetween(const QString &later, const QString &earlier) const
{
    // Rounded to the millisecond, the precision both engines store times with: SQLite's
    // julianday() is a day number in a double, exact to a few hundredths of a millisecond.
    return m_connection.isPostgreSql()
        ? u"CAST(round(EXTRACT(EPOCH FROM (%1 - %2)) * 1000) AS bigint)"_s.arg(later, earlier)
        : u"CAST(round((julianday(%1) - julianday(%2)) * 86400000) AS INTEGER)"_s.arg(later,
                                                                                      earlier);
}

ComplianceReader::Statement ComplianceReader::timedReports(const SessionScope &scope,
                                                           const ComplianceQuery &query,
                                                           const QDateTime &producedAt) const
{
    const bool postgres = m_connection.isPostgreSql();
    const QString time = postgres ? u"CAST(? AS timestamptz)"_s : u"?"_s;
    Statement statement;
    QVariantList &values = statement.values;

    // The ISO week (from Monday) of the result time in the local time of this process.
    QString week;
    if (postgres) {
        week = u"CAST(date_trunc('week', %1 AT TIME ZONE ?) AS date)"_s.arg(resultTime);
        values << QString::fromUtf8(QTimeZone::systemTimeZoneId());
    } else {
        week = u"date(%1, 'localtime', '-6 days', 'weekday 1')"_s.arg(resultTime);
    }
    const VisibilityClause visible = VisibilityClause::forReports(scope);
    QString critical
        = u"SELECT r.id AS report_id, r.bill_id, t.department_id, t.name AS test_name, "
          "%1 AS result_time, %2 AS week "
          "FROM report r JOIN lab_test t ON t.id = r.lab_test_id %3"
          "WHERE %4 AND NOT r.dismissed AND r.sample_collected AND r.critical_values IN (1, 2, 4) "
          "AND %1 >= %5 AND %1 < %5"_s.arg(
              resultTime, week,
              scope.filtersByAssignedDoctor() ? u"JOIN bill b ON b.id = r.bill_id "_s : QString(),
              visible.sql, time);
    values << visible.values << localDayStart(query.from) << localDayStart(query.to.addDays(1));
    if (query.departmentId) {
        critical += u" AND t.department_id = ?"_s;
        values << *query.departmentId;
    }

    // A done callout is a callout of the activity log that is not an attempt (is_draft,
    // SPEC L2), found through any report it names (C8). It was made at made_at when
    // recorded offline (O3), else when the server received it. Only its time and id are
    // carried here: who made it and whether it was read back are read for the breaches.
    const QString made = u"COALESCE(a.made_at, a.activity_date)"_s;
    const QString notDraft = postgres ? u"NOT (a.dumped_json @> '{\"is_draft\": true}')"_s
                                      : u"json_type(a.dumped_json, '$.is_draft') IS NOT 'true'"_s;
    const QString firstDone
        = u"SELECT report_id, notified_at, activity_log_id FROM ("
          "SELECT l.lab_report_id AS report_id, %1 AS notified_at, a.id AS activity_log_id, "
          "ROW_NUMBER() OVER (PARTITION BY l.lab_report_id ORDER BY %1, a.id) AS nth "
          "FROM activity_log_report l JOIN activity_log a ON a.id = l.activity_log_id "
          "WHERE l.lab_id = ? AND a.log_category_id = %2 AND %3 "
          "AND l.lab_report_id IN (SELECT report_id FROM critical)) done WHERE nth = 1"_s.arg(
              made, QString::number(ActivityEntry::calloutCategory), notDraft);
    values << scope.labId();

    // Milliseconds to the first done callout; for an open report, how long it has been
    // open when the report is produced.
    const QString timedSelect
        = u"SELECT c.*, d.notified_at, d.activity_log_id, %1 AS ms, "
          "CASE WHEN d.report_id IS NULL THEN %2 END AS open_ms "
          "FROM critical c LEFT JOIN first_done d ON d.report_id = c.report_id"_s.arg(
              millisecondsBetween(u"d.notified_at"_s, u"c.result_time"_s),
              millisecondsBetween(time, u"c.result_time"_s));
    values << producedAt.toUTC().toString(Qt::ISODateWithMs);

    statement.sql = u"WITH critical AS (%1), first_done AS (%2), timed AS (%3) "_s.arg(
        critical, firstDone, timedSelect);
    return statement;
}

QString ComplianceReader::sqliteFigures(int kind, const QStringList &keys, int targetMinutes,
                                        const QString &moreColumns) const
{
    // percentile_cont as PostgreSQL computes it, in the same double arithmetic: over the n
    // notified times in order, the value at h = p * (n - 1) (from 0), interpolated between
    // the values at floor(h) and ceil(h). `nth` numbers the notified times of the group
    // from 1 (the open ones are numbered apart).
    const auto percentile = [](const QString &p) {
        // h per row (inside the aggregates, where the count is the row's own) and per group
        // (outside them): the same number, as the count is the same on every row of a group.
        const QString rowH = u"(%1 * (notified - 1))"_s.arg(p);
        const QString rowLow = u"CAST(%1 AS INTEGER)"_s.arg(rowH);
        const QString groupH = u"(%1 * (MAX(notified) - 1))"_s.arg(p);
        const QString groupLow = u"CAST(%1 AS INTEGER)"_s.arg(groupH);
        const QString at = u"MAX(CASE WHEN ms IS NOT NULL AND nth = %1 THEN ms END)"_s;
        const QString lowValue = at.arg(rowLow + u" + 1"_s);
        const QString highValue = at.arg(u"%1 + 1 + (%2 > %1)"_s.arg(rowLow, rowH));
        return u"%1 + (%2 - %1) * (%3 - %4)"_s.arg(lowValue, highValue, groupH, groupLow);
    };
    const QString partition = keys.isEmpty() ? QString() : u"PARTITION BY "_s + keys.join(u", "_s);
    const QString rankPartition
        = u"PARTITION BY "_s + (keys + QStringList{u"ms IS NULL"_s}).join(u", "_s);
    return u"SELECT 0, %1, %2, %3, COUNT(*), COUNT(ms), "
           "SUM(CASE WHEN ms <= %4 THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN ms IS NULL THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN open_ms > %4 THEN 1 ELSE 0 END), %5, %6, %7 "
           "FROM (SELECT department_id, week, ms, open_ms, "
           "ROW_NUMBER() OVER (%8 ORDER BY ms) AS nth, COUNT(ms) OVER (%9) AS notified "
           "FROM timed) grouped"_s.arg(
               QString::number(kind),
               keys.contains(u"department_id"_s) ? u"department_id"_s : u"NULL"_s,
               keys.contains(u"week"_s) ? u"week"_s : u"NULL"_s,
               QString::number(qint64(targetMinutes) * 60000), percentile(u"0.5"_s),
               percentile(u"0.9"_s), moreColumns, rankPartition, partition)
        + (keys.isEmpty() ? QString() : u" GROUP BY "_s + keys.join(u", "_s));
}

QString ComplianceReader::breachesSelect(int targetMinutes) const
{
    // Read back (T4): one of the done callout's phone calls says "read_back": true.
    const QString readBack = m_connection.isPostgreSql()
        ? u"COALESCE(a.dumped_json -> 'calls' @> '[{\"read_back\": true}]', false)"_s
        : u"EXISTS (SELECT 1 FROM json_each(a.dumped_json, '$.calls') call "
          "WHERE json_type(call.value, '$.read_back') = 'true')"_s;
    return u"SELECT 1, NULL, NULL, NULL, %1, c.bill_id, b.lab_bill_id, c.report_id, dep.name, "
           "c.test_name, c.result_time, c.notified_at, a.lab_user_name, %2, "
           "COALESCE(c.ms, c.open_ms) - %3 AS over_ms "
           "FROM timed c JOIN bill b ON b.id = c.bill_id "
           "JOIN department dep ON dep.id = c.department_id "
           "LEFT JOIN activity_log a ON a.id = c.activity_log_id "
           "WHERE c.ms > %3 OR c.open_ms > %3"_s.arg(
               QStringList(figureColumns, u"NULL"_s).join(u", "_s), readBack,
               QString::number(qint64(targetMinutes) * 60000));
}

Status ComplianceReader::readRows(const Statement &timed, ComplianceReport &report)
{
    // One statement, so the critical reports and their first done callouts are found once:
    // the figures' rows (0) of each group, then the breaches' (1), most minutes over first.
    const QString target = QString::number(qint64(report.targetMinutes) * 60000);
    const QString noBreach = QStringList(breachColumns, u"NULL"_s).join(u", "_s);
    QString figures;
    if (m_connection.isPostgreSql()) {
        figures
            = u"SELECT 0, GROUPING(department_id, week), department_id, week, COUNT(*), "
              "COUNT(ms), COUNT(*) FILTER (WHERE ms <= %1), COUNT(*) FILTER (WHERE ms IS NULL), "
              "COUNT(*) FILTER (WHERE open_ms > %1), "
              "percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), "
              "percentile_cont(0.9) WITHIN GROUP (ORDER BY ms), %2 FROM timed "
              "GROUP BY GROUPING SETS ((department_id, week), (department_id), (week), ())"_s.arg(
                  target, noBreach);
    } else {
        QStringList groups;
        for (const auto &[kind, keys] :
             {std::pair{DepartmentWeek, QStringList{u"department_id"_s, u"week"_s}},
              std::pair{DepartmentTotal, QStringList{u"department_id"_s}},
              std::pair{LabWeek, QStringList{u"week"_s}}, std::pair{LabTotal, QStringList()}})
            groups << sqliteFigures(kind, keys, report.targetMinutes, noBreach);
        figures = groups.join(u" UNION ALL "_s);
    }
    const int overMs = 4 + figureColumns + breachColumns - 1;
    auto query = m_connection.run(
        tr("Computing the compliance figures"),
        timed.sql
            + u"SELECT * FROM (%1 UNION ALL %2) report_rows ORDER BY 1, 2, 3, 4, %3 DESC, %4"_s
                  .arg(figures, breachesSelect(report.targetMinutes))
                  .arg(overMs + 1)
                  .arg(4 + figureColumns + 3),
        timed.values);
    if (!query)
        return query.failure();
    std::map<qint64, ComplianceDepartment *> departments;
    for (ComplianceDepartment &department : report.departments)
        departments[department.department.id] = &department;
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        if (row.value(0).toInt() == 1) {
            report.breaches.append(breachOf(row, 4 + figureColumns));
            continue;
        }
        const ComplianceFigures groupFigures = figuresOf(row, 4);
        const int kind = row.value(1).toInt();
        if (kind == LabTotal) {
            report.labTotal = groupFigures;
            continue;
        }
        const QDate week = row.value(3).toDate();
        if (kind == LabWeek) {
            report.labWeeks.append({week, groupFigures});
            continue;
        }
        const auto department = departments.find(row.value(2).toLongLong());
        if (department == departments.end())
            continue; // a department the session may not see cannot have visible reports
        if (kind == DepartmentWeek)
            department->second->weeks.append({week, groupFigures});
        else
            department->second->total = groupFigures;
    }
    // The departments with critical reports in the period, by name.
    report.departments.removeIf([](const ComplianceDepartment &department) {
        return department.total.criticalReports == 0;
    });
    return Done{};
}

} // namespace calloutdesk
