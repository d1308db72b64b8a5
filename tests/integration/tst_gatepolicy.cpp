// Gate policy (SPEC U13): with the lab's gate_requires_done on (the default) only a done
// callout lets a critical report be signed or approved under always_notify, in the
// sign-off service and in the database whoever writes (A3: raw SQL as a desk login on
// PostgreSQL); off keeps the seeds' rule, where an attempt is enough. The setting is
// changed with calloutctl lab set, which a desk's login may not do. Both engines, on the
// lab of CalloutFixture (always_notify on).
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "ProgramRun.h"
#include "TestDatabase.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/ReportSignoff.h"
#include "services/db/DatabaseConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

// As the administrator (the test database's URL) or as a person's own login, whose
// password libpq takes from PGPASSWORD.
ProgramRun calloutctl(const QStringList &arguments)
{
    return ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH), arguments,
                          {{u"PGPASSWORD"_s, QString::fromLatin1(TestDatabase::personPassword)}});
}

} // namespace

class TestGatePolicy : public EngineTestCase
{
    Q_OBJECT

private:
    static QString refusal(DatabaseConnection &connection, const QString &sql)
    {
        QSqlQuery query(connection.database());
        if (query.exec(sql))
            return QString();
        return query.lastError().databaseText();
    }
    bool flag(qint64 report, const QString &column)
    {
        return scalar(db(), u"SELECT %1 FROM report WHERE id = %2"_s.arg(column).arg(report))
            .toBool();
    }
    void setGate(bool requiresDone)
    {
        QVERIFY(exec(db(),
                     u"UPDATE lab SET gate_requires_done = %1 WHERE id = 1"_s.arg(
                         requiresDone ? sqlTrue() : sqlFalse())));
    }
    void submit(const CalloutRequest &request)
    {
        CalloutEngine engine(desk(u"support:3"_s).db());
        const auto outcome = engine.submit(desk(u"support:3"_s).scope, request);
        QVERIFY2(outcome.ok(), qPrintable(outcome ? QString() : outcome.failure().message));
    }
    Status perform(qint64 report, ReportSignoff::Action action)
    {
        Desk &support = desk(u"support:3"_s);
        return ReportSignoff(support.db()).perform(support.scope, report, action);
    }
    QString adminUrl() const { return m_adminUrl; }

    QString m_adminUrl;

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        QVERIFY(exec(db(), u"UPDATE report SET completed = %1 WHERE id = 2"_s.arg(sqlTrue())));
        m_adminUrl = database().url().displayString();
    }

    void anAttemptDoesNotLetTheServiceSignWhenTheGateRequiresDone()
    {
        QVERIFY(scalar(db(), u"SELECT gate_requires_done FROM lab WHERE id = 1"_s).toBool());
        submit(CalloutFixture::attemptRequest({2}));
        const Status refused = perform(2, ReportSignoff::Action::Sign);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(refused.failure().message.contains(u"an attempt is not enough"_s),
                 qPrintable(refused.failure().message));
        QVERIFY(!flag(2, u"is_signed"_s));

        submit(CalloutFixture::doneRequest({2}));
        const Status signedNow = perform(2, ReportSignoff::Action::Sign);
        QVERIFY2(signedNow.ok(), qPrintable(signedNow ? QString() : signedNow.failure().message));
        QVERIFY(flag(2, u"is_signed"_s));
    }

    void anAttemptIsEnoughWhenTheGateIsOff()
    {
        setGate(false);
        submit(CalloutFixture::attemptRequest({2}));
        const Status signedNow = perform(2, ReportSignoff::Action::Sign);
        QVERIFY2(signedNow.ok(), qPrintable(signedNow ? QString() : signedNow.failure().message));
        const Status approved = perform(2, ReportSignoff::Action::Approve);
        QVERIFY2(approved.ok(), qPrintable(approved ? QString() : approved.failure().message));
        QVERIFY(flag(2, u"is_approved"_s));
    }

    void theDatabaseHoldsThePolicyWhoeverWrites()
    {
        // A3 from raw SQL, on PostgreSQL as a desk login under its grants and row security.
        submit(CalloutFixture::attemptRequest({2}));
        DatabaseConnection &login = desk(u"support:3"_s).db();
        const QString sign = u"UPDATE report SET is_signed = %1 WHERE id = 2"_s.arg(sqlTrue());
        const QString approve = u"UPDATE report SET is_approved = %1 WHERE id = 2"_s.arg(sqlTrue());
        QString refused = refusal(login, sign);
        QVERIFY2(refused.contains(u"save a done callout before it is signed or approved"_s),
                 qPrintable(refused));
        QVERIFY(!flag(2, u"is_signed"_s));

        setGate(false);
        refused = refusal(login, sign);
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
        QVERIFY(flag(2, u"is_signed"_s));

        setGate(true);
        refused = refusal(login, approve);
        QVERIFY2(refused.contains(u"an attempt is not enough"_s), qPrintable(refused));
        QVERIFY(!flag(2, u"is_approved"_s));
        submit(CalloutFixture::doneRequest({2}));
        refused = refusal(login, approve);
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
        QVERIFY(flag(2, u"is_approved"_s));
    }

    void aDeskLoginCannotChangeThePolicy()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        DatabaseConnection &login = desk(u"support:3"_s).db();
        const QString refused
            = refusal(login, u"UPDATE lab SET gate_requires_done = false WHERE id = 1"_s);
        QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(refused));
        QVERIFY(scalar(db(), u"SELECT gate_requires_done FROM lab WHERE id = 1"_s).toBool());
    }

    void calloutctlShowsAndChangesTheLabsSettings()
    {
        ProgramRun run = calloutctl(
            {u"--db"_s, adminUrl(), u"lab"_s, u"show"_s, u"--lab"_s, u"1"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonObject shown = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(shown.value(u"gate_requires_done"_s).toBool(false), true);
        QCOMPARE(shown.value(u"idle_lock_minutes"_s).toInt(), 10);

        run = calloutctl({u"--db"_s, adminUrl(), u"lab"_s, u"set"_s, u"--lab"_s, u"1"_s,
                          u"gate_requires_done=off"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"gate_requires_done = off"_s), qPrintable(run.out));
        QVERIFY(!scalar(db(), u"SELECT gate_requires_done FROM lab WHERE id = 1"_s).toBool());

        // Refused before the database is touched: an unknown name, a wrong value, no lab.
        for (const QStringList &wrong :
             {QStringList{u"set"_s, u"--lab"_s, u"1"_s, u"gate_requires_done=maybe"_s},
              QStringList{u"set"_s, u"--lab"_s, u"1"_s, u"always_done=on"_s},
              QStringList{u"set"_s, u"--lab"_s, u"1"_s, u"idle_lock_minutes=0"_s},
              QStringList{u"set"_s, u"gate_requires_done=on"_s},
              QStringList{u"set"_s, u"--lab"_s, u"99"_s, u"gate_requires_done=on"_s}}) {
            run = calloutctl(QStringList{u"--db"_s, adminUrl(), u"lab"_s} + wrong);
            QVERIFY2(run.exitCode == 2, qPrintable(wrong.join(u' ') + u": "_s + run.err));
            QVERIFY2(!run.err.isEmpty(), qPrintable(wrong.join(u' ')));
        }
        QVERIFY(!scalar(db(), u"SELECT gate_requires_done FROM lab WHERE id = 1"_s).toBool());

        if (!isPostgres())
            return;
        // A person's own login reads the setting but may not change it.
        const auto person = database().personArguments(u"support:3"_s);
        QVERIFY(person.ok());
        run = calloutctl(
            person.value()
            + QStringList{u"lab"_s, u"set"_s, u"--lab"_s, u"1"_s, u"gate_requires_done=on"_s});
        QVERIFY2(run.exitCode != 0 && run.err.contains(u"permission denied"_s),
                 qPrintable(run.err));
        QVERIFY(!scalar(db(), u"SELECT gate_requires_done FROM lab WHERE id = 1"_s).toBool());
    }

    // SPEC T2: the callout clock is a lab setting like the gate; a warning that would come
    // after the target is refused by calloutctl, saying so, and by the database.
    void theCalloutClockIsALabSetting()
    {
        ProgramRun run = calloutctl(
            {u"--db"_s, adminUrl(), u"lab"_s, u"show"_s, u"--lab"_s, u"1"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject shown = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(shown.value(u"callout_target_minutes"_s).toInt(), 60);
        QCOMPARE(shown.value(u"callout_warning_minutes"_s).toInt(), 30);

        run = calloutctl({u"--db"_s, adminUrl(), u"lab"_s, u"set"_s, u"--lab"_s, u"1"_s,
                          u"callout_target_minutes=45"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(scalar(db(), u"SELECT callout_target_minutes FROM lab WHERE id = 1"_s).toInt(),
                 45);

        run = calloutctl({u"--db"_s, adminUrl(), u"lab"_s, u"set"_s, u"--lab"_s, u"1"_s,
                          u"callout_warning_minutes=45"_s});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out));
        QVERIFY2(run.err.contains(u"must be less than the target"_s), qPrintable(run.err));
        run = calloutctl({u"--db"_s, adminUrl(), u"lab"_s, u"set"_s, u"--lab"_s, u"1"_s,
                          u"callout_target_minutes=20"_s});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out));
        QVERIFY2(run.err.contains(u"callout_warning_minutes, 30"_s), qPrintable(run.err));
        QCOMPARE(scalar(db(), u"SELECT callout_warning_minutes FROM lab WHERE id = 1"_s).toInt(),
                 30);
        QCOMPARE(scalar(db(), u"SELECT callout_target_minutes FROM lab WHERE id = 1"_s).toInt(),
                 45);
        // Nor past the program: the database itself refuses it.
        QVERIFY(!exec(db(), u"UPDATE lab SET callout_warning_minutes = 50 WHERE id = 1"_s));
        QVERIFY(!exec(db(), u"UPDATE lab SET callout_target_minutes = 0 WHERE id = 1"_s));
        QCOMPARE(scalar(db(), u"SELECT callout_warning_minutes FROM lab WHERE id = 1"_s).toInt(),
                 30);
    }
};

QTEST_MAIN(TestGatePolicy)
#include "tst_gatepolicy.moc"
