#include "EngineTestCase.h"
#include "services/db/DemoDataGenerator.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

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
        "CASE WHEN is_signed THEN 1 ELSE 0 END, CASE WHEN is_approved THEN 1 ELSE 0 END "
        "FROM report ORDER BY id"_s,
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
