// calloutctl as an administrator runs it: a real process, real databases, exit codes.
#include "CalloutFixture.h"
#include "FilePermissions.h"
#include "IndexTestServer.h"
#include "PgCommitCutProxy.h"
#include "ProgramRun.h"
#include "SmtpTestServer.h"
#include "TestCertificate.h"
#include "TestDatabase.h"
#include "TestLogin.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/Migration.h"
#include "services/search/IndexClient.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

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

// input is standard input, closed after it: nothing waits for a line that never comes.
// restrict runs in the child before calloutctl starts (FilePermissions, FileSizeLimit).
Run calloutctl(const QStringList &arguments, const QString &environmentUrl = QString(),
               const QMap<QString, QString> &moreEnvironment = {},
               const QByteArray &input = QByteArray(), const std::function<void()> &restrict = {})
{
    QProcess process;
    if (restrict)
        process.setChildProcessModifier(restrict);
    QProcessEnvironment environment = ProgramRun::environmentWith(moreEnvironment);
    if (!environmentUrl.isEmpty())
        environment.insert(u"CALLOUTDESK_DB"_s, environmentUrl);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(CALLOUTCTL_PATH), arguments);
    process.write(input);
    process.closeWriteChannel();
    // Spin the event loop while waiting: an in-process index test server must answer.
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < 120000)
        QTest::qWait(10);
    if (process.state() != QProcess::NotRunning)
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// What the secrets tests give calloutctl as a password, API key or SMTP login.
const QString secret = QStringLiteral("Pa55-S3cret");

// Every log category of ours on, at every level.
QMap<QString, QString> allLogs()
{
    return {{u"QT_LOGGING_RULES"_s, u"calloutdesk.*=true"_s}};
}

// calloutctl reading its settings from this folder, with all logs on and no server or
// secret from the environment.
QMap<QString, QString> settingsAt(const QTemporaryDir &config)
{
    QMap<QString, QString> environment = allLogs();
    environment.insert(u"XDG_CONFIG_HOME"_s, config.path());
    for (const QString &variable :
         {u"CALLOUTDESK_INDEX"_s, u"CALLOUTDESK_INDEX_API_KEY"_s, u"CALLOUTDESK_INDEX_PASSWORD"_s,
          u"CALLOUTDESK_SMTP"_s, u"CALLOUTDESK_SMTP_PASSWORD"_s})
        environment.insert(variable, QString());
    return environment;
}

// Sets (or, with an empty value, removes) one key of calloutctl's settings file there.
void writeSettings(const QTemporaryDir &config, const QString &key, const QString &value)
{
    QSettings settings(config.filePath(u"CalloutDesk/calloutdesk.conf"_s), QSettings::IniFormat);
    if (value.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, value);
}

// Neither the secret nor the Basic login made of it.
void verifySecretNotIn(const Run &run)
{
    const QString basic
        = QString::fromLatin1(QByteArray(u"desk:"_s.append(secret).toUtf8()).toBase64());
    for (const QString &text : {run.out, run.err}) {
        QVERIFY2(!text.contains(secret) && !text.contains(basic), qPrintable(text));
    }
}

// CalloutFixture's lab in a database of one engine, a connection to look into it, and
// calloutctl run on it as one of its users.
struct FixtureLab
{
    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<DatabaseConnection> db;

    static std::optional<FixtureLab> create(const QString &engine)
    {
        FixtureLab lab{TestDatabase::create(engine), nullptr};
        if (!lab.database)
            return std::nullopt;
        lab.db = lab.database->connectMigrated();
        if (!lab.db || !CalloutFixture::seed(*lab.db).ok())
            return std::nullopt;
        // The people's logins exist before a test takes its "nothing changed" fingerprint.
        for (const QString &person : {u"support:3"_s, u"labuser:1"_s, u"labuser:2"_s,
                                      u"doctor:1"_s, u"doctor:2"_s}) {
            if (!lab.database->personArguments(person))
                return std::nullopt;
        }
        return lab;
    }
    // The lab after a done callout by email: an index update and two messages to send.
    static std::optional<FixtureLab> withMailToSend(const QString &engine)
    {
        auto lab = create(engine);
        if (!lab
            || lab->as(u"support:3"_s,
                       {u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"2"_s, u"--done"_s,
                        u"--method"_s, u"email"_s, u"--recipient"_s, u"organization,referral"_s})
                    .exitCode
                != 0)
            return std::nullopt;
        return lab;
    }
    QString url() const { return database->url().displayString(); }
    // As the person `who` signs in (SPEC A1): their own login on PostgreSQL, --as on
    // SQLite. Standard input carries the login's password, which approve asks for (A4).
    Run as(const QString &who, const QStringList &arguments) const
    {
        const auto signIn = database->personArguments(who);
        if (!signIn)
            qFatal("%s", qPrintable(signIn.failure().message));
        return calloutctl(signIn.value() + arguments, {}, {},
                          QByteArray(TestDatabase::personPassword) + '\n');
    }
};

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
        const int latest = Migration::latestVersion(DatabaseUrl::Engine::Sqlite);
        QVERIFY2(first.out.contains(u"upgraded from version 0 to %1"_s.arg(latest)),
                 qPrintable(first.out));
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

    void calloutCommands_data() { TestDatabase::addEngineRows(); }
    void calloutCommands()
    {
        QFETCH(QString, engine);
        auto database = TestDatabase::create(engine);
        QVERIFY(database);
        {
            auto db = database->connectMigrated();
            QVERIFY(db);
            QVERIFY(CalloutFixture::seed(*db).ok());
        }
        const QString url = database->url().displayString();
        const auto support = database->personArguments(u"support:3"_s);
        QVERIFY(support.ok());
        auto ctl = [&](QStringList arguments) { return calloutctl(support.value() + arguments); };

        // records --json in the shape of the original API.
        Run run = ctl({u"records"_s, u"--bill"_s, u"1"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject records = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray reports = records[u"reports"_s].toArray();
        QCOMPARE(reports.size(), 2);
        const QJsonObject first = reports.first().toObject();
        QCOMPARE(first[u"lab_report"_s][u"labReportId"_s].toInt(), 1);
        QCOMPARE(first[u"lab_report"_s][u"criticalValues"_s].toInt(), 1);
        QCOMPARE(first[u"lab_report"_s][u"reportID"_s][u"testID"_s].toInt(), 1);
        QCOMPARE(first[u"lab_report"_s][u"reportID"_s][u"testName"_s].toString(),
                 u"Complete Blood Count"_s);
        QCOMPARE(first[u"lab_report"_s][u"reportID"_s][u"departmentId"_s].toInt(), 1);
        QCOMPARE(first[u"critical_parameters"_s][0][u"parameter_name"_s].toString(),
                 u"Haemoglobin"_s);
        QVERIFY(records[u"attempted_callout"_s].isNull());

        // A refused callout: exit 2, one line, nothing written.
        QByteArray before;
        {
            auto db = database->connect();
            before = databaseFingerprint(*db);
        }
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1"_s, u"--done"_s,
                   u"--method"_s, u"fax"_s, u"--recipient"_s, u"organization"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"has no fax number"_s), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1,x"_s, u"--done"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"\"x\" is not a report id"_s), qPrintable(run.err));
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1"_s, u"--done"_s,
                   u"--attempt"_s});
        QCOMPARE(run.exitCode, 2);
        // A report named twice in --expect, with different statuses or the same one.
        for (const QString &expect : {u"1:1,1:2"_s, u"2:1, 1:1 ,2:1"_s}) {
            run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1,2"_s, u"--attempt"_s,
                       u"--expect"_s, expect});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(u"more than once"_s), qPrintable(run.err));
        }
        {
            auto db = database->connect();
            QCOMPARE(databaseFingerprint(*db), before);
        }

        // An attempt, then a stale done: exit 3.
        const QDateTime calledAt = QDateTime::currentDateTime().addSecs(-3600);
        run = ctl({u"callout"_s,
                   u"--bill"_s,
                   u"1"_s,
                   u"--reports"_s,
                   u"1,2"_s,
                   u"--attempt"_s,
                   u"--called"_s,
                   u"Dr. Jones@"_s + calledAt.toString(Qt::ISODate),
                   u"--comment"_s,
                   u"No answer"_s,
                   u"--recipient"_s,
                   u"other"_s,
                   u"--other-name"_s,
                   u"Ward 4 desk"_s,
                   u"--other-email"_s,
                   u"ward4@hospital.example"_s,
                   u"--other-contact"_s,
                   u"+44 20 7946 0000"_s,
                   u"--expect"_s,
                   u"1:1,2:1"_s,
                   u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject outcome = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(outcome[u"transitions"_s].toArray().size(), 2);
        QCOMPARE(outcome[u"transitions"_s][0][u"to"_s].toInt(), 4);
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1"_s, u"--done"_s,
                   u"--method"_s, u"email"_s, u"--recipient"_s, u"referral"_s, u"--expect"_s,
                   u"1:1"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"changed since it was opened"_s), qPrintable(run.err));

        // The draft comes back with records; the history lists the attempt.
        run = ctl({u"records"_s, u"--bill"_s, u"1"_s, u"--json"_s});
        const QJsonObject draft
            = QJsonDocument::fromJson(run.out.toUtf8()).object()[u"attempted_callout"_s].toObject();
        QCOMPARE(draft[u"critical_callout_meta"_s][u"callout_for"_s].toArray(), (QJsonArray{1, 2}));
        QCOMPARE(draft[u"critical_callout_comment"_s].toString(), u"No answer"_s);
        QCOMPARE(draft[u"critical_callout_meta"_s][u"already_notified"_s].toObject(),
                 (QJsonObject{{u"call"_s,
                               QJsonArray{QJsonObject{{u"name"_s, u"Dr. Jones"_s},
                                                      {u"at"_s, DeskTime::exported(calledAt)},
                                                      {u"read_back"_s, false}}}}}));
        QCOMPARE(draft[u"critical_callout_meta"_s][u"notify_to_others"_s].toObject(),
                 (QJsonObject{{u"name"_s, u"Ward 4 desk"_s},
                              {u"email"_s, u"ward4@hospital.example"_s},
                              {u"fax"_s, u""_s},
                              {u"contact"_s, u"+44 20 7946 0000"_s}}));
        run = ctl({u"history"_s, u"--reports"_s, u"1,2"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray history = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first()[u"meta"_s][u"is_draft"_s].toBool(), true);
        QCOMPARE(history.first()[u"labUserName"_s].toString(), u"Sam Support"_s);
        QVERIFY(history.first()[u"activityText"_s].toString().startsWith(
            u"Callout Attempted by - Sam Support"_s));

        // Done, then the audit rows with names.
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1"_s, u"--done"_s,
                   u"--method"_s, u"email"_s, u"--recipient"_s, u"referral"_s, u"--comment"_s,
                   u"Told"_s});
        QCOMPARE(run.exitCode, 0);
        run = ctl({u"audit"_s, u"--reports"_s, u"1"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray audit = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first()[u"referral_name"_s].toString(), u"Dr. Jones"_s);
        QCOMPARE(audit.first()[u"performed_by_user_name"_s].toString(), u"Sam Support"_s);

        // An unknown or claimed session: SQLite refuses an unknown person or a missing --as;
        // PostgreSQL refuses --as whoever it names, and the administrator's login is nobody.
        run = calloutctl(
            {u"--db"_s, url, u"--as"_s, u"doctor:99"_s, u"records"_s, u"--bill"_s, u"1"_s});
        QCOMPARE(run.exitCode, 2);
        if (database->url().isPostgreSql())
            QVERIFY2(run.err.contains(u"--as is only for SQLite"_s), qPrintable(run.err));
        run = calloutctl({u"--db"_s, url, u"records"_s, u"--bill"_s, u"1"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(database->url().isPostgreSql() ? u"not linked to a person"_s
                                                                 : u"--as"_s),
                 qPrintable(run.err));
    }

    // SPEC O3: a callout recorded on a desk that was offline shows when it was made beside
    // when the server received it, in history and audit (text and JSON), on both engines.
    void aCalloutMadeOfflineShowsWhenItWasMade_data() { TestDatabase::addEngineRows(); }
    void aCalloutMadeOfflineShowsWhenItWasMade()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        const auto url = lab->database->personUrl(u"support:3"_s);
        QVERIFY(url.ok());
        auto desk = DatabaseConnection::open(url.value(), u"desk"_s);
        QVERIFY(desk.ok());
        const auto scope = SessionLoader(*desk.value())
                               .resolve(url.value().isSqlite() ? u"support:3"_s : QString());
        QVERIFY(scope.ok());
        CalloutRequest request = CalloutFixture::doneRequest({2});
        request.madeAt = QDateTime::currentDateTime().addSecs(-5400);
        QVERIFY(CalloutEngine(*desk.value()).submit(scope.value(), request).ok());
        QVERIFY(CalloutEngine(*desk.value()).submit(scope.value(), CalloutFixture::doneRequest({1})).ok());

        const auto support = lab->database->personArguments(u"support:3"_s);
        QVERIFY(support.ok());
        Run run = calloutctl(support.value() + QStringList{u"history"_s, u"--reports"_s, u"1,2"_s});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.first().endsWith(
                     u"(made offline at %1)"_s.arg(DeskTime::shown(request.madeAt))),
                 qPrintable(run.out));
        QVERIFY2(!lines.last().contains(u"made offline"_s), qPrintable(run.out));
        run = calloutctl(support.value()
                         + QStringList{u"history"_s, u"--reports"_s, u"1,2"_s, u"--json"_s});
        const QJsonArray history = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(history.size(), 2);
        QCOMPARE(QDateTime::fromString(history.first()[u"madeAt"_s].toString(), Qt::ISODateWithMs)
                     .toSecsSinceEpoch(),
                 request.madeAt.toSecsSinceEpoch());
        QVERIFY(history.first()[u"activityDate"_s].toString() > history.first()[u"madeAt"_s].toString());
        QVERIFY(history.last()[u"madeAt"_s].isNull());

        run = calloutctl(support.value() + QStringList{u"audit"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"made offline at %1"_s.arg(DeskTime::shown(request.madeAt))),
                 qPrintable(run.out));
        run = calloutctl(support.value()
                         + QStringList{u"audit"_s, u"--reports"_s, u"1,2"_s, u"--json"_s});
        const QJsonArray audit = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(audit.size(), 2);
        for (const QJsonValue row : audit) {
            const bool offline = row[u"lab_report_id"_s].toInteger() == 2;
            QCOMPARE(row[u"made_at"_s].isNull(), !offline);
        }
    }

    // SPEC U9, U10: an attempt's outcome and whom it tried, and whom a call reached and
    // when, in history, audit (text and JSON) on both engines.
    void attemptOutcomesAndCallsInHistoryAndAudit_data() { TestDatabase::addEngineRows(); }
    void attemptOutcomesAndCallsInHistoryAndAudit()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        const auto support = lab->database->personArguments(u"support:3"_s);
        QVERIFY(support.ok());
        auto ctl = [&](QStringList arguments) {
            return calloutctl(support.value() + arguments);
        };

        // Refused before the database: an unknown outcome.
        Run run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"2"_s, u"--attempt"_s,
                       u"--outcome"_s, u"maybe"_s, u"--tried"_s, u"referral"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--outcome takes no_answer"_s), qPrintable(run.err));

        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"2"_s, u"--attempt"_s,
                   u"--outcome"_s, u"no_answer"_s, u"--tried"_s, u"referral"_s, u"--comment"_s,
                   u"Rang twice"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = ctl({u"history"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"Callout Attempted by - Sam Support, Callout for - Potassium, "
                                  "Tried - Dr. Jones (Referral), Outcome - No answer, "
                                  "Comment - Rang twice"_s),
                 qPrintable(run.out));
        QVERIFY2(!run.out.contains(u"Method - "_s), qPrintable(run.out));
        run = ctl({u"audit"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"attempt  Sam Support  Rang twice  No answer — tried Dr. Jones "
                                  "(Referral)"_s),
                 qPrintable(run.out));
        run = ctl({u"audit"_s, u"--reports"_s, u"2"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().first()[u"attempt"_s].toObject(),
                 (QJsonObject{{u"outcome"_s, u"no_answer"_s},
                              {u"name"_s, u"Dr. Jones"_s},
                              {u"party"_s, u"referral"_s}}));
        run = ctl({u"records"_s, u"--bill"_s, u"1"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())
                     .object()[u"attempted_callout"_s][u"attempt"_s][u"outcome"_s]
                     .toString(),
                 u"no_answer"_s);

        // Done by a phone call that reached the referring doctor: whom and when everywhere.
        const QDateTime at = QDateTime::currentDateTime().addSecs(-1800);
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"2"_s, u"--done"_s,
                   u"--called"_s, u"referral@"_s + at.toString(Qt::ISODate), u"--recipient"_s,
                   u"referral"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = ctl({u"history"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(
                     u"Spoke with - Dr. Jones (Referral) at %1"_s.arg(DeskTime::exported(at))),
                 qPrintable(run.out));
        run = ctl({u"history"_s, u"--reports"_s, u"2"_s, u"--json"_s});
        const QJsonArray history = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.last()[u"meta"_s][u"calls"_s].toArray(),
                 (QJsonArray{QJsonObject{{u"name"_s, u"Dr. Jones"_s},
                                         {u"at"_s, DeskTime::exported(at)},
                                         {u"party"_s, u"referral"_s},
                                         {u"read_back"_s, false}}}));
        run = ctl({u"audit"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"spoke with Dr. Jones at %1"_s.arg(DeskTime::exported(at))),
                 qPrintable(run.out));

        // A time that is none, or in the future, is refused with nothing written.
        const QByteArray before = databaseFingerprint(*lab->database->connect());
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1"_s, u"--done"_s,
                   u"--called"_s, u"referral@25:99 tomorrow"_s, u"--recipient"_s, u"referral"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"is not a date and time"_s), qPrintable(run.err));
        run = ctl({u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1"_s, u"--done"_s,
                   u"--called"_s,
                   u"referral@"_s + QDateTime::currentDateTime().addDays(1).toString(Qt::ISODate),
                   u"--recipient"_s, u"referral"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"in the future"_s), qPrintable(run.err));
        QCOMPARE(databaseFingerprint(*lab->database->connect()), before);
    }

    // SPEC T4: --called carries the role and read-back; a mismatch is refused unless
    // overridden, and history and audit give every part back.
    void calledWithReadBack_data() { TestDatabase::addEngineRows(); }
    void calledWithReadBack()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        const auto support = lab->database->personArguments(u"support:3"_s);
        QVERIFY(support.ok());
        auto ctl = [&](QStringList arguments) {
            return calloutctl(support.value() + arguments);
        };
        const QString at = QDateTime::currentDateTime().addSecs(-900).toString(Qt::ISODate);
        const QStringList done{u"callout"_s,     u"--bill"_s,   u"1"_s,
                               u"--reports"_s,   u"2"_s,        u"--done"_s,
                               u"--recipient"_s, u"referral"_s, u"--request-id"_s};

        // Refused before the database: a role or part it does not know.
        const QByteArray before = databaseFingerprint(*lab->database->connect());
        Run run = ctl(
            done + QStringList{u"rb-0"_s, u"--called"_s, u"referral@"_s + at + u";role=surgeon"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"role takes doctor, nurse, patient or other"_s),
                 qPrintable(run.err));
        run = ctl(done
                  + QStringList{u"rb-0"_s, u"--called"_s, u"referral@"_s + at + u";colour=red"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"unknown part"_s), qPrintable(run.err));
        // A mismatch without a reason: refused by the engine, nothing written.
        run = ctl(done
                  + QStringList{u"rb-1"_s, u"--called"_s,
                                u"referral@"_s + at + u";role=doctor;value=7.2"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"does not match Potassium 7.1"_s), qPrintable(run.err));
        QCOMPARE(databaseFingerprint(*lab->database->connect()), before);

        // Overridden, with a ';' in the reason: kept whole.
        run = ctl(done
                  + QStringList{u"rb-2"_s, u"--called"_s,
                                u"referral@"_s + at
                                    + u";role=doctor;readback=yes;value=7.2;override=Analyser "
                                      "re-run; 7.1 confirmed"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = ctl({u"history"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"(doctor, read back 7.2 — does not match, overridden: Analyser "
                                  "re-run; 7.1 confirmed)"_s),
                 qPrintable(run.out));
        const QJsonObject expected{
            {u"name"_s, u"Dr. Jones"_s},
            {u"at"_s, DeskTime::exported(QDateTime::fromString(at, Qt::ISODate))},
            {u"party"_s, u"referral"_s},
            {u"role"_s, u"doctor"_s},
            {u"read_back"_s, true},
            {u"read_back_value"_s, u"7.2"_s},
            {u"read_back_matches"_s, false},
            {u"read_back_override"_s, u"Analyser re-run; 7.1 confirmed"_s}};
        run = ctl({u"history"_s, u"--reports"_s, u"2"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())
                     .array()
                     .last()[u"meta"_s][u"calls"_s]
                     .toArray(),
                 QJsonArray{expected});
        run = ctl({u"audit"_s, u"--reports"_s, u"2"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())
                     .array()
                     .last()[u"critical_callout_meta"_s][u"already_notified"_s][u"call"_s]
                     .toArray(),
                 QJsonArray{expected});
        run = ctl({u"audit"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"(doctor, read back 7.2 — does not match, overridden"_s),
                 qPrintable(run.out));

        // Read back without a value, the role a nurse: a further communication.
        run = ctl(done
                  + QStringList{u"rb-3"_s, u"--called"_s,
                                u"Sam Ward@"_s + at + u";role=nurse;readback=yes"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = ctl({u"history"_s, u"--reports"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"Spoke with - Sam Ward at %1 (nurse, read back)"_s.arg(
                     DeskTime::exported(QDateTime::fromString(at, Qt::ISODate)))),
                 qPrintable(run.out));
    }

    // SPEC A7: the administrator makes, lists and disables a person's login; the login
    // then acts as that person, and as nobody else.
    void userCommands()
    {
        auto lab = FixtureLab::create(u"postgresql"_s);
        QVERIFY(lab);
        const DatabaseUrl &base = lab->database->url();
        const QString admin = lab->url();
        const QString login = u"hana_"_s + base.databaseName();
        const QString loginUrl = u"postgresql://%1@%2:%3/%4"_s.arg(login, base.host())
                                     .arg(base.port())
                                     .arg(base.databaseName());

        Run run = calloutctl({u"--db"_s, admin, u"user"_s, u"add"_s, u"--login"_s, login,
                              u"--labuser"_s, u"1"_s},
                             {}, {}, "Hana-Pass-1\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!run.out.contains(u"Hana-Pass-1"_s) && !run.err.contains(u"Hana-Pass-1"_s));
        const QMap<QString, QString> password{{u"PGPASSWORD"_s, u"Hana-Pass-1"_s}};
        run = calloutctl({u"--db"_s, loginUrl, u"records"_s, u"--bill"_s, u"1"_s, u"--json"_s}, {},
                         password);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // Hana sees Haematology only: report 1 of bill 1, not Biochemistry's report 2.
        const QJsonArray reports
            = QJsonDocument::fromJson(run.out.toUtf8()).object()[u"reports"_s].toArray();
        QVERIFY2(!reports.isEmpty(), qPrintable(run.out));
        for (const QJsonValue &report : reports)
            QVERIFY2(report[u"testName"_s].toString() != u"Potassium"_s, qPrintable(run.out));

        run = calloutctl({u"--db"_s, admin, u"user"_s, u"list"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        QJsonObject hana;
        for (const QJsonValue &entry : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
            if (entry[u"login"_s].toString() == login)
                hana = entry.toObject();
        }
        QCOMPARE(hana[u"lab_user_id"_s].toInteger(), 1);
        QCOMPARE(hana[u"name"_s].toString(), u"Hana Haem"_s);
        QVERIFY(hana[u"can_log_in"_s].toBool());

        // Refused, with nothing written: a second login of that name, a bad name, no person
        // or two, no password.
        const QByteArray before = databaseFingerprint(*lab->database->connect());
        run = calloutctl({u"--db"_s, admin, u"user"_s, u"add"_s, u"--login"_s, login,
                          u"--doctor"_s, u"1"_s},
                         {}, {}, "x\n");
        QCOMPARE(run.exitCode, 3);
        for (const QStringList &typed :
             {QStringList{u"--login"_s, u"Bad Name"_s, u"--labuser"_s, u"1"_s},
              QStringList{u"--login"_s, u"ok_name"_s},
              QStringList{u"--login"_s, u"ok_name"_s, u"--labuser"_s, u"1"_s, u"--doctor"_s,
                          u"1"_s},
              QStringList{u"--login"_s, u"ok_name"_s, u"--labuser"_s, u"99"_s}}) {
            run = calloutctl(QStringList{u"--db"_s, admin, u"user"_s, u"add"_s} + typed, {}, {},
                             "pw\n");
            QVERIFY2(run.exitCode == 2, qPrintable(typed.join(u' ') + u": "_s + run.err));
        }
        run = calloutctl({u"--db"_s, admin, u"user"_s, u"add"_s, u"--login"_s, u"ok_name"_s,
                          u"--labuser"_s, u"1"_s});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(databaseFingerprint(*lab->database->connect()), before);

        run = calloutctl({u"--db"_s, admin, u"user"_s, u"disable"_s, u"--login"_s, login});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = calloutctl({u"--db"_s, loginUrl, u"records"_s, u"--bill"_s, u"1"_s}, {}, password);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(login), qPrintable(run.err));
    }

    void approveProvesThePassword()
    {
        auto lab = FixtureLab::create(u"postgresql"_s);
        QVERIFY(lab);
        DatabaseConnection &db = *lab->db;
        auto login = TestLogin::create(lab->database->url(), u"drsign"_s, u"Right-Pass-42"_s,
                                       u"support:3"_s);
        QVERIFY(login);
        const DatabaseUrl &base = lab->database->url();
        const QString loginUrl = u"postgresql://%1:%2@%3:%4/%5"_s.arg(
            login->name(), login->password(), base.host(), QString::number(base.port()),
            base.databaseName());
        const auto approve = [&](const QByteArray &input) {
            return calloutctl({u"--db"_s, loginUrl, u"approve"_s,
                               u"--report"_s, u"2"_s},
                              {}, {}, input);
        };
        Run run = lab->as(u"support:3"_s,
                          {u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"2"_s, u"--done"_s,
                           u"--method"_s, u"email"_s, u"--recipient"_s, u"referral"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = lab->as(u"support:3"_s, {u"sign"_s, u"--report"_s, u"2"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QByteArray before = databaseFingerprint(db);

        run = approve("Wrong-Pass-7\n");
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err, u"calloutctl: The password for %1 is not right.\n"_s.arg(login->name()));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(databaseFingerprint(db), before);

        run = approve({});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"one line on standard input"_s), qPrintable(run.err));
        QCOMPARE(databaseFingerprint(db), before);

        run = approve("Right-Pass-42\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, u"Report 2 is approved.\n"_s);
        QVERIFY(!run.out.contains(login->password()) && !run.err.contains(login->password()));
        QVERIFY(scalar(db, u"SELECT is_approved FROM report WHERE id = 2"_s).toBool());
    }

    void signAndApprove_data() { TestDatabase::addEngineRows(); }
    void signAndApprove()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        DatabaseConnection &db = *lab->db;
        const auto as = [&](const QString &who, const QStringList &arguments) {
            return lab->as(who, arguments);
        };
        auto flag = [&](int report, const QString &column) {
            return scalar(db, u"SELECT %1 FROM report WHERE id = %2"_s.arg(column).arg(report))
                .toBool();
        };

        // always_notify: report 2 (K 7.1, complete, pending) has no callout yet.
        QByteArray before = databaseFingerprint(db);
        Run run = as(u"support:3"_s, {u"sign"_s, u"--report"_s, u"2"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"save a done callout before it is signed or approved"_s),
                 qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(databaseFingerprint(db), before);

        // Approval comes after the signature, and only from a doctor or a support login.
        run = as(u"support:3"_s, {u"approve"_s, u"--report"_s, u"2"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"cannot be approved before it is signed"_s),
                 qPrintable(run.err));
        run = as(u"labuser:2"_s, {u"approve"_s, u"--report"_s, u"6"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Only a doctor or a support login"_s), qPrintable(run.err));
        // Unknown, another lab's, and another department's reports are all unknown.
        for (const auto &[who, report] :
             {std::pair{u"support:3"_s, u"99"_s}, std::pair{u"support:3"_s, u"9"_s},
              std::pair{u"labuser:1"_s, u"6"_s}}) {
            run = as(who, {u"sign"_s, u"--report"_s, report});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(u"is not a report of your lab that you may see"_s),
                     qPrintable(run.err));
        }
        run = as(u"support:3"_s, {u"sign"_s, u"--report"_s, u"two"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--report ID"_s), qPrintable(run.err));
        run = as(u"support:3"_s, {u"sign"_s});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(databaseFingerprint(db), before);

        // Once a callout names report 2 the gate opens.
        run = as(u"support:3"_s,
                 {u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"2"_s, u"--done"_s,
                  u"--method"_s, u"email"_s, u"--recipient"_s, u"referral"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = as(u"support:3"_s, {u"sign"_s, u"--report"_s, u"2"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, u"Report 2 is signed.\n"_s);
        QVERIFY(flag(2, u"is_signed"_s));
        QVERIFY(!flag(2, u"is_approved"_s));
        // Signing twice is a conflict with what is already there, not a new signature.
        run = as(u"support:3"_s, {u"sign"_s, u"--report"_s, u"2"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"already signed"_s), qPrintable(run.err));

        run = as(u"labuser:2"_s, {u"approve"_s, u"--report"_s, u"2"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!flag(2, u"is_approved"_s));
        run = as(u"doctor:1"_s, {u"approve"_s, u"--report"_s, u"2"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 2); // Dr. Haem sees Haematology only; Potassium is Biochemistry
        run = as(u"support:3"_s, {u"approve"_s, u"--report"_s, u"2"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object(),
                 (QJsonObject{{u"lab_report_id"_s, 2}, {u"approved"_s, true}}));
        QVERIFY(flag(2, u"is_approved"_s));

        // A normal report needs no callout.
        run = as(u"labuser:2"_s, {u"sign"_s, u"--report"_s, u"6"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object(),
                 (QJsonObject{{u"lab_report_id"_s, 6}, {u"signed"_s, true}}));
        QVERIFY(flag(6, u"is_signed"_s));
    }

    void requestIds_data() { TestDatabase::addEngineRows(); }
    void requestIds()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        DatabaseConnection &db = *lab->db;
        const auto done = [&](const QStringList &arguments) {
            return lab->as(u"support:3"_s,
                           QStringList{u"callout"_s, u"--bill"_s, u"1"_s, u"--done"_s,
                                       u"--method"_s, u"email"_s, u"--recipient"_s, u"referral"_s}
                               + arguments);
        };

        // A malformed id is refused before anything else, even before a missing --reports.
        const QByteArray before = databaseFingerprint(db);
        for (const QString &id : {u"two words"_s, u""_s, u"semi;colon"_s, u"tomás"_s,
                                  u"line\nbreak"_s, QString(101, u'a')}) {
            const Run run = done(QStringList{u"--request-id"_s, id});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.startsWith(u"calloutctl: --request-id takes 1 to 100"_s),
                     qPrintable(run.err));
            QCOMPARE(run.err.count(u'\n'), 1);
        }
        QCOMPARE(databaseFingerprint(db), before);

        // Without one, the run makes one and says which.
        Run run = done(QStringList{u"--reports"_s, u"1"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        static const QRegularExpression uuid(
            u"\nRequest id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$"_s);
        QVERIFY2(uuid.match(run.out).hasMatch(), qPrintable(run.out));

        // A given one is the submission's id, in the JSON too.
        const QString id = QString(u"lab-7:run_2.a"_s) + QString(87, u'x');
        run = done(QStringList{u"--reports"_s, u"2"_s, u"--request-id"_s, id, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject outcome = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(outcome[u"request_id"_s].toString(), id);
        QCOMPARE(outcome[u"already_recorded"_s], QJsonValue(false));

        // The same id again: the first outcome, nothing written, exit 0.
        const QByteArray recorded = databaseFingerprint(db);
        run = done(QStringList{u"--reports"_s, u"2"_s, u"--request-id"_s, id});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.err, QString());
        QCOMPARE(run.out,
                 u"Request %1 was already recorded by an earlier submission with this id; "
                 "nothing was written now.\n"_s.arg(id));
        run = done(QStringList{u"--reports"_s, u"2"_s, u"--request-id"_s, id, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject again = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(again[u"already_recorded"_s], QJsonValue(true));
        QCOMPARE(again[u"request_id"_s].toString(), id);
        QCOMPARE(again[u"transitions"_s], outcome[u"transitions"_s]);
        // A plain repeat of --done (a new id made by the run) is refused, not recorded twice.
        run = done(QStringList{u"--reports"_s, u"2"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"already Done"_s), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
        QCOMPARE(databaseFingerprint(db), recorded);
        // A new id given on purpose records a further communication.
        run = done(QStringList{u"--reports"_s, u"2"_s, u"--request-id"_s, u"call-2"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.endsWith(u"\nRequest id: call-2\n"_s), qPrintable(run.out));
    }

    void textOutputCannotDriveTheTerminal_data() { TestDatabase::addEngineRows(); }
    void textOutputCannotDriveTheTerminal()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        DatabaseConnection &db = *lab->db;
        // A name and a comment as someone could type or paste them: a title-setting OSC
        // sequence, a colour, a bell, a line break that would forge a line, a carriage
        // return that would overwrite it, a right-to-left override.
        const QString name = u"Sam\x1b[31m Support\x07"_s;
        QVERIFY(db.run(u"t"_s, u"UPDATE lab_user SET name = ? WHERE id = 3"_s, {name}).ok());
        const QString comment
            = u"\x1b]0;owned\x07Told\x1b[2J the ward\n2026-12-01T00:00:00Z  forged\rline\u202Eevil"_s;
        Run run = lab->as(u"support:3"_s,
                          QStringList{u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1,2"_s,
                                      u"--done"_s, u"--method"_s, u"email"_s, u"--recipient"_s,
                                      u"referral"_s, u"--comment"_s, comment});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        const auto isClean = [](const QString &text) {
            for (const QChar c : text) {
                if ((c.category() == QChar::Other_Control && c != u'\n') || c == QChar(0x202E))
                    return false;
            }
            return true;
        };
        run = lab->as(u"support:3"_s, QStringList{u"history"_s, u"--reports"_s, u"2"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(isClean(run.out), run.out.toUtf8().toPercentEncoding(" ").constData());
        QCOMPARE(run.out.count(u'\n'), 1);
        QVERIFY2(run.out.contains(u"Comment - ]0;ownedTold[2J the ward "
                                  "2026-12-01T00:00:00Z  forged lineevil"_s),
                 qPrintable(run.out));

        run = lab->as(u"support:3"_s, QStringList{u"audit"_s, u"--reports"_s, u"1,2"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(isClean(run.out), run.out.toUtf8().toPercentEncoding(" ").constData());
        QCOMPARE(run.out.count(u'\n'), 2);
        QVERIFY2(run.out.contains(u"  Sam[31m Support  ]0;ownedTold"_s), qPrintable(run.out));

        // JSON keeps the text exactly; its escaping makes it safe.
        run = lab->as(u"support:3"_s, QStringList{u"audit"_s, u"--reports"_s, u"2"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject row = QJsonDocument::fromJson(run.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(row[u"critical_callout_comment"_s].toString(), comment.trimmed());
        QCOMPARE(row[u"performed_by_user_name"_s].toString(), name);
        QVERIFY(!run.out.contains(QChar(0x1b)));
    }

    void ordersWithNoVisibleReportAreUnknown_data() { TestDatabase::addEngineRows(); }
    void ordersWithNoVisibleReportAreUnknown()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        // Bill 2 (RL-2, Baby Roe) holds Haematology reports only: Bo Linked sees
        // Biochemistry, Dr. Assigned only the orders assigned to him.
        for (const QString &who : {u"labuser:2"_s, u"doctor:2"_s}) {
            for (const QStringList &json : {QStringList{}, QStringList{u"--json"_s}}) {
                const Run run = lab->as(who, QStringList{u"records"_s, u"--bill"_s, u"2"_s} + json);
                QCOMPARE(run.exitCode, 2);
                QCOMPARE(run.err, u"calloutctl: There is no order with id 2 in this lab.\n"_s);
                QVERIFY(run.out.isEmpty());
            }
        }
        // Who sees one of its reports still sees the order.
        const Run run = lab->as(u"labuser:1"_s, {u"records"_s, u"--bill"_s, u"2"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Order RL-2, patient Baby Roe: 1 critical report(s)."_s),
                 qPrintable(run.out));
    }

    void refusedCalloutSaysOnlyWhy_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("comment");
        QTest::newRow("postgresql, refused by a statement") << u"postgresql"_s << u"Refuse me"_s;
        QTest::newRow("postgresql, refused at COMMIT") << u"postgresql"_s << u"Refuse me late"_s;
        QTest::newRow("sqlite, refused by a statement") << u"sqlite"_s << u"Refuse me"_s;
    }
    void refusedCalloutSaysOnlyWhy()
    {
        QFETCH(QString, engine);
        QFETCH(QString, comment);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        DatabaseConnection &db = *lab->db;
        // The database refuses the audit row, as a constraint or a policy would: during the
        // transaction, or only at COMMIT (a deferred trigger, like the C11 rule's).
        const QStringList refusing = db.isPostgreSql()
            ? QStringList{u"CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
                          u"BEGIN "
                          "IF NEW.comment = TG_ARGV[0] THEN RAISE EXCEPTION 'the test refuses this "
                          "callout' "
                          "USING ERRCODE = 'integrity_constraint_violation'; END IF; RETURN NEW; END $$"_s,
                          u"CREATE TRIGGER test_refuse BEFORE INSERT ON critical_callout FOR EACH "
                          u"ROW "
                          "EXECUTE FUNCTION test_refuse('Refuse me')"_s,
                          u"CREATE CONSTRAINT TRIGGER test_refuse_late AFTER INSERT ON "
                          u"critical_callout "
                          "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                          "EXECUTE FUNCTION test_refuse('Refuse me late')"_s}
            : QStringList{u"CREATE TRIGGER test_refuse BEFORE INSERT ON critical_callout "
                          "WHEN NEW.comment = 'Refuse me' BEGIN "
                          "SELECT RAISE(ABORT, 'the test refuses this callout'); END"_s};
        for (const QString &sql : refusing)
            QVERIFY2(db.run(u"t"_s, sql).ok(), qPrintable(sql));

        const QByteArray before = databaseFingerprint(db);
        const Run run = lab->as(u"support:3"_s,
                                {u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s, u"1,2"_s,
                                 u"--done"_s, u"--method"_s, u"email"_s, u"--recipient"_s,
                                 u"referral"_s, u"--comment"_s, comment});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.out.isEmpty());
        // One line that says why, and nothing from the driver or the server besides.
        static const QRegularExpression refusal(
            u"^calloutctl: [^\n]* was refused by the database: the test refuses this callout\\.\n$"_s);
        QVERIFY2(refusal.match(run.err).hasMatch(), qPrintable(run.err));
        QCOMPARE(databaseFingerprint(db), before);
    }

    void notifyCommands()
    {
        auto database = TestDatabase::create(u"sqlite"_s);
        {
            auto db = database->connectMigrated();
            QVERIFY(CalloutFixture::seed(*db).ok());
        }
        SmtpTestServer::Options refusing;
        refusing.refusedRecipients = {u"jones@clinic.example"_s};
        SmtpTestServer server(refusing);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const QStringList db{u"--db"_s, database->url().displayString()};

        // A done callout by email to the organisation and the referring doctor.
        Run run
            = calloutctl(db
                         + QStringList{u"--as"_s, u"support:3"_s, u"callout"_s, u"--bill"_s, u"1"_s,
                                       u"--reports"_s, u"2"_s, u"--done"_s, u"--method"_s,
                                       u"email"_s, u"--recipient"_s, u"organization,referral"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = calloutctl(db + QStringList{u"notify"_s, u"--status"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"2 pending (0 retrying)"_s), qPrintable(run.out));

        run = calloutctl(db + QStringList{u"notify"_s, u"--once"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"No channel configured"_s), qPrintable(run.err));

        // One is delivered, the referring doctor's address is refused: exit 1, reason kept.
        run = calloutctl(db + QStringList{u"notify"_s, u"--once"_s, u"--smtp"_s, server.url()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(u"Sent 1, retrying 0, failed 1."_s), qPrintable(run.out));
        QCOMPARE(server.messages().size(), 1);
        run = calloutctl(db + QStringList{u"notify"_s, u"--status"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject status = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(status.value(u"sent"_s).toInt(), 1);
        QCOMPARE(status.value(u"failed"_s).toInt(), 1);
        const QJsonObject failure = status.value(u"failures"_s).toArray().at(0).toObject();
        QCOMPARE(failure.value(u"address"_s).toString(), u"jones@clinic.example"_s);
        QVERIFY2(failure.value(u"reason"_s).toString().contains(u"550"_s),
                 qPrintable(failure.value(u"reason"_s).toString()));

        // Sent again on request, by a user of the lab; another lab's user cannot.
        const QString id = QString::number(failure.value(u"id"_s).toInteger());
        run = calloutctl(db
                         + QStringList{u"--as"_s, u"labuser:4"_s, u"notify"_s, u"--retry"_s, id});
        QCOMPARE(run.exitCode, 2);
        run = calloutctl(db
                         + QStringList{u"--as"_s, u"support:3"_s, u"notify"_s, u"--retry"_s, id});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = calloutctl(db + QStringList{u"notify"_s, u"--status"_s});
        QVERIFY2(run.out.contains(u"1 pending"_s), qPrintable(run.out));

        // SPEC N4: a mail server that refuses the login fails nothing: the channel pauses,
        // the message waits with its attempts uncounted, and the status says why.
        SmtpTestServer::Options guarded = refusing;
        guarded.login = u"desk:s3cret"_s;
        SmtpTestServer locked(guarded);
        QVERIFY2(locked.start(&error), qPrintable(error));
        const auto login = [&locked](const QString &password) {
            return locked.url().replace(u"smtp://"_s, u"smtp://desk:%1@"_s.arg(password));
        };
        run = calloutctl(db
                         + QStringList{u"notify"_s, u"--once"_s, u"--smtp"_s, login(u"wr0ng"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Messages wait, not failed, until the settings work: email "
                                  "paused: "_s)
                     && run.err.contains(u"535"_s),
                 qPrintable(run.err));
        QVERIFY(!run.err.contains(u"wr0ng"_s));
        run = calloutctl(db + QStringList{u"notify"_s, u"--status"_s});
        QVERIFY2(run.out.contains(u"1 pending (0 retrying)"_s) && run.out.contains(u"0 failed"_s),
                 qPrintable(run.out));
        QVERIFY2(
            run.out.contains(u"Paused: email, 1 waiting; the settings of a desk were refused: "_s)
                && run.out.contains(u"535"_s),
            qPrintable(run.out));
        run = calloutctl(db + QStringList{u"notify"_s, u"--status"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())[u"paused"_s][0][u"channel"_s].toString(),
                 u"email"_s);

        // With the right password the message goes on, and the address is refused again.
        run = calloutctl(db
                         + QStringList{u"notify"_s, u"--once"_s, u"--smtp"_s, login(u"s3cret"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(u"Sent 0, retrying 0, failed 1."_s), qPrintable(run.out));

        // Support sends the lab's failed messages again as a batch, from a day on.
        const QStringList support{u"--as"_s, u"support:3"_s, u"notify"_s, u"--retry-failed"_s};
        run = calloutctl(
            db + QStringList{u"--as"_s, u"labuser:1"_s, u"notify"_s, u"--retry-failed"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Only a support login"_s), qPrintable(run.err));
        run = calloutctl(db + support + QStringList{u"--since"_s, u"yesterday"_s});
        QCOMPARE(run.exitCode, 2);
        run = calloutctl(db + QStringList{u"notify"_s, u"--since"_s, u"2026-01-01"_s});
        QCOMPARE(run.exitCode, 2);
        const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
        run = calloutctl(db + support + QStringList{u"--since"_s, tomorrow});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"0 failed notification(s)"_s), qPrintable(run.out));
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        run = calloutctl(db + support + QStringList{u"--since"_s, today});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"1 failed notification(s) will be sent again"_s),
                 qPrintable(run.out));
        run = calloutctl(db + QStringList{u"notify"_s, u"--status"_s});
        QVERIFY2(run.out.contains(u"1 pending (0 retrying)"_s) && run.out.contains(u"0 failed"_s),
                 qPrintable(run.out));
    }

    void mailPasswordGoesToTheKeychainOnly()
    {
        // A session without a keychain, whatever the machine running the test has: the
        // password must then be refused plainly, never written to a file.
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"CALLOUTDESK_SMTP"_s);
        process.setProcessEnvironment(environment);
        const auto run = [&process](const QStringList &arguments, const QByteArray &input) {
            process.start(QStringLiteral(CALLOUTCTL_PATH), arguments);
            process.write(input);
            process.closeWriteChannel();
            process.waitForFinished(60000);
            return process.exitCode();
        };
        QCOMPARE(run({u"mail-password"_s}, "x\n"), 2);
        QVERIFY(process.readAllStandardError().contains("No mail server given"));
        QCOMPARE(run({u"mail-password"_s, u"--smtp"_s, u"smtp://127.0.0.1:25/?from=a@b.example"_s},
                     "x\n"),
                 2);
        QVERIFY(process.readAllStandardError().contains("names no user"));
        QCOMPARE(
            run({u"mail-password"_s, u"--smtp"_s, u"smtp://lab@127.0.0.1:25/?from=a@b.example"_s},
                "s3cret\n"),
            1);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("could not be stored in the keychain"), err.constData());
        QVERIFY(!err.contains("s3cret"));
    }

    void syncCommands()
    {
        auto database = TestDatabase::create(u"sqlite"_s);
        {
            auto db = database->connectMigrated();
            QVERIFY(CalloutFixture::seed(*db).ok());
        }
        IndexTestServer server;
        QVERIFY(server.start());
        const QString url = database->url().displayString();
        const QStringList db{u"--db"_s, url};

        Run run = calloutctl(db + QStringList{u"sync"_s, u"--once"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"No search index given"_s), qPrintable(run.err));

        run = calloutctl(db
                         + QStringList{u"--as"_s, u"support:3"_s, u"callout"_s, u"--bill"_s, u"1"_s,
                                       u"--reports"_s, u"1"_s, u"--attempt"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = calloutctl(db + QStringList{u"sync"_s, u"--status"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"1 pending"_s), qPrintable(run.out));

        // The index refuses: exit 1, the row stays.
        server.setRefusingConnections(true);
        run = calloutctl(db + QStringList{u"sync"_s, u"--once"_s, u"--index"_s, server.url()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"connection was refused"_s), qPrintable(run.err));
        server.setRefusingConnections(false);

        run = calloutctl(db + QStringList{u"sync"_s, u"--once"_s, u"--index"_s, server.url()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"Sent 1"_s), qPrintable(run.out + run.err));
        QCOMPARE(server.documentCount(u"patient_reports-lab-1"_s), 6);

        // A document the index refuses (E5) is held, retried on a long backoff, and said with
        // its reason: exit 1, and the order counted as not in the index.
        server.failBulkItems({u"7"_s}, 400, u"mapper_parsing_exception"_s);
        run = calloutctl(db + QStringList{u"index"_s, u"rebuild"_s, u"--index"_s, server.url()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(u"3 orders queued"_s), qPrintable(run.out));
        QVERIFY2(
            run.err.contains(u"1 order not in the index: report 7: mapper_parsing_exception"_s),
            qPrintable(run.err));
        run = calloutctl(db + QStringList{u"sync"_s, u"--status"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        QJsonObject status = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(status[u"refused"_s].toInt(), 1);
        QCOMPARE(status[u"orders_not_indexed"_s].toInt(), 1);
        QCOMPARE(status[u"pending"_s].toInt(), 1);
        QVERIFY(status[u"refused_rows"_s][0][u"reason"_s].toString().contains(
            u"mapper_parsing_exception"_s));
        run = calloutctl(db + QStringList{u"sync"_s, u"--status"_s});
        QVERIFY2(
            run.out.contains(u"1 order not in the index: report 7: mapper_parsing_exception"_s),
            qPrintable(run.out));

        // sync --retry-failed sends them again now, for support of the lab only.
        server.failBulkItems({}, 400, QString());
        run = calloutctl(db + QStringList{u"sync"_s, u"--retry-failed"_s});
        QCOMPARE(run.exitCode, 2);
        run = calloutctl(db
                         + QStringList{u"--as"_s, u"labuser:1"_s, u"sync"_s, u"--retry-failed"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Only a support login"_s), qPrintable(run.err));
        run = calloutctl(db
                         + QStringList{u"--as"_s, u"labuser:4"_s, u"sync"_s, u"--retry-failed"_s});
        QCOMPARE(run.exitCode, 2);
        run = calloutctl(db
                         + QStringList{u"--as"_s, u"support:3"_s, u"sync"_s, u"--retry-failed"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"1 refused index update(s) will be sent again"_s),
                 qPrintable(run.out));
        run = calloutctl(db + QStringList{u"sync"_s, u"--once"_s, u"--index"_s, server.url()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Sent 1"_s), qPrintable(run.out));
        run = calloutctl(db + QStringList{u"sync"_s, u"--status"_s, u"--json"_s});
        status = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(status[u"refused"_s].toInt(), 0);
        QCOMPARE(status[u"alarm"_s].toString(), QString());

        // An answer that is not JSON (a proxy's error page) is a failure, not "nothing sent".
        run = calloutctl(db
                         + QStringList{u"--as"_s, u"support:3"_s, u"callout"_s, u"--bill"_s, u"1"_s,
                                       u"--reports"_s, u"1"_s, u"--done"_s, u"--method"_s, u"sms"_s,
                                       u"--recipient"_s, u"patient"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        server.answerNextRequests(1, u"/_bulk"_s, 200, "text/html",
                                  "<html><body><h1>502 Proxy Error</h1></body></html>");
        run = calloutctl(db + QStringList{u"sync"_s, u"--once"_s, u"--index"_s, server.url()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"not JSON"_s) && run.err.contains(u"502 Proxy Error"_s),
                 qPrintable(run.err));
        run = calloutctl(db + QStringList{u"sync"_s, u"--status"_s, u"--json"_s});
        status = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(status[u"pending"_s].toInt(), 1);
        QCOMPARE(status[u"retrying"_s].toInt(), 1);
    }

    // SPEC A6: with every log category of ours on, a password handed to calloutctl never
    // comes back in what it prints, whether the server is unreachable or the URL is wrong.
    void databasePasswordNeverPrinted()
    {
        const Run unreachable = calloutctl(
            {u"--db"_s, u"postgresql://lab:%1@127.0.0.1:1/callouts"_s.arg(secret), u"migrate"_s},
            {}, allLogs());
        QCOMPARE(unreachable.exitCode, 1);
        QVERIFY2(unreachable.err.contains(u"open failed"_s), qPrintable(unreachable.err));
        verifySecretNotIn(unreachable);

        const Run wrong
            = calloutctl({u"--db"_s, u"postgresql://lab:%1@127.0.0.1:99999/callouts"_s.arg(secret),
                          u"migrate"_s},
                         {}, allLogs());
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains(u"lab:****@127.0.0.1:99999"_s), qPrintable(wrong.err));
        verifySecretNotIn(wrong);

        // Mistyped URLs: a password holding a '?', a scheme without "//".
        for (const QString &typo : {u"postgresql://lab:%1?x@127.0.0.1/callouts"_s,
                                    u"postgresql//lab:%1@127.0.0.1/callouts"_s}) {
            const Run mistyped
                = calloutctl({u"--db"_s, typo.arg(secret), u"migrate"_s}, {}, allLogs());
            QCOMPARE(mistyped.exitCode, 2);
            QVERIFY2(mistyped.err.contains(u"lab:****@"_s), qPrintable(mistyped.err));
            verifySecretNotIn(mistyped);
        }
    }

    void indexAndMailPasswordsNeverPrinted_data() { TestDatabase::addEngineRows(); }
    void indexAndMailPasswordsNeverPrinted()
    {
        QFETCH(QString, engine);
        const auto lab = FixtureLab::withMailToSend(engine);
        QVERIFY(lab);
        const QStringList db{u"--db"_s, lab->url()};
        const QString from = u"/?from=lab@riverside.example"_s;

        Run run = calloutctl(db
                                 + QStringList{u"sync"_s, u"--once"_s, u"--index"_s,
                                               u"http://desk:%1@127.0.0.1:1"_s.arg(secret)},
                             {}, allLogs());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"connection was refused"_s), qPrintable(run.err));
        verifySecretNotIn(run);
        run = calloutctl(db
                             + QStringList{u"sync"_s, u"--once"_s, u"--index"_s,
                                           u"http://desk:%1@127.0.0.1:99999"_s.arg(secret)},
                         {}, allLogs());
        QCOMPARE(run.exitCode, 2);
        verifySecretNotIn(run);

        run = calloutctl(db
                             + QStringList{u"notify"_s, u"--once"_s, u"--smtp"_s,
                                           u"smtp://desk:%1@127.0.0.1:1"_s.arg(secret) + from},
                         {}, allLogs());
        QVERIFY2(run.err.contains(u"not sent via \"smtp://desk@127.0.0.1:1\""_s),
                 qPrintable(run.err));
        verifySecretNotIn(run);
        run = calloutctl(db
                             + QStringList{u"notify"_s, u"--once"_s, u"--smtp"_s,
                                           u"smtp://desk:%1@127.0.0.1:99999"_s.arg(secret) + from},
                         {}, allLogs());
        QCOMPARE(run.exitCode, 2);
        verifySecretNotIn(run);
    }

    // SPEC A6: a password in the settings file is refused, not used: nothing connects with
    // it, and the message says where it belongs. The same settings without it are used.
    void databasePasswordInSettingsRefused()
    {
        auto database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(database);
        QTemporaryDir config;
        const QString url = database->url().displayString();
        writeSettings(config, u"database/url"_s, QString(url).replace(u'@', u":%1@"_s.arg(secret)));
        const QByteArray before = databaseFingerprint(*database->connect());

        const Run refused = calloutctl({u"migrate"_s}, {}, settingsAt(config));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(u"database/url"_s) && refused.err.contains(u"PGPASSWORD"_s)
                     && refused.err.contains(u".pgpass"_s),
                 qPrintable(refused.err));
        verifySecretNotIn(refused);
        QCOMPARE(databaseFingerprint(*database->connect()), before);

        writeSettings(config, u"database/url"_s, url);
        QCOMPARE(calloutctl({u"migrate"_s}, {}, settingsAt(config)).exitCode, 0);
    }

    void indexAndMailSecretsInSettingsRefused_data() { TestDatabase::addEngineRows(); }
    void indexAndMailSecretsInSettingsRefused()
    {
        QFETCH(QString, engine);
        const auto lab = FixtureLab::withMailToSend(engine);
        QVERIFY(lab);
        IndexTestServer index;
        QVERIFY(index.start());
        SmtpTestServer mail;
        QString error;
        QVERIFY2(mail.start(&error), qPrintable(error));
        QTemporaryDir config;
        const QStringList db{u"--db"_s, lab->url()};
        const QStringList sync = db + QStringList{u"sync"_s, u"--once"_s};
        const QStringList notify = db + QStringList{u"notify"_s, u"--once"_s};
        const auto withPassword = [](const QString &url) {
            return QString(url).replace(u"://"_s, u"://desk:%1@"_s.arg(secret));
        };

        writeSettings(config, u"index/url"_s, withPassword(index.url()));
        Run run = calloutctl(sync, {}, settingsAt(config));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"index/url"_s)
                     && run.err.contains(u"CALLOUTDESK_INDEX_PASSWORD"_s),
                 qPrintable(run.err));
        verifySecretNotIn(run);

        writeSettings(config, u"index/url"_s, index.url());
        writeSettings(config, u"index/api_key"_s, secret);
        run = calloutctl(sync, {}, settingsAt(config));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"index/api_key"_s)
                     && run.err.contains(u"CALLOUTDESK_INDEX_API_KEY"_s),
                 qPrintable(run.err));
        verifySecretNotIn(run);
        QCOMPARE(index.requestCount(), 0);

        writeSettings(config, u"index/api_key"_s, QString());
        run = calloutctl(sync, {}, settingsAt(config));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(index.requestCount() > 0);

        writeSettings(config, u"mail/url"_s, withPassword(mail.url()));
        run = calloutctl(notify, {}, settingsAt(config));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"mail/url"_s) && run.err.contains(u"calloutctl mail-password"_s)
                     && run.err.contains(u"CALLOUTDESK_SMTP_PASSWORD"_s),
                 qPrintable(run.err));
        verifySecretNotIn(run);
        QCOMPARE(mail.messages().size(), 0);

        writeSettings(config, u"mail/url"_s, mail.url());
        run = calloutctl(notify, {}, settingsAt(config));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(mail.messages().size(), 2);
    }

    void aRunningSenderResumesWhenItsSettingsAreMended_data() { TestDatabase::addEngineRows(); }

    void aRunningSenderResumesWhenItsSettingsAreMended()
    {
        // SPEC N4: a server demanding STARTTLS of a sender set up for plain SMTP pauses the
        // mail channel of a long-running `calloutctl notify`; mending the settings file
        // resumes it at once, without a restart and without waiting for the slow probe.
        QFETCH(QString, engine);
        const auto lab = FixtureLab::withMailToSend(engine);
        QVERIFY(lab);
        TestCertificate certificate;
        QString error;
        QVERIFY2(certificate.make(&error), qPrintable(error));
        SmtpTestServer::Options tls;
        tls.tlsCertificate = certificate.certificateFile();
        tls.tlsKey = certificate.keyFile();
        SmtpTestServer mail(tls);
        QVERIFY2(mail.start(&error), qPrintable(error));
        QTemporaryDir config;
        writeSettings(config, u"mail/url"_s, mail.url());

        QProcess sender;
        sender.setProcessEnvironment(ProgramRun::environmentWith(settingsAt(config)));
        sender.start(QStringLiteral(CALLOUTCTL_PATH), {u"--db"_s, lab->url(), u"notify"_s});
        QString out;
        QString err;
        const auto read = [&] {
            out += QString::fromUtf8(sender.readAllStandardOutput());
            err += QString::fromUtf8(sender.readAllStandardError());
        };
        QTRY_VERIFY_WITH_TIMEOUT((read(), err.contains(u"Messages wait"_s)), 60000);
        QVERIFY2(err.contains(u"530"_s), qPrintable(err));
        QCOMPARE(mail.messages().size(), 0);

        writeSettings(config, u"mail/url"_s,
                      mail.url(u"starttls=1&ca="_s + certificate.certificateFile()));
        QTRY_COMPARE_WITH_TIMEOUT(mail.messages().size(), 2, 60000);
        QTRY_VERIFY_WITH_TIMEOUT((read(), out.contains(u"Every channel sends again."_s)), 30000);
        QVERIFY2(out.contains(u"The settings changed"_s), qPrintable(out));
        QCOMPARE(sender.state(), QProcess::Running);
        sender.kill();
        sender.waitForFinished();
    }

    void indexCommands_data() { TestDatabase::addEngineRows(); }

    void indexCommands()
    {
        QFETCH(QString, engine);
        auto lab = FixtureLab::create(engine);
        QVERIFY(lab);
        IndexTestServer server;
        QVERIFY(server.start());
        const QStringList db{u"--db"_s, lab->url()};
        const QStringList index{u"--index"_s, server.url()};

        // Refused input: nothing reaches the index.
        Run run = calloutctl(db + index + QStringList{u"index"_s, u"api-key"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--lab ID"_s), qPrintable(run.err));
        run = calloutctl(
            db + index
            + QStringList{u"index"_s, u"api-key"_s, u"--lab"_s, u"1"_s, u"--name"_s, u"_desk"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"\"_desk\" is not allowed"_s), qPrintable(run.err));
        run = calloutctl(db + index + QStringList{u"index"_s, u"api-key"_s, u"--lab"_s, u"99"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"There is no lab with id 99"_s), qPrintable(run.err));
        QCOMPARE(server.requestCount(), 0);

        // The index refuses the administrator's credential: exit 2, the index's reason.
        server.requireAuthorization("Basic " + QByteArray("elastic:right").toBase64());
        const QString wrong = u"http://elastic:wrong@127.0.0.1:%1"_s.arg(server.port());
        run = calloutctl(
            db + QStringList{u"--index"_s, wrong, u"index"_s, u"api-key"_s, u"--lab"_s, u"1"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"refused the request (401: "_s), qPrintable(run.err));
        QVERIFY2(!run.err.contains(u"wrong"_s), qPrintable(run.err));
        QCOMPARE(server.apiKeyCount(), 0);
        // A server that fails (503) is said; the exit is 1, as for every unreachable server.
        const QString admin = u"http://elastic:right@127.0.0.1:%1"_s.arg(server.port());
        server.failNextRequests(1, 503);
        run = calloutctl(
            db + QStringList{u"--index"_s, admin, u"index"_s, u"api-key"_s, u"--lab"_s, u"1"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"answered 503"_s), qPrintable(run.err));
        QCOMPARE(server.apiKeyCount(), 0);

        run = calloutctl(db
                         + QStringList{u"--index"_s, admin, u"index"_s, u"api-key"_s, u"--lab"_s,
                                       u"1"_s, u"--name"_s, u"ward desks"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(server.apiKeyCount(), 1);
        QVERIFY2(run.out.contains(u"API key \"ward desks\""_s)
                     && run.out.contains(u"patient_reports-lab-1"_s)
                     && run.out.contains(u"CALLOUTDESK_INDEX_API_KEY"_s),
                 qPrintable(run.out));
        const QString encoded = run.out.trimmed().split(u'\n').last();
        QCOMPARE(run.out.count(encoded), 1);

        // The printed key is the desk's: it searches lab 1's index, not lab 2's.
        QVERIFY(server.hasIndex(u"patient_reports-lab-1"_s));
        IndexClient desk(IndexEndpoint::parse(server.url(), encoded).value());
        const QByteArray search = R"({"query":{"match_all":{}}})";
        const IndexResponse own
            = desk.sendAndWait("POST", u"/patient_reports-lab-1/_search"_s, search);
        QVERIFY2(own.ok(), qPrintable(own.ok() ? QString() : own.failure->message));
        const IndexResponse other
            = desk.sendAndWait("POST", u"/patient_reports-lab-2/_search"_s, search);
        QCOMPARE(other.httpStatus, 403);
        QCOMPARE(other.body[u"error"_s][u"type"_s].toString(), u"security_exception"_s);

        // --json gives the same fields as Elasticsearch's answer.
        run = calloutctl(db
                         + QStringList{u"--index"_s, admin, u"--json"_s, u"index"_s, u"api-key"_s,
                                       u"--lab"_s, u"2"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject key = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(key[u"name"_s].toString(), u"calloutdesk-lab-2"_s);
        QCOMPARE(key[u"index"_s].toString(), u"patient_reports-lab-2"_s);
        QVERIFY(!key[u"id"_s].toString().isEmpty());
        QVERIFY(QByteArray::fromBase64(key[u"encoded"_s].toString().toLatin1())
                    .startsWith(key[u"id"_s].toString().toLatin1() + ':'));

        // index rebuild fills each lab's index from the database.
        const QStringList rebuild = db + QStringList{u"--index"_s, admin, u"index"_s, u"rebuild"_s};
        run = calloutctl(rebuild);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(server.documentCount(u"patient_reports-lab-1"_s), 8);
        QCOMPARE(server.documentCount(u"patient_reports-lab-2"_s), 1);
        QVERIFY2(!run.out.contains(u"earlier versions"_s), qPrintable(run.out));

        // Upgrading from the one index all labs shared: it is named, not deleted.
        IndexClient administrator(IndexEndpoint::parse(admin).value());
        QVERIFY(administrator.sendAndWait("PUT", u"/patient_reports"_s, "{}").ok());
        run = calloutctl(rebuild);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"the index patient_reports of earlier versions"_s),
                 qPrintable(run.out));
        QVERIFY(server.hasIndex(u"patient_reports"_s));
    }

    // The server goes away in the middle of a command: the user reads one sentence saying
    // what happened, not the driver's and libpq's own warnings besides it.
    void serverGoneMidCommandIsOneSentence_data()
    {
        QTest::addColumn<bool>("committed");
        QTest::newRow("cut before the commit") << false;
        QTest::newRow("cut after the commit") << true;
    }
    void serverGoneMidCommandIsOneSentence()
    {
        QFETCH(bool, committed);
        const auto lab = FixtureLab::create(u"postgresql"_s);
        QVERIFY(lab);
        const auto direct = lab->database->personUrl(u"support:3"_s);
        QVERIFY(direct.ok());
        PgCommitCutProxy proxy("127.0.0.1", quint16(direct.value().port()));
        QVERIFY(proxy.isListening());
        const QString url = u"postgresql://%1:%2@127.0.0.1:%3/%4?connect_timeout=5"_s
                                .arg(direct.value().userName(), direct.value().password())
                                .arg(proxy.port())
                                .arg(direct.value().databaseName());
        proxy.arm(committed ? PgCommitCutProxy::Cut::AfterCommit
                            : PgCommitCutProxy::Cut::BeforeCommit);
        const Run run = calloutctl({u"--db"_s, url, u"callout"_s, u"--bill"_s, u"1"_s,
                                    u"--reports"_s, u"2"_s, u"--done"_s, u"--method"_s, u"email"_s,
                                    u"--recipient"_s, u"organization"_s});
        QCOMPARE(proxy.cuts(), 1);
        if (committed) {
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        } else {
            QCOMPARE(run.exitCode, 1);
            static const QRegularExpression sentence(
                u"^calloutctl: The connection to the database was lost [^\n]*not saved[^\n]*\n$"_s);
            QVERIFY2(sentence.match(run.err).hasMatch(), qPrintable(run.err));
        }
    }

    // A database file this user may read but not write, or in a folder this user may not
    // write: reading commands work, writing ones say "read-only" (exit 2), nothing changes.
    void readOnlySqliteReadsAndRefusesWrites_data()
    {
        QTest::addColumn<bool>("folderReadOnly");
        QTest::newRow("read-only file") << false;
        QTest::newRow("read-only folder") << true;
    }
    void readOnlySqliteReadsAndRefusesWrites()
    {
        QFETCH(bool, folderReadOnly);
        const auto lab = FixtureLab::create(u"sqlite"_s);
        QVERIFY(lab);
        // A copy of the whole database in one file, as a lab would hand one out.
        QVERIFY(exec(*lab->db, u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
        QTemporaryDir dir;
        const QString file = dir.filePath(u"shared.db"_s);
        QVERIFY(QFile::copy(lab->database->url().databaseName(), file));
        QVERIFY(QFile::setPermissions(
            file, QFile::ReadOwner | (folderReadOnly ? QFile::WriteOwner : QFile::Permissions())));
        if (folderReadOnly)
            QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        const QFileInfo before(file);
        const QStringList as{u"--db"_s, DatabaseUrl::sqliteFile(file).displayString(), u"--as"_s,
                             u"support:3"_s};

        Run run = calloutctl(as + QStringList{u"records"_s, u"--bill"_s, u"1"_s}, {}, {}, {},
                             FilePermissions::obeyedInChild());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"RL-1"_s), qPrintable(run.out));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));

        run = calloutctl(as
                             + QStringList{u"callout"_s, u"--bill"_s, u"1"_s, u"--reports"_s,
                                           u"1"_s, u"--attempt"_s, u"--comment"_s, u"No answer"_s},
                         {}, {}, {}, FilePermissions::obeyedInChild());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"the SQLite database is read-only for this user"_s),
                 qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
        QCOMPARE(QFileInfo(file).lastModified(), before.lastModified());
        QVERIFY(QFile::setPermissions(dir.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }

    // Settings to fix, like any other wrong part of the URL: exit 2, not 1.
    void configurationProblemsAreRefusedInput()
    {
        QTemporaryDir dir;
        Run run = calloutctl({u"--db"_s, u"sqlite://"_s + dir.path(), u"migrate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"it is a folder"_s), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);

        // The test cluster has no TLS.
        const auto admin = TestDatabase::postgresAdminUrl();
        QVERIFY(admin.ok());
        run = calloutctl(
            {u"--db"_s, admin.value().displayString() + u"?sslmode=require"_s, u"migrate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"with the TLS settings of the database URL: server does not "
                                  "support SSL, but SSL was required."_s),
                 qPrintable(run.err));
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
