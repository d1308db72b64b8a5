#include "EngineTestCase.h"
#include "services/callout/CalloutRequestLedger.h"
#include "services/callout/CriticalParameterEvaluator.h"
#include "services/db/DemoDataGenerator.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <tuple>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

DemoDataGenerator::Options smallLab(quint64 seed = 7)
{
    DemoDataGenerator::Options options;
    options.seed = seed;
    options.orders = 400;
    options.anchor = QDate(2026, 11, 1);
    return options;
}

// A digest of the rows that make the sample lab, in id order, engine-neutral: numbers
// are compared as numbers and booleans as 0/1.
QByteArray contentDigest(DatabaseConnection &connection)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QStringList queries = {
        u"SELECT id, name, sex, date_of_birth FROM patient ORDER BY id"_s,
        u"SELECT id, lab_id, lab_bill_id, patient_id, referral_doctor_id, organisation_id, "
        "assigned_doctor_id FROM bill ORDER BY id"_s,
        u"SELECT id, bill_id, lab_test_id, critical_values, CASE WHEN dismissed THEN 1 ELSE 0 END, "
        "CASE WHEN sample_collected THEN 1 ELSE 0 END, CASE WHEN completed THEN 1 ELSE 0 END, "
        "CASE WHEN is_signed THEN 1 ELSE 0 END, CASE WHEN is_approved THEN 1 ELSE 0 END, "
        "row_version FROM report ORDER BY id"_s,
        u"SELECT id, report_id, report_format_id, value FROM report_value ORDER BY id"_s,
        u"SELECT id, bill_id, lab_report_id, status, comment, "
        "CASE WHEN is_draft THEN 1 ELSE 0 END, performed_by_user_id, performed_by_doctor_id "
        "FROM critical_callout ORDER BY id"_s,
        u"SELECT id, bill_id, lab_report_id, lab_user_id, performed_by_doctor_id, lab_user_name, "
        "activity_text FROM activity_log ORDER BY id"_s,
        u"SELECT activity_log_id, lab_id, lab_report_id FROM activity_log_report "
        "ORDER BY activity_log_id, lab_report_id"_s,
        u"SELECT id, activity_log_id, channel, recipient_kind, address, state "
        "FROM notification_outbox ORDER BY id"_s,
    };
    for (const QString &sql : queries) {
        QSqlQuery query(connection.database());
        if (!query.exec(sql)) {
            qWarning("digest query failed: %s", qPrintable(sql));
            return {};
        }
        while (query.next()) {
            for (int i = 0; i < query.record().count(); ++i) {
                const QVariant value = query.value(i);
                QString text = value.isNull() ? u"∅"_s : value.toString();
                if (i > 0 && text.size() > 10 && text.at(4) == u'-' && text.at(7) == u'-')
                    text = text.left(10); // a date may come back as a date or as text
                hash.addData(text.toUtf8());
                hash.addData("|");
            }
            hash.addData("\n");
        }
    }
    return hash.result().toHex();
}

} // namespace

class TestDemoData : public EngineTestCase
{
    Q_OBJECT

    // A rule that holds for one seed may hold by luck; three labs make that unlikely.
    static void seeds()
    {
        QTest::addColumn<quint64>("seed");
        for (const quint64 seed : {7, 2026, 31337})
            QTest::addRow("seed %llu", seed) << seed;
    }

private slots:
    void fillsAVariedLab()
    {
        const auto summary = DemoDataGenerator(db()).generate(smallLab());
        QVERIFY2(summary.ok(), qPrintable(summary ? QString() : summary.failure().message));
        QCOMPARE(summary.value().orders, 400);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM bill"_s).toInt(), 400);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM report"_s).toLongLong(),
                 summary.value().reports);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM lab"_s).toInt(), 2);
        // Orders have several tests each.
        QVERIFY(summary.value().reports >= 2 * 400);

        for (int status = 0; status <= 4; ++status) {
            QVERIFY2(scalar(db(),
                            u"SELECT COUNT(*) FROM report WHERE critical_values = %1"_s.arg(status))
                             .toInt()
                         > 0,
                     qPrintable(u"no report in status %1"_s.arg(status)));
        }
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM report WHERE dismissed = %1"_s.arg(sqlTrue()))
                    .toInt()
                > 0);
        QVERIFY(scalar(db(),
                       u"SELECT COUNT(*) FROM report WHERE sample_collected = %1"_s.arg(sqlFalse()))
                    .toInt()
                > 0);
        // A report in a callout status has values: R1 must be able to find its parameters.
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM report r WHERE critical_values IN (1, 2, 4) "
                        "AND NOT EXISTS (SELECT 1 FROM report_value v WHERE v.report_id = r.id)"_s)
                     .toInt(),
                 0);

        // People of every kind V2 distinguishes.
        QCOMPARE(scalar(db(), u"SELECT COUNT(DISTINCT doc_type) FROM doctor"_s).toInt(), 2);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM doctor_department"_s).toInt() > 0);
        QCOMPARE(
            scalar(db(), u"SELECT COUNT(DISTINCT department_data_type) FROM lab_user"_s).toInt(),
            2);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM lab_user_department"_s).toInt() > 0);
        QVERIFY(
            scalar(db(), u"SELECT COUNT(*) FROM lab_user WHERE is_support = %1"_s.arg(sqlTrue()))
                .toInt()
            > 0);
        QVERIFY(scalar(db(), u"SELECT COUNT(DISTINCT sex) FROM patient"_s).toInt() >= 2);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM organisation"_s).toInt() > 0);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM referral_doctor"_s).toInt() > 0);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM patient WHERE date_of_birth > '2026-10-04'"_s)
                    .toInt()
                > 0);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM patient WHERE date_of_birth < '1966-11-01'"_s)
                    .toInt()
                > 0);

        // Critical bounds, some by age and sex.
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM report_format WHERE critical_low IS NOT NULL"_s)
                    .toInt()
                > 0);
        QVERIFY(
            scalar(db(),
                   u"SELECT COUNT(*) FROM report_format WHERE age_range_flag = %1"_s.arg(sqlTrue()))
                .toInt()
            > 0);
        QVERIFY(scalar(db(), u"SELECT COUNT(*) FROM value_range"_s).toInt() > 0);

        // Every lab has its notification settings.
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM notification_setting WHERE setting_key IN "
                        "('is_email','is_fax','is_sms','is_whatsapp','always_notify',"
                        "'mandatory_comment','share_comment','show_patient_name')"_s)
                     .toInt(),
                 16);

        // Attempted orders have exactly their one draft; done reports their audit rows.
        QCOMPARE(
            scalar(db(), u"SELECT COUNT(DISTINCT bill_id) FROM report WHERE critical_values = 4"_s)
                .toInt(),
            scalar(db(),
                   u"SELECT COUNT(*) FROM critical_callout WHERE is_draft = %1"_s.arg(sqlTrue()))
                .toInt());
        QCOMPARE(
            scalar(db(), u"SELECT COUNT(*) FROM report WHERE critical_values = 2"_s).toInt(),
            scalar(db(),
                   u"SELECT COUNT(*) FROM critical_callout WHERE is_draft = %1"_s.arg(sqlFalse()))
                .toInt());
        QVERIFY(
            scalar(db(), u"SELECT COUNT(*) FROM activity_log WHERE log_category_id = 648"_s).toInt()
            > 0);
        // The history names the lab user or the doctor who did it, each by their own kind.
        QCOMPARE(scalar(db(),
                        u"SELECT COUNT(*) FROM activity_log a JOIN lab_user u "
                        "ON u.id = a.lab_user_id AND u.name = a.lab_user_name"_s)
                         .toInt()
                     + scalar(db(),
                              u"SELECT COUNT(*) FROM activity_log a JOIN doctor d "
                              "ON d.id = a.performed_by_doctor_id AND d.name = a.lab_user_name"_s)
                           .toInt(),
                 scalar(db(), u"SELECT COUNT(*) FROM activity_log"_s).toInt());
    }

    // SPEC U4, C2, C3, C8, C11, C12, V2: the demo holds only states that the program's
    // own actions could have written, so what a user sees in it is what a lab would see.
    void writesOnlyStatesTheProgramCanReach_data() { seeds(); }
    void writesOnlyStatesTheProgramCanReach()
    {
        QFETCH(quint64, seed);
        const auto summary = DemoDataGenerator(db()).generate(smallLab(seed));
        QVERIFY2(summary.ok(), qPrintable(summary ? QString() : summary.failure().message));

        // Engine dialects for the JSON the rules are written in.
        const auto jsonNames = [this](const QString &json, const QString &key, const QString &id) {
            return isPostgres()
                ? u"((%1) -> '%2') @> to_jsonb(%3)"_s.arg(json, key, id)
                : u"EXISTS (SELECT 1 FROM json_each(%1, '$.%2') AS n WHERE n.value = %3)"_s.arg(
                    json, key, id);
        };
        const auto jsonLength = [this](const QString &json, const QString &key) {
            return isPostgres() ? u"jsonb_array_length((%1) -> '%2')"_s.arg(json, key)
                                : u"json_array_length(%1, '$.%2')"_s.arg(json, key);
        };
        const auto jsonElements = [this](const QString &json, const QString &key) {
            return isPostgres()
                ? u"CROSS JOIN LATERAL jsonb_array_elements_text((%1) -> '%2') AS n(value)"_s.arg(
                    json, key)
                : u"CROSS JOIN json_each(%1, '$.%2') AS n"_s.arg(json, key);
        };
        const auto jsonInteger = [this](const QString &json, const QString &key) {
            return isPostgres() ? u"CAST((%1) ->> '%2' AS integer)"_s.arg(json, key)
                                : u"json_extract(%1, '$.%2')"_s.arg(json, key);
        };
        const QString element = isPostgres() ? u"CAST(n.value AS bigint)"_s : u"n.value"_s;
        const QString isDone = isPostgres()
            ? u"(a.dumped_json -> 'is_draft') IS NULL"_s
            : u"json_extract(a.dumped_json, '$.is_draft') IS NULL"_s;
        const QString anchor = u"'2026-11-01T00:00:00.000Z'"_s;
        const QString callout = u"a.log_category_id = 648"_s;
        const QString sameActor
            = u"(a.lab_user_id = c.performed_by_user_id "
              "OR (a.lab_user_id IS NULL AND c.performed_by_user_id IS NULL)) "
              "AND (a.performed_by_doctor_id = c.performed_by_doctor_id "
              "OR (a.performed_by_doctor_id IS NULL AND c.performed_by_doctor_id IS NULL))"_s;
        const QString namedByCallout
            = u"EXISTS (SELECT 1 FROM activity_log_report l JOIN activity_log a "
              "ON a.id = l.activity_log_id WHERE l.lab_report_id = r.id AND %1)"_s.arg(callout);
        const QString namedByDoneCallout
            = u"EXISTS (SELECT 1 FROM activity_log_report l JOIN activity_log a "
              "ON a.id = l.activity_log_id WHERE l.lab_report_id = r.id AND %1 AND %2)"_s.arg(
                  callout, isDone);
        const QString actorSees
            = u"(EXISTS (SELECT 1 FROM lab_user u WHERE u.id = a.lab_user_id "
              "  AND u.lab_id = a.lab_id AND (u.is_support "
              "       OR (u.department_data_type = 0 AND u.home_department_id = t.department_id) "
              "       OR (u.department_data_type = 1 AND EXISTS (SELECT 1 "
              "           FROM lab_user_department ud WHERE ud.lab_user_id = u.id "
              "           AND ud.department_id = t.department_id)))) "
              "OR EXISTS (SELECT 1 FROM doctor d WHERE d.id = a.performed_by_doctor_id "
              "  AND d.lab_id = a.lab_id "
              "  AND ((d.doc_type = 0 AND EXISTS (SELECT 1 FROM doctor_department dd "
              "        WHERE dd.doctor_id = d.id AND dd.department_id = t.department_id)) "
              "       OR (d.doc_type = 2 AND b.assigned_doctor_id = d.id))))"_s;

        const QList<std::pair<const char *, QString>> broken = {
            // ReportSignoff: approving needs a signature, signing needs every value.
            {"approved without being signed",
             u"SELECT COUNT(*) FROM report WHERE is_approved AND NOT is_signed"_s},
            {"signed before all values were entered",
             u"SELECT COUNT(*) FROM report WHERE is_signed AND NOT completed"_s},
            {"a result status without a result",
             u"SELECT COUNT(*) FROM report WHERE critical_values <> 0 AND NOT completed"_s},
            // U4 through the gate: always_notify lets nothing critical be signed or
            // approved before a callout names it.
            {"signed or approved in a callout status with no callout, under always_notify",
             u"SELECT COUNT(*) FROM report r JOIN notification_setting s ON s.lab_id = r.lab_id "
             "AND s.setting_key = 'always_notify' AND s.enabled "
             "WHERE r.critical_values IN (1, 2, 4) AND (r.is_signed OR r.is_approved) "
             "AND NOT %1"_s.arg(namedByCallout)},
            // U13: the demo labs keep gate_requires_done on, so an attempt is not enough.
            {"signed or approved in a callout status with no done callout, under "
             "gate_requires_done",
             u"SELECT COUNT(*) FROM report r JOIN notification_setting s ON s.lab_id = r.lab_id "
             "AND s.setting_key = 'always_notify' AND s.enabled "
             "JOIN lab l ON l.id = r.lab_id AND l.gate_requires_done "
             "WHERE r.critical_values IN (1, 2, 4) AND (r.is_signed OR r.is_approved) "
             "AND NOT EXISTS (SELECT 1 FROM critical_callout c WHERE c.lab_report_id = r.id "
             "AND NOT c.is_draft)"_s},
            // C11 and R2: Attempted reports and the draft naming them.
            {"Attempted without its order's draft naming it",
             u"SELECT COUNT(*) FROM report r WHERE r.critical_values = 4 AND NOT EXISTS "
             "(SELECT 1 FROM critical_callout d WHERE d.bill_id = r.bill_id AND d.is_draft "
             "AND %1)"_s.arg(
                 jsonNames(u"d.critical_callout_meta"_s, u"lab_report_ids"_s, u"r.id"_s))},
            {"a draft naming a report that is not Attempted on its order",
             u"SELECT COUNT(*) FROM critical_callout d %1 LEFT JOIN report r ON r.id = %2 "
             "AND r.bill_id = d.bill_id AND r.critical_values = 4 "
             "WHERE d.is_draft AND r.id IS NULL"_s.arg(
                 jsonElements(u"d.critical_callout_meta"_s, u"lab_report_ids"_s), element)},
            {"a draft whose callout_for misses the test of a report it names",
             u"SELECT COUNT(*) FROM critical_callout d %1 JOIN report r ON r.id = %2 "
             "WHERE d.is_draft AND NOT %3"_s.arg(
                 jsonElements(u"d.critical_callout_meta"_s, u"lab_report_ids"_s), element,
                 jsonNames(u"d.critical_callout_meta"_s, u"callout_for"_s, u"r.lab_test_id"_s))},
            // D4: a done callout replaces the order's draft and none follows it.
            {"an order with both a draft and a done callout",
             u"SELECT COUNT(*) FROM critical_callout d JOIN critical_callout c "
             "ON c.bill_id = d.bill_id AND NOT c.is_draft WHERE d.is_draft"_s},
            {"a draft without its attempt in the activity log",
             u"SELECT COUNT(*) FROM critical_callout c WHERE c.is_draft AND NOT EXISTS "
             "(SELECT 1 FROM activity_log a WHERE a.bill_id = c.bill_id AND %1 AND NOT %2 "
             "AND a.activity_date = c.created_on AND %3)"_s.arg(callout, isDone, sameActor)},
            // C2, C3: a Done report has its audit row and the done callout naming it.
            {"Done without an audit row",
             u"SELECT COUNT(*) FROM report r WHERE r.critical_values = 2 AND NOT EXISTS "
             "(SELECT 1 FROM critical_callout c WHERE c.lab_report_id = r.id "
             "AND NOT c.is_draft)"_s},
            {"Done without a done callout naming it",
             u"SELECT COUNT(*) FROM report r WHERE r.critical_values = 2 AND NOT %1"_s.arg(
                 namedByDoneCallout)},
            {"an audit row without the log entry of its callout",
             u"SELECT COUNT(*) FROM critical_callout c WHERE NOT c.is_draft AND NOT EXISTS "
             "(SELECT 1 FROM activity_log a JOIN activity_log_report l ON l.activity_log_id = a.id "
             "WHERE a.bill_id = c.bill_id AND l.lab_report_id = c.lab_report_id AND %1 AND %2 "
             "AND a.activity_date = c.created_on AND %3)"_s.arg(callout, isDone, sameActor)},
            // C8: each entry is linked to exactly the reports it names, of its own order.
            {"a callout entry linked to fewer or more reports than it names",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND %2 <> "
             "(SELECT COUNT(*) FROM activity_log_report l WHERE l.activity_log_id = a.id)"_s.arg(
                 callout, jsonLength(u"a.dumped_json"_s, u"lab_report_ids"_s))},
            {"a link to a report its entry does not name",
             u"SELECT COUNT(*) FROM activity_log_report l JOIN activity_log a "
             "ON a.id = l.activity_log_id WHERE NOT %1"_s.arg(
                 jsonNames(u"a.dumped_json"_s, u"lab_report_ids"_s, u"l.lab_report_id"_s))},
            {"an entry whose first report is not linked",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND NOT EXISTS (SELECT 1 FROM "
             "activity_log_report l WHERE l.activity_log_id = a.id "
             "AND l.lab_report_id = a.lab_report_id)"_s.arg(callout)},
            {"a link to a report of another order or lab",
             u"SELECT COUNT(*) FROM activity_log_report l JOIN activity_log a "
             "ON a.id = l.activity_log_id JOIN report r ON r.id = l.lab_report_id "
             "WHERE r.bill_id <> a.bill_id OR r.lab_id <> a.lab_id OR l.lab_id <> a.lab_id"_s},
            // C12: one actor, of one kind, named by their own name.
            {"a callout entry without its actor",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND a.lab_user_id IS NULL "
             "AND a.performed_by_doctor_id IS NULL"_s.arg(callout)},
            {"an audit row with no actor or two",
             u"SELECT COUNT(*) FROM critical_callout WHERE "
             "(performed_by_user_id IS NULL AND performed_by_doctor_id IS NULL) "
             "OR (performed_by_user_id IS NOT NULL AND performed_by_doctor_id IS NOT NULL)"_s},
            {"an entry whose name is not its actor's",
             u"SELECT COUNT(*) FROM activity_log a WHERE NOT EXISTS (SELECT 1 FROM lab_user u "
             "WHERE u.id = a.lab_user_id AND u.lab_id = a.lab_id AND u.name = a.lab_user_name) "
             "AND NOT EXISTS (SELECT 1 FROM doctor d WHERE d.id = a.performed_by_doctor_id "
             "AND d.lab_id = a.lab_id AND d.name = a.lab_user_name)"_s},
            // V2, C7: nobody calls out a report they may not see.
            {"a callout naming a report its actor may not see",
             u"SELECT COUNT(*) FROM activity_log_report l JOIN activity_log a "
             "ON a.id = l.activity_log_id JOIN report r ON r.id = l.lab_report_id "
             "JOIN lab_test t ON t.id = r.lab_test_id JOIN bill b ON b.id = r.bill_id "
             "WHERE NOT %1"_s.arg(actorSees)},
            // Every change after the results bumps the row version (E4 orders by it).
            {"a report signed or called out still at its first version",
             u"SELECT COUNT(*) FROM report r WHERE r.row_version = 1 "
             "AND (r.is_signed OR %1)"_s.arg(namedByCallout)},
            // C9: each submission's request id and what it recorded, as CalloutWriter keeps it.
            {"a callout entry without its request id or outcome",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 "
             "AND (a.request_id IS NULL OR a.request_outcome IS NULL)"_s.arg(callout)},
            {"a done callout's outcome not naming exactly its audit rows",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND %2 AND (%3 <> "
             "(SELECT COUNT(*) FROM critical_callout c WHERE c.bill_id = a.bill_id "
             "AND NOT c.is_draft AND c.created_on = a.activity_date) OR EXISTS (SELECT 1 "
             "FROM critical_callout c WHERE c.bill_id = a.bill_id AND NOT c.is_draft "
             "AND c.created_on = a.activity_date AND NOT %4))"_s.arg(
                 callout, isDone, jsonLength(u"a.request_outcome"_s, u"audit_row_ids"_s),
                 jsonNames(u"a.request_outcome"_s, u"audit_row_ids"_s, u"c.id"_s))},
            {"an outcome counting other messages than were queued",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND %2 <> "
             "(SELECT COUNT(*) FROM notification_outbox o WHERE o.activity_log_id = a.id)"_s.arg(
                 callout, jsonInteger(u"a.request_outcome"_s, u"notifications_queued"_s))},
            // Time runs forward and stops at the anchor.
            {"a callout before the result it names",
             u"SELECT COUNT(*) FROM activity_log_report l JOIN activity_log a "
             "ON a.id = l.activity_log_id JOIN report r ON r.id = l.lab_report_id "
             "WHERE r.result_on IS NULL OR a.activity_date < r.result_on"_s},
            {"a report changed before its last callout",
             u"SELECT COUNT(*) FROM report r JOIN activity_log_report l ON l.lab_report_id = r.id "
             "JOIN activity_log a ON a.id = l.activity_log_id "
             "WHERE a.activity_date > r.last_updated"_s},
            {"a result before its order or after the last change",
             u"SELECT COUNT(*) FROM report r JOIN bill b ON b.id = r.bill_id "
             "WHERE r.result_on < b.bill_date OR r.result_on > r.last_updated"_s},
            {"something after the anchor",
             u"SELECT (SELECT COUNT(*) FROM report WHERE last_updated >= %1 OR result_on >= %1) "
             "+ (SELECT COUNT(*) FROM activity_log WHERE activity_date >= %1) "
             "+ (SELECT COUNT(*) FROM critical_callout WHERE created_on >= %1)"_s.arg(anchor)},
            // N1: only a done callout queues messages.
            {"a message of an attempt",
             u"SELECT COUNT(*) FROM notification_outbox o JOIN activity_log a "
             "ON a.id = o.activity_log_id WHERE NOT %1"_s.arg(isDone)},
        };
        for (const auto &[rule, sql] : broken) {
            const QVariant count = scalar(db(), sql);
            QVERIFY2(count.isValid(), qPrintable(u"query failed: "_s + sql));
            QVERIFY2(count.toInt() == 0,
                     qPrintable(u"%1 rows: %2"_s.arg(count.toInt()).arg(QLatin1StringView(rule))));
        }

        // C9: the program's own ledger answers a repeat of any demo callout with its record.
        QList<std::tuple<qint64, qint64, QString>> entries;
        {
            QSqlQuery query(db().database());
            QVERIFY(query.exec(u"SELECT id, lab_id, request_id FROM activity_log ORDER BY id"_s));
            while (query.next()) {
                entries.append({query.value(0).toLongLong(), query.value(1).toLongLong(),
                                query.value(2).toString()});
            }
        }
        QVERIFY(!entries.isEmpty());
        for (const auto &[id, lab, requestId] : std::as_const(entries)) {
            const auto found = CalloutRequestLedger(db()).find(lab, requestId);
            QVERIFY(found.ok());
            QVERIFY2(found.value().has_value(), qPrintable(requestId));
            QCOMPARE(found.value()->activityLogId, id);
            QVERIFY(!found.value()->transitions.isEmpty());
            QVERIFY(!found.value()->auditRowIds.isEmpty());
        }

        // Each rule above holds over data that has what it talks about.
        const QList<std::pair<const char *, QString>> present = {
            {"signed reports", u"SELECT COUNT(*) FROM report WHERE is_signed"_s},
            {"approved reports", u"SELECT COUNT(*) FROM report WHERE is_approved"_s},
            {"Pending reports", u"SELECT COUNT(*) FROM report WHERE critical_values = 1"_s},
            {"Attempted reports", u"SELECT COUNT(*) FROM report WHERE critical_values = 4"_s},
            {"Done reports", u"SELECT COUNT(*) FROM report WHERE critical_values = 2"_s},
            {"signed critical reports under always_notify",
             u"SELECT COUNT(*) FROM report r JOIN notification_setting s ON s.lab_id = r.lab_id "
             "AND s.setting_key = 'always_notify' AND s.enabled "
             "WHERE r.critical_values IN (2, 4) AND r.is_signed"_s},
            {"Pending reports waiting for their callout under always_notify",
             u"SELECT COUNT(*) FROM report r JOIN notification_setting s ON s.lab_id = r.lab_id "
             "AND s.setting_key = 'always_notify' AND s.enabled "
             "WHERE r.critical_values = 1 AND r.completed AND NOT r.is_signed"_s},
            {"a lab without always_notify",
             u"SELECT COUNT(*) FROM notification_setting WHERE setting_key = 'always_notify' "
             "AND NOT enabled"_s},
            {"attempts",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND NOT %2"_s.arg(callout, isDone)},
            {"done callouts",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1 AND %2"_s.arg(callout, isDone)},
            {"callouts naming several reports",
             u"SELECT COUNT(*) FROM activity_log a WHERE (SELECT COUNT(*) "
             "FROM activity_log_report l WHERE l.activity_log_id = a.id) >= 2"_s},
            {"callouts by doctors",
             u"SELECT COUNT(*) FROM activity_log WHERE performed_by_doctor_id IS NOT NULL"_s},
            {"callouts by lab users",
             u"SELECT COUNT(*) FROM activity_log WHERE lab_user_id IS NOT NULL"_s},
            {"callouts by department-scoped lab users",
             u"SELECT COUNT(*) FROM activity_log a JOIN lab_user u ON u.id = a.lab_user_id "
             "WHERE NOT u.is_support"_s},
            {"drafts by doctors",
             u"SELECT COUNT(*) FROM critical_callout "
             "WHERE is_draft AND performed_by_doctor_id IS NOT NULL"_s},
            {"callouts that replaced a draft",
             u"SELECT COUNT(*) FROM activity_log a WHERE %1"_s.arg(
                 isPostgres() ? u"(a.request_outcome -> 'replaced_draft') = 'true'"_s
                              : u"json_extract(a.request_outcome, '$.replaced_draft') = 1"_s)},
            {"delivered messages",
             u"SELECT COUNT(*) FROM notification_outbox WHERE state = 'sent'"_s},
        };
        for (const auto &[what, sql] : present) {
            const QVariant count = scalar(db(), sql);
            QVERIFY2(count.isValid(), qPrintable(u"query failed: "_s + sql));
            QVERIFY2(count.toInt() > 0, qPrintable(u"no %1"_s.arg(QLatin1StringView(what))));
        }
    }

    // R1: the program itself finds the critical parameters a report's status claims, with
    // the bounds for the patient's age and sex, and the audit rows record what it finds.
    void criticalStatusesMatchTheProgramsEvaluation_data() { seeds(); }
    void criticalStatusesMatchTheProgramsEvaluation()
    {
        QFETCH(quint64, seed);
        QVERIFY(DemoDataGenerator(db()).generate(smallLab(seed)).ok());
        QList<CriticalParameterEvaluator::Subject> subjects;
        QHash<qint64, int> statusById;
        {
            QSqlQuery query(db().database());
            QVERIFY(
                query.exec(u"SELECT r.id, r.critical_values, p.sex, p.date_of_birth, "
                           "r.result_on, b.bill_date FROM report r JOIN bill b ON b.id = r.bill_id "
                           "JOIN patient p ON p.id = b.patient_id WHERE r.completed"_s));
            while (query.next()) {
                const QDateTime resultOn = query.value(4).toDateTime();
                const QString sex = query.value(2).toString();
                subjects.append(
                    {query.value(0).toLongLong(), sex.isEmpty() ? QChar(u'U') : sex.at(0),
                     query.value(3).toDate(),
                     (resultOn.isValid() ? resultOn : query.value(5).toDateTime()).toUTC().date()});
                statusById.insert(query.value(0).toLongLong(), query.value(1).toInt());
            }
        }
        QVERIFY(subjects.size() > 500);
        const auto found = CriticalParameterEvaluator(db()).evaluate(subjects);
        QVERIFY(found.ok());
        int critical = 0;
        for (auto it = statusById.cbegin(); it != statusById.cend(); ++it) {
            const bool calloutStatus = it.value() == 1 || it.value() == 2 || it.value() == 4;
            QVERIFY2(calloutStatus == found.value().contains(it.key()),
                     qPrintable(u"report %1 in status %2"_s.arg(it.key()).arg(it.value())));
            critical += calloutStatus ? 1 : 0;
        }
        QVERIFY(critical > 0);

        QSqlQuery rows(db().database());
        QVERIFY(rows.exec(u"SELECT lab_report_id, critical_values_meta FROM critical_callout "
                          "WHERE NOT is_draft"_s));
        int compared = 0;
        while (rows.next()) {
            QJsonArray expected;
            for (const CriticalParameter &parameter :
                 found.value().value(rows.value(0).toLongLong()))
                expected.append(parameter.toJson());
            QCOMPARE(QJsonDocument::fromJson(rows.value(1).toString().toUtf8()).array(), expected);
            ++compared;
        }
        QVERIFY(compared > 0);
    }

    void refusesADatabaseWithData()
    {
        QVERIFY(DemoDataGenerator(db()).generate(smallLab()).ok());
        const int reports = scalar(db(), u"SELECT COUNT(*) FROM report"_s).toInt();
        const auto again = DemoDataGenerator(db()).generate(smallLab());
        QVERIFY(!again.ok());
        QCOMPARE(again.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(again.failure().message.contains(u"already holds lab data"_s),
                 qPrintable(again.failure().message));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM report"_s).toInt(), reports);
    }

    void refusesAnImpossibleOrderCount()
    {
        auto options = smallLab();
        options.orders = 0;
        const auto result = DemoDataGenerator(db()).generate(options);
        QVERIFY(!result.ok());
        QVERIFY(result.failure().message.contains(u"between 1 and"_s));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM lab"_s).toInt(), 0);
    }

    void newRowsGetFreshIds()
    {
        // Explicit ids must not leave the id sequences behind on PostgreSQL.
        QVERIFY(DemoDataGenerator(db()).generate(smallLab()).ok());
        QString error;
        QVERIFY2(exec(db(), u"INSERT INTO lab (name) VALUES ('Another Lab')"_s, &error),
                 qPrintable(error));
        QVERIFY2(
            exec(
                db(),
                u"INSERT INTO activity_log (lab_id, log_category_id, lab_user_name, activity_text) "
                "VALUES (1, 648, 'x', 'y')"_s,
                &error),
            qPrintable(error));
    }

    void sameSeedSameLabOnBothEngines()
    {
        QFETCH_GLOBAL(QString, engine);
        if (engine != u"postgresql")
            QSKIP("compares both engines once, in the postgresql row");
        auto sqliteDatabase = TestDatabase::create(u"sqlite"_s);
        auto sqlite = sqliteDatabase->connectMigrated();
        QVERIFY(sqlite);
        QVERIFY(DemoDataGenerator(db()).generate(smallLab(11)).ok());
        QVERIFY(DemoDataGenerator(*sqlite).generate(smallLab(11)).ok());
        const QByteArray postgresDigest = contentDigest(db());
        QVERIFY(!postgresDigest.isEmpty());
        QCOMPARE(contentDigest(*sqlite), postgresDigest);

        auto otherDatabase = TestDatabase::create(u"sqlite"_s);
        auto other = otherDatabase->connectMigrated();
        QVERIFY(DemoDataGenerator(*other).generate(smallLab(12)).ok());
        QVERIFY(contentDigest(*other) != postgresDigest);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
