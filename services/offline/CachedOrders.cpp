#include "CachedOrders.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CachedOrders", text);
}

// A report a row names is linked only when the cache holds it: one of the order's own
// that the person sees. Otherwise the cache's foreign key would refuse the row.
QString reportOfTheOrder(const QString &column)
{
    return u"CASE WHEN EXISTS (SELECT 1 FROM report r WHERE r.id = t.%1 AND r.bill_id = t.bill_id) "
           "THEN t.%1 END"_s.arg(column);
}

// A report that keeps its order in the window, with one placeholder for the days. Open
// callouts are Pending (1) or Attempted (4), CriticalStatus.
QString windowCondition(const DatabaseConnection &connection)
{
    return u"(r.critical_values IN (1, 4) OR COALESCE(r.result_on, r.last_updated) >= %1)"_s.arg(
        SqlDialect(connection).timestampDaysAgo(u"CAST(? AS integer)"_s));
}

} // namespace

CachedOrders::CachedOrders(DatabaseConnection &server, DatabaseConnection &cache)
    : m_server(server)
    , m_cache(cache)
{ }

Result<QList<qint64>> CachedOrders::ordersOf(DatabaseConnection &connection, const QString &sql,
                                             const QVariantList &values)
{
    auto rows = connection.run(tr("Reading the orders of the offline window"), sql, values);
    if (!rows)
        return rows.failure();
    QList<qint64> bills;
    while (rows.value().next())
        bills << rows.value().value(0).toLongLong();
    return bills;
}

Result<QList<qint64>> CachedOrders::inWindow(int windowDays)
{
    return ordersOf(m_server,
                    u"SELECT DISTINCT r.bill_id FROM report r WHERE %1 ORDER BY 1"_s.arg(
                        windowCondition(m_server)),
                    {windowDays});
}

Result<QList<qint64>> CachedOrders::inWindow(int windowDays, const QList<qint64> &candidates)
{
    if (candidates.isEmpty())
        return QList<qint64>{};
    const SqlDialect server(m_server);
    return ordersOf(m_server,
                    u"SELECT DISTINCT r.bill_id FROM report r WHERE %1 AND %2 ORDER BY 1"_s.arg(
                        server.idIn(u"r.bill_id"_s), windowCondition(m_server)),
                    {server.idList(candidates), windowDays});
}

Result<QList<qint64>> CachedOrders::agedOut(int windowDays)
{
    return ordersOf(m_cache,
                    u"SELECT b.id FROM bill b WHERE NOT EXISTS (SELECT 1 FROM report r "
                    "WHERE r.bill_id = b.id AND %1) ORDER BY 1"_s.arg(windowCondition(m_cache)),
                    {windowDays});
}

void CachedOrders::prepareTables()
{
    if (!m_orderTables.empty())
        return;
    // In the order their foreign keys need.
    m_referenceTableNames = {u"lab"_s,           u"department"_s,   u"doctor"_s,
                             u"doctor_department"_s, u"lab_user"_s, u"lab_user_department"_s,
                             u"organisation"_s,  u"referral_doctor"_s, u"lab_test"_s,
                             u"report_format"_s, u"value_range"_s,  u"notification_setting"_s,
                             u"escalation_contact"_s};
    for (const QString &table : std::as_const(m_referenceTableNames))
        m_referenceTables.emplace_back(m_server, m_cache, table);

    const SqlDialect server(m_server);
    const QString ofBills = server.idIn(u"t.bill_id"_s);
    const QString reportsOfBills
        = u"(SELECT r.id FROM report r WHERE %1)"_s.arg(server.idIn(u"r.bill_id"_s));
    const auto add = [this](const QString &table, const QString &where, int idLists = 1,
                            CacheTableCopy::Existing existing = CacheTableCopy::Existing::Absent)
        -> CacheTableCopy & {
        m_orderTables.push_back({CacheTableCopy(m_server, m_cache, table), where, idLists, existing});
        return m_orderTables.back().copy;
    };
    // In the order the cache's foreign keys and C11 triggers need: an order's draft before
    // its Attempted reports, a report before the callouts and values naming it.
    add(u"patient"_s,
        u"t.id IN (SELECT b.patient_id FROM bill b WHERE %1)"_s.arg(server.idIn(u"b.id"_s)), 1,
        CacheTableCopy::Existing::Replaced);
    add(u"bill"_s, server.idIn(u"t.id"_s));
    add(u"critical_callout"_s, ofBills + u" AND t.is_draft"_s);
    add(u"report"_s, ofBills);
    add(u"report_value"_s, u"t.report_id IN "_s + reportsOfBills);
    add(u"critical_callout"_s, ofBills + u" AND NOT t.is_draft"_s)
        .readColumnAs(u"lab_report_id"_s, reportOfTheOrder(u"lab_report_id"_s));
    add(u"activity_log"_s, ofBills)
        .readColumnAs(u"lab_report_id"_s, reportOfTheOrder(u"lab_report_id"_s));
    add(u"activity_log_report"_s,
        u"t.activity_log_id IN (SELECT a.id FROM activity_log a WHERE %1) AND t.lab_report_id IN %2"_s
            .arg(server.idIn(u"a.bill_id"_s), reportsOfBills),
        2);
    add(u"notification_outbox"_s, ofBills)
        .readColumnAs(u"activity_log_id"_s,
                      u"CASE WHEN EXISTS (SELECT 1 FROM activity_log a WHERE a.id = "
                      "t.activity_log_id AND a.bill_id = t.bill_id) THEN t.activity_log_id END"_s);
}

Status CachedOrders::copyReference()
{
    prepareTables();
    // One round trip tells whether anything the person may read of them changed since the
    // last copy; most refreshes then write none of them.
    QStringList tables;
    for (const QString &table : m_referenceTableNames)
        tables << u"(SELECT string_agg(CAST(t AS text), ',' ORDER BY CAST(t AS text)) FROM %1 t)"_s
                      .arg(table);
    auto digest = m_server.run(tr("Reading the lab's reference rows"),
                               u"SELECT md5(concat_ws('|', %1))"_s.arg(tables.join(u", "_s)));
    if (!digest)
        return digest.failure();
    const QString current = digest.value().next() ? digest.value().value(0).toString() : QString();
    if (!current.isEmpty() && current == m_referenceDigest)
        return Done{};
    // A contact removed on the server goes here too, and its place in the calling order
    // is free for the one that took it (SPEC T3): the lab's few contacts are copied anew.
    if (auto cleared = m_cache.run(tr("Clearing the cached escalation contacts"),
                                   u"DELETE FROM escalation_contact"_s);
        !cleared) {
        return cleared.failure();
    }
    for (CacheTableCopy &table : m_referenceTables) {
        if (auto copied = table.copy(u"true"_s, {}, CacheTableCopy::Existing::Replaced); !copied)
            return copied.failure();
    }
    m_referenceDigest = current;
    return Done{};
}

Status CachedOrders::copy(const QList<qint64> &bills)
{
    if (bills.isEmpty())
        return Done{};
    prepareTables();
    const QVariant ids = SqlDialect(m_server).idList(bills);
    for (OrderTable &table : m_orderTables) {
        const QVariantList values(table.idLists, ids);
        if (auto copied = table.copy.copy(table.where, values, table.existing); !copied)
            return copied.failure();
    }
    return Done{};
}

Status CachedOrders::remove(const QList<qint64> &bills)
{
    if (bills.isEmpty())
        return Done{};
    const SqlDialect cache(m_cache);
    const QVariant ids = cache.idList(bills);
    auto patients = m_cache.run(tr("Reading the patients of orders in the offline cache"),
                                u"SELECT DISTINCT patient_id FROM bill WHERE %1"_s.arg(
                                    cache.idIn(u"id"_s)),
                                {ids});
    if (!patients)
        return patients.failure();
    QList<qint64> patientIds;
    while (patients.value().next())
        patientIds << patients.value().value(0).toLongLong();

    // Reports before the draft that names them (the cache's C11 triggers), the log's
    // deliveries before the log.
    const QStringList statements = {
        u"DELETE FROM notification_outbox WHERE %1"_s.arg(cache.idIn(u"bill_id"_s)),
        u"DELETE FROM report WHERE %1"_s.arg(cache.idIn(u"bill_id"_s)),
        u"DELETE FROM critical_callout WHERE %1"_s.arg(cache.idIn(u"bill_id"_s)),
        u"DELETE FROM activity_log WHERE %1"_s.arg(cache.idIn(u"bill_id"_s)),
        u"DELETE FROM bill WHERE %1"_s.arg(cache.idIn(u"id"_s)),
    };
    for (const QString &sql : statements) {
        if (auto removed = m_cache.run(tr("Removing orders from the offline cache"), sql, {ids});
            !removed) {
            return removed.failure();
        }
    }
    if (patientIds.isEmpty())
        return Done{};
    auto orphans = m_cache.run(
        tr("Removing patients from the offline cache"),
        u"DELETE FROM patient WHERE %1 AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.patient_id = patient.id)"_s
            .arg(cache.idIn(u"id"_s)),
        {cache.idList(patientIds)});
    if (!orphans)
        return orphans.failure();
    return Done{};
}

Status CachedOrders::removeAll()
{
    for (const QString &table :
         {u"notification_outbox"_s, u"activity_log_report"_s, u"activity_log"_s,
          u"report_value"_s, u"report"_s, u"critical_callout"_s, u"bill"_s, u"patient"_s}) {
        if (auto removed = m_cache.run(tr("Emptying the offline cache"),
                                       u"DELETE FROM %1"_s.arg(table));
            !removed) {
            return removed.failure();
        }
    }
    return Done{};
}

} // namespace calloutdesk
