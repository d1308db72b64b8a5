// SPEC C10 through calloutctl, a real process on both engines: a bad contact typed on
// the command line exits 2 with one line saying what is wrong, and writes nothing; an
// international domain is accepted and queued in its ASCII form.
#include "CalloutFixture.h"
#include "ProgramRun.h"
#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

using Run = ProgramRun;

Run calloutctl(const QStringList &arguments)
{
    return ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH), arguments);
}

} // namespace

class TestCalloutctlContacts : public QObject
{
    Q_OBJECT

private slots:
    void badContactExitsTwo_data() { TestDatabase::addEngineRows(); }
    void badContactExitsTwo()
    {
        QFETCH(QString, engine);
        auto database = TestDatabase::create(engine);
        QVERIFY(database);
        auto db = database->connectMigrated();
        QVERIFY(db);
        QVERIFY(CalloutFixture::seed(*db).ok());
        const auto support = database->personArguments(u"support:3"_s);
        QVERIFY(support.ok());
        const QStringList callout = support.value()
            + QStringList{u"callout"_s,    u"--bill"_s,      u"1"_s,     u"--reports"_s,
                          u"2"_s,          u"--done"_s,      u"--recipient"_s,
                          u"other"_s,      u"--other-name"_s, u"Nurse Kim"_s};

        const QByteArray before = databaseFingerprint(*db);
        const QList<std::pair<QStringList, QString>> refused{
            {{u"--method"_s, u"email"_s, u"--other-email"_s,
              u"kim@ward.example, boss@ward.example"_s},
             u"more than one address"_s},
            {{u"--method"_s, u"email"_s, u"--other-email"_s, u"tomás@ward.example"_s},
             u"SMTPUTF8"_s},
            {{u"--method"_s, u"sms"_s, u"--other-contact"_s, u"555-CALL-KIM"_s},
             u"contact number cannot be used: it contains letters"_s},
        };
        for (const auto &[arguments, mentions] : refused) {
            const Run run = calloutctl(callout + arguments);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
            QCOMPARE(run.err.count(u'\n'), 1);
            QCOMPARE(databaseFingerprint(*db), before);
        }

        const Run accepted = calloutctl(
            callout
            + QStringList{u"--method"_s, u"email"_s, u"--other-email"_s, u"kim@bücher.example"_s});
        QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.err));
        QCOMPARE(scalar(*db, u"SELECT address FROM notification_outbox"_s).toString(),
                 u"kim@xn--bcher-kva.example"_s);
    }
};

QTEST_GUILESS_MAIN(TestCalloutctlContacts)
#include "tst_calloutctlcontacts.moc"
