// calloutctl simulate (SPEC T6): results written as a laboratory system would, critical
// by the program's own evaluation, that a desk can then call out.
#include "ProgramRun.h"
#include "TestDatabase.h"
#include "services/callout/CriticalParameterEvaluator.h"
#include "services/db/DatabaseConnection.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

ProgramRun calloutctl(const QStringList &arguments)
{
    return ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH), arguments);
}

// A demo lab (calloutctl demo: two labs, lab 1 with support lab user 5) in a database of
// the engine, written with the administrator's login as a laboratory system writes.
std::unique_ptr<TestDatabase> demoDatabase(const QString &engine)
{
    auto database = TestDatabase::create(engine);
    if (!database)
        return nullptr;
    const ProgramRun demo = calloutctl({u"--db"_s, database->url().displayString(), u"demo"_s,
                                        u"--orders"_s, u"20"_s, u"--seed"_s, u"3"_s});
    if (demo.exitCode != 0) {
        qWarning("demo: %s", qPrintable(demo.err));
        return nullptr;
    }
    return database;
}

} // namespace

class TestSimulate : public QObject
{
    Q_OBJECT

private slots:
    void writesReportsTheEngineCanCallOut_data() { TestDatabase::addEngineRows(); }
    void writesReportsTheEngineCanCallOut()
    {
        QFETCH(QString, engine);
        auto database = demoDatabase(engine);
        QVERIFY(database);
        auto db = database->connect();
        const qint64 lastReport = scalar(*db, u"SELECT MAX(id) FROM report"_s).toLongLong();
        const qint64 reportsBefore = scalar(*db, u"SELECT COUNT(*) FROM report"_s).toLongLong();
        const qint64 billsBefore = scalar(*db, u"SELECT COUNT(*) FROM bill"_s).toLongLong();

        const QDateTime started = QDateTime::currentDateTimeUtc().addSecs(-1);
        const ProgramRun run = calloutctl(
            {u"--db"_s, database->url().displayString(), u"simulate"_s, u"--rate"_s, u"600"_s,
             u"--per"_s, u"minute"_s, u"--for"_s, u"2s"_s, u"--lab"_s, u"1"_s, u"--json"_s});
        const QDateTime ended = QDateTime::currentDateTimeUtc().addSecs(1);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const qint64 written = summary[u"written"_s].toInteger();
        // 600 a minute for 2 s is 20 results due at 0, 0.1, … 1.9 s; a loaded machine may
        // fall behind, never ahead.
        QVERIFY2(written >= 12 && written <= 20, qPrintable(run.out));
        QCOMPARE(summary[u"lab_id"_s].toInteger(), 1);
        const QJsonArray results = summary[u"results"_s].toArray();
        QCOMPARE(results.size(), written);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM report"_s).toLongLong(),
                 reportsBefore + written);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM bill"_s).toLongLong(), billsBefore + written);

        // Every new report: completed, collected, its result time during the run, its status
        // exactly what CriticalParameterEvaluator finds for its patient, and its order noted
        // for the search index.
        auto rows = db->run(u"test"_s,
                            u"SELECT r.id, r.critical_values, r.result_on, p.sex, p.date_of_birth, "
                            "r.completed, r.sample_collected, r.bill_id, r.lab_id FROM report r "
                            "JOIN bill b ON b.id = r.bill_id JOIN patient p ON p.id = b.patient_id "
                            "WHERE r.id > ? ORDER BY r.id"_s,
                            {lastReport});
        QVERIFY(rows.ok());
        QList<CriticalParameterEvaluator::Subject> subjects;
        QHash<qint64, int> statusOf;
        QList<qint64> bills;
        while (rows.value().next()) {
            QSqlQuery &row = rows.value();
            const QDateTime resultOn = row.value(2).toDateTime().toUTC();
            QVERIFY2(resultOn >= started && resultOn <= ended,
                     qPrintable(resultOn.toString(Qt::ISODateWithMs)));
            QVERIFY(row.value(5).toBool());
            QVERIFY(row.value(6).toBool());
            QCOMPARE(row.value(8).toLongLong(), 1);
            const QString sex = row.value(3).toString();
            subjects.append({row.value(0).toLongLong(), sex.isEmpty() ? QChar(u'U') : sex.at(0),
                             QDate::fromString(row.value(4).toString().left(10), Qt::ISODate),
                             resultOn.date()});
            statusOf.insert(row.value(0).toLongLong(), row.value(1).toInt());
            bills << row.value(7).toLongLong();
        }
        QCOMPARE(subjects.size(), written);
        const auto critical = CriticalParameterEvaluator(*db).evaluate(subjects);
        QVERIFY(critical.ok());
        qint64 criticalCount = 0;
        qint64 calloutReport = 0, calloutBill = 0;
        for (qsizetype i = 0; i < subjects.size(); ++i) {
            const qint64 id = subjects.at(i).reportId;
            const bool isCritical = critical.value().contains(id);
            QCOMPARE(statusOf.value(id), isCritical ? 1 : 0);
            const QJsonObject result = results.at(i).toObject();
            QCOMPARE(result[u"report_id"_s].toInteger(), id);
            QCOMPARE(result[u"critical_values"_s].toInt(), statusOf.value(id));
            if (isCritical) {
                ++criticalCount;
                calloutReport = id;
                calloutBill = bills.at(i);
            }
            QCOMPARE(
                scalar(*db,
                       u"SELECT COUNT(*) FROM index_outbox WHERE bill_id = %1"_s.arg(bills.at(i)))
                    .toInt(),
                1);
        }
        QCOMPARE(summary[u"critical"_s].toInteger(), criticalCount);
        // About 80% are drawn critical; 12 or more draws without one are ~1e-8 likely.
        QVERIFY(criticalCount > 0);

        // The desk can call one out: a done callout by phone, as the lab's support login.
        const auto support = database->personArguments(u"support:5"_s);
        QVERIFY(support.ok());
        const QString when
            = QDateTime::currentDateTime().addSecs(-60).toString(u"yyyy-MM-ddTHH:mm"_s);
        const ProgramRun callout = calloutctl(
            support.value()
            + QStringList{u"callout"_s, u"--bill"_s, QString::number(calloutBill), u"--reports"_s,
                          QString::number(calloutReport), u"--done"_s, u"--called"_s,
                          u"patient@"_s + when, u"--recipient"_s, u"patient"_s, u"--comment"_s,
                          u"Told the patient by phone"_s});
        QVERIFY2(callout.exitCode == 0, qPrintable(callout.err + callout.out));
        QCOMPARE(
            scalar(*db, u"SELECT critical_values FROM report WHERE id = %1"_s.arg(calloutReport))
                .toInt(),
            2);
        QCOMPARE(scalar(*db,
                        u"SELECT COUNT(*) FROM critical_callout WHERE lab_report_id = %1 "
                        "AND NOT is_draft"_s.arg(calloutReport))
                     .toInt(),
                 1);
    }

    // Without --for it writes until SIGTERM, then ends cleanly with its summary.
    void endsCleanlyOnSigterm()
    {
        auto database = demoDatabase(u"sqlite"_s);
        QVERIFY(database);
        QProcess process;
        process.setProcessEnvironment(ProgramRun::environmentWith({}));
        process.start(QStringLiteral(CALLOUTCTL_PATH),
                      {u"--db"_s, database->url().displayString(), u"simulate"_s, u"--rate"_s,
                       u"20"_s, u"--per"_s, u"second"_s});
        QVERIFY(process.waitForStarted());
        QString out;
        QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(process.readAllStandardOutput()),
                                  out.count(u"  report "_s) >= 3),
                                 20000);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        out += QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(out.contains(u"stopped by a signal"_s), qPrintable(out));
        const qsizetype lines = out.count(u"  report "_s);
        QVERIFY2(out.contains(u"Wrote %1 results"_s.arg(lines)), qPrintable(out));
        auto db = database->connect();
        QCOMPARE(
            scalar(*db, u"SELECT COUNT(*) FROM bill WHERE lab_bill_id LIKE 'SIM-%'"_s).toLongLong(),
            lines);
    }

    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no rate") << QStringList{} << u"--rate N"_s;
        QTest::newRow("rate zero") << QStringList{u"--rate"_s, u"0"_s} << u"--rate must be"_s;
        QTest::newRow("rate words") << QStringList{u"--rate"_s, u"ten"_s} << u"not \"ten\""_s;
        QTest::newRow("per day") << QStringList{u"--rate"_s, u"5"_s, u"--per"_s, u"day"_s}
                                 << u"--per must be second, minute or hour"_s;
        QTest::newRow("too fast") << QStringList{u"--rate"_s, u"5000"_s, u"--per"_s, u"second"_s}
                                  << u"more than 1000 results a second"_s;
        QTest::newRow("for soon") << QStringList{u"--rate"_s, u"5"_s, u"--for"_s, u"soon"_s}
                                  << u"--for must be a duration"_s;
        QTest::newRow("for zero") << QStringList{u"--rate"_s, u"5"_s, u"--for"_s, u"0s"_s}
                                  << u"--for must be a duration"_s;
        QTest::newRow("lab word") << QStringList{u"--rate"_s, u"5"_s, u"--lab"_s, u"x"_s}
                                  << u"--lab ID"_s;
        QTest::newRow("extra word")
            << QStringList{u"now"_s, u"--rate"_s, u"5"_s} << u"simulate takes no further words"_s;
    }
    // Refused before the database is touched: the file is not even made.
    void refusesBadArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"untouched.db"_s);
        const ProgramRun run = calloutctl(
            QStringList{u"--db"_s, DatabaseUrl::sqliteFile(file).displayString(), u"simulate"_s}
            + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
        QVERIFY2(!QFileInfo::exists(file), "refused input must not create the database");
    }

    void refusesAnUnknownLab_data() { TestDatabase::addEngineRows(); }
    void refusesAnUnknownLab()
    {
        QFETCH(QString, engine);
        auto database = demoDatabase(engine);
        QVERIFY(database);
        auto db = database->connect();
        const QByteArray before = databaseFingerprint(*db);
        const ProgramRun run
            = calloutctl({u"--db"_s, database->url().displayString(), u"simulate"_s, u"--rate"_s,
                          u"60"_s, u"--for"_s, u"1s"_s, u"--lab"_s, u"99"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"There is no lab 99."_s), qPrintable(run.err));
        QCOMPARE(databaseFingerprint(*db), before);
    }
};

QTEST_GUILESS_MAIN(TestSimulate)
#include "tst_simulate.moc"
