#include "EngineTestCase.h"
#include "services/db/Migration.h"
#include "services/db/MigrationRunner.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestMigrations : public EngineTestCase
{
    Q_OBJECT

public:
    TestMigrations()
        : EngineTestCase(Schema::Empty)
    { }

private slots:
    void bothEnginesCarryTheSameVersions()
    {
        const auto postgres = Migration::bundled(DatabaseUrl::Engine::PostgreSql);
        const auto sqlite = Migration::bundled(DatabaseUrl::Engine::Sqlite);
        QVERIFY(!postgres.isEmpty());
        QCOMPARE(postgres.size(), sqlite.size());
        for (qsizetype i = 0; i < postgres.size(); ++i) {
            // Increasing, each number once (a number may be left to another branch).
            QVERIFY(postgres.at(i).version > (i == 0 ? 0 : postgres.at(i - 1).version));
            QCOMPARE(sqlite.at(i).version, postgres.at(i).version);
            QCOMPARE(sqlite.at(i).name, postgres.at(i).name);
        }
    }

    void appliesOnAnEmptyDatabase()
    {
        MigrationRunner runner(db());
        QCOMPARE(runner.currentVersion().value(), 0);
        QVERIFY(!runner.checkUpToDate().ok());

        const auto outcome = runner.migrate();
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
        const int latest = Migration::latestVersion(db().url().engine());
        QCOMPARE(outcome.value().fromVersion, 0);
        QCOMPARE(outcome.value().toVersion, latest);
        // Every bundled step once; their numbers need not follow one another.
        QCOMPARE(outcome.value().applied.size(), Migration::bundled(db().url().engine()).size());
        QCOMPARE(runner.currentVersion().value(), latest);
        QVERIFY(runner.checkUpToDate().ok());

        const QStringList tables = db().database().tables();
        for (const QString &table : {u"lab"_s,           u"department"_s,
                                     u"doctor"_s,        u"doctor_department"_s,
                                     u"lab_user"_s,      u"lab_user_department"_s,
                                     u"organisation"_s,  u"referral_doctor"_s,
                                     u"patient"_s,       u"bill"_s,
                                     u"lab_test"_s,      u"report"_s,
                                     u"report_value"_s,  u"report_format"_s,
                                     u"value_range"_s,   u"critical_callout"_s,
                                     u"activity_log"_s,  u"notification_setting"_s,
                                     u"index_outbox"_s,  u"notification_outbox"_s,
                                     u"schema_version"_s}) {
            QVERIFY2(tables.contains(table), qPrintable(table));
        }
    }

    void applyingTwiceIsANoOp()
    {
        MigrationRunner runner(db());
        QVERIFY(runner.migrate().ok());
        QVERIFY(exec(db(), u"INSERT INTO lab (name) VALUES ('Kept Lab')"_s));
        const qint64 versionRows
            = scalar(db(), u"SELECT COUNT(*) FROM schema_version"_s).toLongLong();

        const auto again = runner.migrate();
        QVERIFY(again.ok());
        QVERIFY(again.value().applied.isEmpty());
        QCOMPARE(again.value().fromVersion, again.value().toVersion);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM schema_version"_s).toLongLong(), versionRows);
        QCOMPARE(scalar(db(), u"SELECT name FROM lab"_s).toString(), u"Kept Lab"_s);
    }

    void newerSchemaIsRefusedUntouched()
    {
        MigrationRunner runner(db());
        QVERIFY(runner.migrate().ok());
        const int latest = Migration::latestVersion(db().url().engine());
        QVERIFY(exec(
            db(),
            u"INSERT INTO schema_version (version, name, applied_on) VALUES (%1, 'future', 'x')"_s
                .arg(latest + 5)));

        const auto outcome = runner.migrate();
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.failure().kind, Failure::Kind::Conflict);
        const QString message = outcome.failure().message;
        QVERIFY2(message.contains(u"schema version %1"_s.arg(latest + 5)), qPrintable(message));
        QVERIFY2(message.contains(u"Install a newer CalloutDesk"_s), qPrintable(message));

        const Status check = runner.checkUpToDate();
        QVERIFY(!check.ok());
        QCOMPARE(check.failure().message, message);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM schema_version"_s).toInt(),
                 int(Migration::bundled(db().url().engine()).size()) + 1);
    }

    void failedMigrationLeavesNothing()
    {
        // A half-applied schema would be worse than none: break the database so that
        // migration 1 fails midway, and check nothing of it stayed.
        QVERIFY(exec(db(), u"CREATE TABLE report_value (blocking integer)"_s));
        MigrationRunner runner(db());
        const auto outcome = runner.migrate();
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.failure().message.contains(u"schema migration 1"_s),
                 qPrintable(outcome.failure().message));
        const QStringList tables = db().database().tables();
        QVERIFY(!tables.contains(u"lab"_s));
        QVERIFY(!tables.contains(u"report"_s));
        QVERIFY(!tables.contains(u"schema_version"_s));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
