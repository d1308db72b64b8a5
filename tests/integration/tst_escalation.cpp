// SPEC T3: the lab's escalation contacts. calloutctl escalation add|list|remove on both
// engines, refused input with nothing written, the schema's own checks, and on
// PostgreSQL a desk's login that reads only its lab's contacts and writes none.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "ProgramRun.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestEscalation : public EngineTestCase
{
    Q_OBJECT

private:
    ProgramRun calloutctl(const QStringList &arguments)
    {
        return ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH),
                              QStringList{u"--db"_s, database().url().displayString()} + arguments);
    }
    static QString refusal(DatabaseConnection &connection, const QString &sql)
    {
        QSqlQuery query(connection.database());
        if (query.exec(sql))
            return QString();
        return query.lastError().databaseText();
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void addListRemove()
    {
        ProgramRun run
            = calloutctl({u"escalation"_s, u"add"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"1"_s,
                          u"--name"_s, u" Dr. Rao "_s, u"--role"_s, u"On-call pathologist"_s,
                          u"--phone"_s, u"+1 555-0101"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Haematology #1  Dr. Rao (On-call pathologist)  +1 555-0101"_s),
                 qPrintable(run.out));
        // Without --order: after the last one.
        run = calloutctl({u"escalation"_s, u"add"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"1"_s,
                          u"--name"_s, u"Ward 4 nurses"_s, u"--email"_s,
                          u"ward4@hospital.example"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject added = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(added[u"order"_s].toInt(), 2);
        QCOMPARE(added[u"department"_s].toString(), u"Haematology"_s);
        run = calloutctl({u"escalation"_s, u"add"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"2"_s,
                          u"--name"_s, u"Dr. Bio"_s, u"--phone"_s, u"2222"_s, u"--order"_s,
                          u"5"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // A taken place in the calling order is a conflict; a department of another lab is
        // not this lab's. Nothing is written by either.
        const QByteArray before = databaseFingerprint(db());
        run = calloutctl({u"escalation"_s, u"add"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"1"_s,
                          u"--name"_s, u"Dr. Two"_s, u"--phone"_s, u"333"_s, u"--order"_s, u"1"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"already has a contact at calling order 1"_s),
                 qPrintable(run.err));
        run = calloutctl({u"escalation"_s, u"add"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"3"_s,
                          u"--name"_s, u"Dr. Other"_s, u"--phone"_s, u"333"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Lab 1 has no department 3."_s), qPrintable(run.err));
        QCOMPARE(databaseFingerprint(db()), before);

        run = calloutctl({u"escalation"_s, u"list"_s, u"--lab"_s, u"1"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonArray listed = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(listed.size(), 3);
        // Department by name (Biochemistry before Haematology), then calling order.
        QCOMPARE(listed[0][u"name"_s].toString(), u"Dr. Bio"_s);
        QCOMPARE(listed[1][u"name"_s].toString(), u"Dr. Rao"_s);
        QCOMPARE(listed[1][u"role"_s].toString(), u"On-call pathologist"_s);
        QCOMPARE(listed[1][u"phone"_s].toString(), u"+1 555-0101"_s);
        QCOMPARE(listed[2][u"email"_s].toString(), u"ward4@hospital.example"_s);
        QCOMPARE(listed[2][u"order"_s].toInt(), 2);

        run = calloutctl(
            {u"escalation"_s, u"list"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"1"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.count(u'\n'), 2);
        run = calloutctl({u"escalation"_s, u"list"_s, u"--lab"_s, u"2"_s});
        QVERIFY2(run.out.contains(u"Lab 2 has no escalation contacts."_s), qPrintable(run.out));

        const qint64 rao = listed[1][u"id"_s].toInteger();
        run = calloutctl({u"escalation"_s, u"remove"_s, u"--id"_s, QString::number(rao)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Removed escalation contact"_s), qPrintable(run.out));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM escalation_contact"_s).toInt(), 2);
        run = calloutctl({u"escalation"_s, u"remove"_s, u"--id"_s, QString::number(rao)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"There is no escalation contact %1."_s.arg(rao)),
                 qPrintable(run.err));
        // The freed place can be taken again.
        run = calloutctl({u"escalation"_s, u"add"_s, u"--lab"_s, u"1"_s, u"--department"_s, u"1"_s,
                          u"--name"_s, u"Dr. New"_s, u"--phone"_s, u"444"_s, u"--order"_s, u"1"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void refusedBeforeTheDatabase_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QStringList add{u"escalation"_s, u"add"_s,          u"--lab"_s,
                              u"1"_s,          u"--department"_s, u"1"_s};
        QTest::newRow("no action") << QStringList{u"escalation"_s} << u"Say what to do"_s;
        QTest::newRow("unknown action")
            << QStringList{u"escalation"_s, u"edit"_s} << u"Say what to do"_s;
        QTest::newRow("no lab") << QStringList{u"escalation"_s, u"list"_s} << u"--lab ID"_s;
        QTest::newRow("no department")
            << QStringList{u"escalation"_s, u"add"_s, u"--lab"_s,   u"1"_s,
                           u"--name"_s,     u"A"_s,   u"--phone"_s, u"123"_s}
            << u"--department ID"_s;
        QTest::newRow("no name") << add + QStringList{u"--phone"_s, u"123"_s}
                                 << u"Give the escalation contact's name."_s;
        QTest::newRow("no way to reach") << add + QStringList{u"--name"_s, u"Dr. A"_s}
                                         << u"a phone number or an email address"_s;
        QTest::newRow("phone letters")
            << add + QStringList{u"--name"_s, u"Dr. A"_s, u"--phone"_s, u"1-800-FLOWERS"_s}
            << u"The phone number \"1-800-FLOWERS\" cannot be used"_s;
        QTest::newRow("email") << add
                + QStringList{u"--name"_s, u"Dr. A"_s, u"--email"_s, u"rao at lab"_s}
                               << u"The email address \"rao at lab\" cannot be used"_s;
        QTest::newRow("name line break")
            << add + QStringList{u"--name"_s, u"Dr. A\nB"_s, u"--phone"_s, u"123"_s}
            << u"cannot be used"_s;
        QTest::newRow("order zero") << add
                + QStringList{u"--name"_s, u"Dr. A"_s, u"--phone"_s, u"123"_s, u"--order"_s, u"0"_s}
                                    << u"--order must be a whole number from 1 to 999"_s;
        QTest::newRow("remove without id")
            << QStringList{u"escalation"_s, u"remove"_s} << u"--id ID"_s;
    }
    // Refused before the database is touched: on SQLite a file named is not even made; on
    // PostgreSQL nothing changes.
    void refusedBeforeTheDatabase()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"untouched.db"_s);
        const QByteArray before = databaseFingerprint(db());
        const ProgramRun run = isPostgres()
            ? calloutctl(arguments)
            : ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH),
                             QStringList{u"--db"_s, DatabaseUrl::sqliteFile(file).displayString()}
                                 + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QCOMPARE(run.err.count(u'\n'), 1);
        QVERIFY2(!QFileInfo::exists(file), "refused input must not create the database");
        QCOMPARE(databaseFingerprint(db()), before);
    }

    // The schema refuses what the program refuses, whoever writes.
    void schemaChecksTheShapes_data()
    {
        QTest::addColumn<QString>("values");
        QTest::newRow("blank name") << u"' ', '', '123', ''"_s;
        QTest::newRow("no phone or email") << u"'A', '', '', ''"_s;
        QTest::newRow("phone letters") << u"'A', '', '12ab', ''"_s;
        QTest::newRow("phone plus inside") << u"'A', '', '12+3', ''"_s;
        QTest::newRow("email without domain dot") << u"'A', '', '', 'a@b'"_s;
        QTest::newRow("email two ats") << u"'A', '', '', 'a@b@c.example'"_s;
        QTest::newRow("email space") << u"'A', '', '', 'a b@c.example'"_s;
    }
    void schemaChecksTheShapes()
    {
        QFETCH(QString, values);
        QVERIFY(exec(db(),
                     u"INSERT INTO escalation_contact (lab_id, department_id, name, role, "
                     "phone, email, call_order) VALUES (1, 1, 'Fine', '', '+1 555-0101', "
                     "'fine@lab.example', 1)"_s));
        QVERIFY(!refusal(db(),
                         u"INSERT INTO escalation_contact (lab_id, department_id, name, role, "
                         "phone, email, call_order) VALUES (1, 1, %1, 2)"_s.arg(values))
                     .isEmpty());
        // A department of another lab, and a taken place in the calling order.
        QVERIFY(!refusal(db(),
                         u"INSERT INTO escalation_contact (lab_id, department_id, name, "
                         "phone, call_order) VALUES (1, 3, 'A', '123', 3)"_s)
                     .isEmpty());
        QVERIFY(!refusal(db(),
                         u"INSERT INTO escalation_contact (lab_id, department_id, name, "
                         "phone, call_order) VALUES (1, 1, 'A', '123', 1)"_s)
                     .isEmpty());
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM escalation_contact"_s).toInt(), 1);
    }

    // A desk reads its own lab's contacts and cannot add, change or remove one.
    void deskLoginReadsOnlyItsLab()
    {
        if (!isPostgres())
            QSKIP("row security and grants are PostgreSQL's (SQLite is a single desk's file)");
        QVERIFY(exec(db(),
                     u"INSERT INTO escalation_contact (lab_id, department_id, name, phone, "
                     "call_order) VALUES (1, 1, 'Dr. Rao', '111', 1), "
                     "(1, 2, 'Dr. Bio', '222', 1), (2, 3, 'Dr. Other', '333', 1)"_s));
        for (const QString &person : {u"labuser:1"_s, u"support:3"_s, u"doctor:1"_s}) {
            DatabaseConnection &desk = this->desk(person).db();
            QCOMPARE(scalar(desk, u"SELECT COUNT(*) FROM escalation_contact"_s).toInt(), 2);
            QCOMPARE(
                scalar(desk, u"SELECT COUNT(*) FROM escalation_contact WHERE lab_id = 2"_s).toInt(),
                0);
            QString refused = refusal(desk,
                                      u"INSERT INTO escalation_contact (lab_id, "
                                      "department_id, name, phone, call_order) VALUES "
                                      "(1, 1, 'Dr. Mine', '444', 2)"_s);
            QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(person + refused));
            refused = refusal(desk, u"DELETE FROM escalation_contact"_s);
            QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(person + refused));
            refused = refusal(desk, u"UPDATE escalation_contact SET phone = '999'"_s);
            QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(person + refused));
        }
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM escalation_contact"_s).toInt(), 3);
        QCOMPARE(
            scalar(db(), u"SELECT COUNT(*) FROM escalation_contact WHERE phone = '999'"_s).toInt(),
            0);
    }
};

QTEST_GUILESS_MAIN(TestEscalation)
#include "tst_escalation.moc"
