// calloutctl as an administrator runs it: a real process, real databases, exit codes.
#include "TestDatabase.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run calloutctl(const QStringList &arguments, const QString &environmentUrl = QString())
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"CALLOUTDESK_DB"_s);
    if (!environmentUrl.isEmpty())
        environment.insert(u"CALLOUTDESK_DB"_s, environmentUrl);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(CALLOUTCTL_PATH), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestCalloutctl : public QObject
{
    Q_OBJECT

private slots:
    void migrateTwice()
    {
        QTemporaryDir dir;
        const QString url = DatabaseUrl::sqliteFile(dir.filePath(u"desk.db"_s)).displayString();
        const Run first = calloutctl({u"--db"_s, url, u"migrate"_s});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains(u"upgraded from version 0 to 1"_s), qPrintable(first.out));
        const Run second = calloutctl({u"--db"_s, url, u"migrate"_s});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.contains(u"nothing to apply"_s), qPrintable(second.out));
    }

    void demoOnPostgres()
    {
        auto database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(database);
        const Run run = calloutctl({u"demo"_s, u"--orders"_s, u"120"_s, u"--seed"_s, u"5"_s,
                                    u"--anchor"_s, u"2026-11-01"_s},
                                   database->url().displayString());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"120 orders"_s), qPrintable(run.out + run.err));
        auto db = database->connect();
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM bill"_s).toInt(), 120);

        // Demo data only goes into an empty database.
        const Run again = calloutctl(
            {u"--db"_s, database->url().displayString(), u"demo"_s, u"--orders"_s, u"10"_s});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(u"already holds lab data"_s), qPrintable(again.err));
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM bill"_s).toInt(), 120);
    }

    void refusedInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("orders not a number") << QStringList{u"demo"_s, u"--orders"_s, u"lots"_s}
                                             << u"--orders must be a whole number"_s;
        QTest::newRow("orders zero") << QStringList{u"demo"_s, u"--orders"_s, u"0"_s}
                                     << u"--orders must be a whole number from 1"_s;
        QTest::newRow("seed negative")
            << QStringList{u"demo"_s, u"--seed"_s, u"-4"_s} << u"--seed must be"_s;
        QTest::newRow("anchor") << QStringList{u"demo"_s, u"--anchor"_s, u"31/12/2026"_s}
                                << u"--anchor must be a date"_s;
        QTest::newRow("unknown command")
            << QStringList{u"explode"_s} << u"Unknown command \"explode\""_s;
        QTest::newRow("no command") << QStringList{} << u"No command given"_s;
        QTest::newRow("unknown option")
            << QStringList{u"migrate"_s, u"--dbb"_s, u"x"_s} << u"dbb"_s;
    }

    void refusedInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"untouched.db"_s);
        const Run run = calloutctl(
            QStringList{u"--db"_s, DatabaseUrl::sqliteFile(file).displayString()} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY2(!QFileInfo::exists(file), "refused input must not create the database");
    }

    void noDatabaseGiven()
    {
        const Run run = calloutctl({u"migrate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"No database given"_s), qPrintable(run.err));
    }

    void wrongUrl()
    {
        const Run run = calloutctl({u"--db"_s, u"mysql://x@y/z"_s, u"migrate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"unknown scheme \"mysql\""_s), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
    }

    void unreachableServer()
    {
        const Run run
            = calloutctl({u"--db"_s, u"postgresql://lab@127.0.0.1:1/callouts"_s, u"migrate"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"connection was refused"_s), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCalloutctl)
#include "tst_calloutctl.moc"
