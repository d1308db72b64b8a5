// SPEC A1–A3, A7, V1, V2: on PostgreSQL a person's own login sees and changes, through
// raw SQL, exactly what the desk would show that person, and cannot change the schema,
// the triggers, the audit trail or write in another's name. The always_notify gate holds
// in the database on both engines.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "services/access/DeskLogins.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/SessionLoader.h"
#include "services/callout/VisibilityClause.h"
#include "services/search/SqlWorklistSource.h"

#include <QFuture>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

QList<qint64> ids(QSqlQuery &query)
{
    QList<qint64> result;
    while (query.next())
        result << query.value(0).toLongLong();
    return result;
}

} // namespace

class TestAccess : public EngineTestCase
{
    Q_OBJECT

private:
    // Raw SQL as the connection's login; the ids of the first column, or the error.
    static QList<qint64> selectIds(DatabaseConnection &connection, const QString &sql)
    {
        QSqlQuery query(connection.database());
        if (!query.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return ids(query);
    }
    static QString refusal(DatabaseConnection &connection, const QString &sql)
    {
        QSqlQuery query(connection.database());
        if (query.exec(sql))
            return QString();
        return query.lastError().databaseText();
    }
    // The policy groups of migration 0013 the connection's login is in.
    static QStringList policyGroups(DatabaseConnection &connection)
    {
        QSqlQuery query(connection.database());
        if (!query.exec(
                u"SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "WHERE m.member = session_user::regrole AND g.rolname IN "
                "('calloutdesk_scoped', 'calloutdesk_whole_lab') ORDER BY 1"_s))
            qWarning("%s", qPrintable(query.lastError().text()));
        QStringList groups;
        while (query.next())
            groups << query.value(0).toString();
        return groups;
    }
    // The PostgreSQL role the connection signed in as.
    static QString loginRole(DatabaseConnection &connection)
    {
        QSqlQuery query(connection.database());
        if (!query.exec(u"SELECT session_user"_s) || !query.next())
            qWarning("%s", qPrintable(query.lastError().text()));
        return query.value(0).toString();
    }
    static int affected(DatabaseConnection &connection, const QString &sql)
    {
        QSqlQuery query(connection.database());
        if (!query.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return -1;
        }
        return query.numRowsAffected();
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(CalloutFixture::seed(db()).ok());
    }

    void whatALoginSees_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QList<qint64>>("reports");
        QTest::addColumn<QList<qint64>>("bills");
        QTest::newRow("support") << u"support:3"_s << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}
                                 << QList<qint64>{1, 2};
        QTest::newRow("lab user, home Haematology")
            << u"labuser:1"_s << QList<qint64>{1, 3, 4, 7, 8} << QList<qint64>{1, 2};
        QTest::newRow("lab user, linked Biochemistry")
            << u"labuser:2"_s << QList<qint64>{2, 5, 6} << QList<qint64>{1};
        QTest::newRow("doctor, Haematology")
            << u"doctor:1"_s << QList<qint64>{1, 3, 4, 7, 8} << QList<qint64>{1, 2};
        QTest::newRow("doctor, assigned bill 1")
            << u"doctor:2"_s << QList<qint64>{1, 2, 3, 4, 5, 6} << QList<qint64>{1};
        QTest::newRow("doctor, no department") << u"doctor:3"_s << QList<qint64>{}
                                               << QList<qint64>{};
        QTest::newRow("other lab") << u"labuser:4"_s << QList<qint64>{9} << QList<qint64>{3};
    }
    void whatALoginSees()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        QFETCH(QString, spec);
        QFETCH(QList<qint64>, reports);
        QFETCH(QList<qint64>, bills);
        auto desk = signIn(spec);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.failure().message));
        DatabaseConnection &login = desk.value().db();

        QCOMPARE(selectIds(login, u"SELECT id FROM report ORDER BY id"_s), reports);
        QCOMPARE(selectIds(login, u"SELECT id FROM bill ORDER BY id"_s), bills);
        QCOMPARE(selectIds(login, u"SELECT DISTINCT b.patient_id FROM bill b ORDER BY 1"_s),
                 selectIds(login, u"SELECT id FROM patient ORDER BY id"_s));
        // The values by themselves, not joined to the reports, whose policy would hide
        // values shown by too wide a value policy.
        QCOMPARE(selectIds(login, u"SELECT DISTINCT report_id FROM report_value ORDER BY 1"_s),
                 selectIds(db(),
                           u"SELECT DISTINCT report_id FROM report_value WHERE "
                           "report_id IN (%1) ORDER BY 1"_s.arg(reports.isEmpty() ? u"0"_s : [&] {
                               QStringList list;
                               for (const qint64 id : reports)
                                   list << QString::number(id);
                               return list.join(u',');
                           }())));
        const qint64 lab = desk.value().scope.labId();
        QCOMPARE(selectIds(login, u"SELECT id FROM lab"_s), QList<qint64>{lab});
        // The catalogue is the whole lab's, whatever the login's departments.
        QCOMPARE(selectIds(login, u"SELECT id FROM report_format ORDER BY id"_s),
                 (lab == 1 ? QList<qint64>{1, 2, 3, 4} : QList<qint64>{5}));
        QCOMPARE(selectIds(login, u"SELECT id FROM value_range ORDER BY id"_s),
                 (lab == 1 ? QList<qint64>{1, 2, 3} : QList<qint64>{}));
        QCOMPARE(selectIds(login, u"SELECT DISTINCT lab_id FROM lab_user"_s), QList<qint64>{lab});

        // The same rows the program's own visibility rule (V2) selects for this session.
        const VisibilityClause visible = VisibilityClause::forReports(desk.value().scope);
        auto programs = db().run(u"t"_s,
                                 u"SELECT r.id FROM report r JOIN lab_test t ON t.id = r.lab_test_id "
                                 "JOIN bill b ON b.id = r.bill_id WHERE %1 ORDER BY r.id"_s.arg(
                                     visible.sql),
                                 visible.values);
        QVERIFY(programs.ok());
        QCOMPARE(ids(programs.value()), reports);
    }

    void theReportPolicyFollowsTheLinkAndTheSupportFlag()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        // A support login reads reports through a policy that names only the lab, so its
        // counts use the narrow index; the others through the full policy (migration 0013).
        auto hana = signIn(u"labuser:1"_s);
        auto sam = signIn(u"support:3"_s);
        QVERIFY2(hana.ok() && sam.ok(), "both sign in");
        DatabaseConnection &hanaLogin = hana.value().db();
        DatabaseConnection &samLogin = sam.value().db();
        const QString reports = u"SELECT id FROM report ORDER BY id"_s;
        QCOMPARE(policyGroups(hanaLogin), QStringList{u"calloutdesk_scoped"_s});
        QCOMPARE(policyGroups(samLogin), QStringList{u"calloutdesk_whole_lab"_s});

        // The group chooses a plan, never what is visible: put in the whole-lab group by
        // hand, Hana still sees Haematology's reports only.
        const QString hanaRole = loginRole(hanaLogin);
        QVERIFY(!hanaRole.isEmpty());
        QCOMPARE(affected(db(), u"GRANT calloutdesk_whole_lab TO %1"_s.arg(hanaRole)), 0);
        QCOMPARE(selectIds(hanaLogin, reports), (QList<qint64>{1, 3, 4, 7, 8}));

        // Made support, Hana sees the lab; Sam, support no longer, sees no department's.
        QCOMPARE(affected(db(),
                          u"UPDATE lab_user SET is_support = NOT is_support "
                          "WHERE id IN (1, 3)"_s),
                 2);
        QCOMPARE(policyGroups(hanaLogin), QStringList{u"calloutdesk_whole_lab"_s});
        QCOMPARE(policyGroups(samLogin), QStringList{u"calloutdesk_scoped"_s});
        QCOMPARE(selectIds(hanaLogin, reports), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
        QCOMPARE(selectIds(samLogin, reports), QList<qint64>{});
        // Orders and patients have the same two shapes (migration 0025).
        const QString bills = u"SELECT id FROM bill ORDER BY id"_s;
        const QString patients = u"SELECT id FROM patient ORDER BY id"_s;
        QCOMPARE(selectIds(hanaLogin, bills), (QList<qint64>{1, 2}));
        QCOMPARE(selectIds(samLogin, bills), QList<qint64>{});
        QCOMPARE(selectIds(samLogin, patients), QList<qint64>{});
    }

    void theOrderPolicyShowsNoMoreInTheWholeLabGroup()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        // Bo, of Biochemistry, sees one of the lab's two orders. Put in the whole-lab group
        // by hand, Bo still does: that shape asks desk_sees_whole_lab() (migration 0025).
        auto desk = signIn(u"labuser:2"_s);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.failure().message));
        DatabaseConnection &login = desk.value().db();
        const QString bills = u"SELECT id FROM bill ORDER BY id"_s;
        const QString patients = u"SELECT id FROM patient ORDER BY id"_s;
        const QList<qint64> seenPatients = selectIds(login, patients);
        QCOMPARE(selectIds(login, bills), QList<qint64>{1});
        QCOMPARE(seenPatients, selectIds(db(), u"SELECT patient_id FROM bill WHERE id = 1"_s));
        const QString role = loginRole(login);
        QVERIFY(!role.isEmpty());
        QCOMPARE(affected(db(), u"GRANT calloutdesk_whole_lab TO %1"_s.arg(role)), 0);
        QCOMPARE(policyGroups(login),
                 (QStringList{u"calloutdesk_scoped"_s, u"calloutdesk_whole_lab"_s}));
        QCOMPARE(selectIds(login, bills), QList<qint64>{1});
        QCOMPARE(selectIds(login, patients), seenPatients);
    }

    void theCatalogueTakesTheLabOfItsTest()
    {
        if (!isPostgres())
            QSKIP("SQLite has no row-level security to read the catalogue's lab.");
        // Formats and ranges carry their test's lab for their policies (migration 0023).
        // The database sets it from the parent, whatever the writer sends, and refuses
        // any other.
        QCOMPARE(affected(db(),
                          u"INSERT INTO report_format (id, lab_test_id, parameter_name, "
                          "lab_id) VALUES (6, 4, 'Sodium', 1)"_s),
                 1);
        QCOMPARE(affected(db(),
                          u"INSERT INTO value_range (id, report_format_id, sex, "
                          "age_max_days, lab_id) VALUES (4, 6, 'A', 365, 1)"_s),
                 1);
        const QString labs
            = u"SELECT unnest(ARRAY[(SELECT lab_id FROM report_format WHERE id = 6), "
              "(SELECT lab_id FROM value_range WHERE id = 4)])"_s;
        QCOMPARE(selectIds(db(), labs), (QList<qint64>{2, 2}));
        QVERIFY(refusal(db(), u"UPDATE report_format SET lab_id = 1 WHERE id = 6"_s)
                    .contains(u"foreign key"_s));
        QVERIFY(refusal(db(), u"UPDATE value_range SET lab_id = 1 WHERE id = 4"_s)
                    .contains(u"foreign key"_s));
        const QString unknownTest = refusal(
            db(), u"INSERT INTO report_format (lab_test_id, parameter_name) VALUES (99, 'X')"_s);
        QVERIFY2(unknownTest.contains(u"names test 99, which does not exist"_s),
                 qPrintable(unknownTest));

        auto olga = signIn(u"labuser:4"_s);
        auto hana = signIn(u"labuser:1"_s);
        QVERIFY2(olga.ok() && hana.ok(), "both sign in");
        QCOMPARE(selectIds(olga.value().db(), u"SELECT id FROM report_format ORDER BY id"_s),
                 (QList<qint64>{5, 6}));
        QCOMPARE(selectIds(olga.value().db(), u"SELECT id FROM value_range"_s), QList<qint64>{4});
        QCOMPARE(selectIds(hana.value().db(), u"SELECT id FROM value_range ORDER BY id"_s),
                 (QList<qint64>{1, 2, 3}));

        // A test moved to another lab takes its formats and their ranges along.
        QCOMPARE(affected(db(),
                          u"INSERT INTO lab_test (id, lab_id, name, department_id) "
                          "VALUES (5, 2, 'Chloride', 3)"_s),
                 1);
        QCOMPARE(affected(db(), u"UPDATE report_format SET lab_test_id = 5 WHERE id = 6"_s), 1);
        QCOMPARE(affected(db(),
                          u"UPDATE lab_test SET lab_id = 1, department_id = 2 "
                          "WHERE id = 5"_s),
                 1);
        QCOMPARE(selectIds(db(), labs), (QList<qint64>{1, 1}));
        QCOMPARE(selectIds(hana.value().db(), u"SELECT id FROM value_range ORDER BY id"_s),
                 (QList<qint64>{1, 2, 3, 4}));
    }

    void aValueTakesTheLabAndTestOfItsReport()
    {
        if (!isPostgres())
            QSKIP("SQLite has no row-level security to read a value's lab and test.");
        // Values carry their report's lab and test for their policies (migration 0024).
        // The database sets them from the report whatever the writer sends, and a report
        // whose test changes takes its values' visibility along.
        QCOMPARE(affected(db(),
                          u"INSERT INTO report_value (report_id, report_format_id, value, "
                          "lab_id, lab_test_id) VALUES (2, 2, '6', 2, 4)"_s),
                 1);
        const QString columns = u"SELECT unnest(ARRAY[lab_id, lab_test_id]) FROM report_value "
                                "WHERE report_id = 2 AND report_format_id = 2"_s;
        QCOMPARE(selectIds(db(), columns), (QList<qint64>{1, 2}));
        QCOMPARE(affected(db(),
                          u"UPDATE report_value SET lab_id = 2, lab_test_id = 4 "
                          "WHERE report_id = 2"_s),
                 2);
        QCOMPARE(selectIds(db(), columns), (QList<qint64>{1, 2}));
        const QString unknownReport = refusal(
            db(), u"INSERT INTO report_value (report_id, report_format_id) VALUES (99, 1)"_s);
        QVERIFY2(unknownReport.contains(u"names report 99, which does not exist"_s),
                 qPrintable(unknownReport));

        auto hana = signIn(u"labuser:1"_s);
        auto bo = signIn(u"labuser:2"_s);
        QVERIFY2(hana.ok() && bo.ok(), "both sign in");
        const QString valuesOf = u"SELECT DISTINCT report_id FROM report_value ORDER BY 1"_s;
        QCOMPARE(selectIds(hana.value().db(), valuesOf), (QList<qint64>{1, 3, 4, 7, 8}));
        QCOMPARE(selectIds(bo.value().db(), valuesOf), (QList<qint64>{2, 5, 6}));
        QCOMPARE(affected(db(), u"UPDATE report SET lab_test_id = 1 WHERE id = 2"_s), 1);
        QCOMPARE(selectIds(hana.value().db(), valuesOf), (QList<qint64>{1, 2, 3, 4, 7, 8}));
        QCOMPARE(selectIds(bo.value().db(), valuesOf), (QList<qint64>{5, 6}));

        // A report moved to another lab's order and test takes its values along.
        QCOMPARE(affected(db(),
                          u"INSERT INTO report (id, lab_id, bill_id, lab_test_id) "
                          "VALUES (10, 1, 1, 2)"_s),
                 1);
        QCOMPARE(affected(db(),
                          u"INSERT INTO report_value (report_id, report_format_id, value) "
                          "VALUES (10, 3, '4.4')"_s),
                 1);
        auto olga = signIn(u"labuser:4"_s);
        QVERIFY2(olga.ok(), qPrintable(olga ? QString() : olga.failure().message));
        QCOMPARE(selectIds(bo.value().db(), valuesOf), (QList<qint64>{5, 6, 10}));
        QCOMPARE(selectIds(olga.value().db(), valuesOf), QList<qint64>{9});
        QCOMPARE(affected(db(),
                          u"UPDATE report SET lab_id = 2, bill_id = 3, lab_test_id = 4 "
                          "WHERE id = 10"_s),
                 1);
        QCOMPARE(selectIds(db(),
                           u"SELECT unnest(ARRAY[lab_id, lab_test_id]) FROM report_value "
                           "WHERE report_id = 10"_s),
                 (QList<qint64>{2, 4}));
        QCOMPARE(selectIds(bo.value().db(), valuesOf), (QList<qint64>{5, 6}));
        QCOMPARE(selectIds(olga.value().db(), valuesOf), (QList<qint64>{9, 10}));
    }

    void anOrderIsSeenThroughItsReportsAsTheyChange()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        // Bo sees Biochemistry (test 2): order 1 and its patient 1, not order 2 (patient 2).
        auto bo = signIn(u"labuser:2"_s);
        QVERIFY2(bo.ok(), qPrintable(bo ? QString() : bo.failure().message));
        DatabaseConnection &login = bo.value().db();
        const auto seen = [&](QList<qint64> bills, QList<qint64> patients) {
            return selectIds(login, u"SELECT id FROM bill ORDER BY id"_s) == bills
                && selectIds(login, u"SELECT id FROM patient ORDER BY id"_s) == patients;
        };
        const auto admin = [&](const QString &sql) { return db().run(u"t"_s, sql).ok(); };
        QVERIFY(seen({1}, {1}));

        QVERIFY(admin(u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values) "
                      "VALUES (20, 1, 2, 2, 1), (21, 1, 2, 1, 1)"_s));
        QVERIFY(seen({1, 2}, {1, 2}));
        QVERIFY(admin(u"UPDATE report SET lab_test_id = 3 WHERE id = 20"_s));
        QVERIFY(seen({1}, {1}));
        QVERIFY(admin(u"UPDATE report SET bill_id = 2, lab_test_id = 2 WHERE id = 20"_s));
        QVERIFY(seen({1, 2}, {1, 2}));
        QVERIFY(admin(u"DELETE FROM report WHERE id = 20"_s));
        QVERIFY(seen({1}, {1}));
        // An order moved to another patient takes its visibility along.
        QVERIFY(admin(u"UPDATE bill SET patient_id = 2 WHERE id = 1"_s));
        QVERIFY(seen({1}, {2}));
        QVERIFY(admin(u"DELETE FROM bill WHERE id = 1"_s));
        QVERIFY(seen({}, {}));
        QCOMPARE(scalar(db(), u"SELECT report_test_ids::text FROM patient WHERE id = 2"_s)
                     .toString(),
                 u"{1}"_s);
    }

    void theSearchFunctionShowsOnlyVisibleOrders()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        // desk_orders_matching runs as the owner, past row security: it must apply the
        // order rule itself, or its ids would tell a login of orders it may not see.
        const auto matching = [&](const QString &spec, const QString &text) {
            auto person = signIn(spec);
            if (!person.ok())
                return QList<qint64>{-1};
            return selectIds(person.value().db(),
                             u"SELECT * FROM desk_orders_matching('%1') ORDER BY 1"_s.arg(text));
        };
        QCOMPARE(matching(u"support:3"_s, u"rl-"_s), QList<qint64>({1, 2}));
        QCOMPARE(matching(u"labuser:2"_s, u"rl-"_s), QList<qint64>{1});
        QCOMPARE(matching(u"labuser:2"_s, u"BABY"_s), QList<qint64>{});
        QCOMPARE(matching(u"labuser:1"_s, u"roe"_s), QList<qint64>{2});
        QCOMPARE(matching(u"doctor:2"_s, u"rl-"_s), QList<qint64>{1});
        QCOMPARE(matching(u"labuser:4"_s, u"rl-"_s), QList<qint64>{});
        QCOMPARE(matching(u"labuser:4"_s, u"otto"_s), QList<qint64>{3});

        // Several words match from a word's start, as one text (migration 0014 looks up
        // the first and checks the rest).
        QCOMPARE(matching(u"support:3"_s, u"jane d"_s), QList<qint64>{1});
        QCOMPARE(matching(u"support:3"_s, u"doe jane"_s), QList<qint64>{});
        QCOMPARE(matching(u"labuser:2"_s, u"jane d"_s), QList<qint64>{1});
        // An order's words follow it to another patient and a patient's new name.
        QCOMPARE(affected(db(), u"UPDATE bill SET patient_id = 2 WHERE id = 1"_s), 1);
        QCOMPARE(matching(u"support:3"_s, u"jane"_s), QList<qint64>{});
        QCOMPARE(matching(u"support:3"_s, u"roe"_s), QList<qint64>({1, 2}));
        QCOMPARE(affected(db(), u"UPDATE patient SET name = 'Baby Åström' WHERE id = 2"_s), 1);
        QCOMPARE(matching(u"support:3"_s, u"roe"_s), QList<qint64>{});
        QCOMPARE(matching(u"support:3"_s, u"åst"_s), QList<qint64>({1, 2}));
    }

    void twoWritersOfOneOrderKeepEachOthersTests()
    {
        if (!isPostgres())
            QSKIP("The order's tests are kept for PostgreSQL's row security only.");
        // One transaction adds a Biochemistry report to order 2 and has not committed
        // when another adds a Blood Culture report: the second waits, then counts both.
        QVERIFY(db().database().transaction());
        QVERIFY(db().run(u"t"_s, u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, "
                                 "critical_values) VALUES (20, 1, 2, 2, 1)"_s)
                    .ok());
        const DatabaseUrl url = db().url();
        QFuture<bool> second = QtConcurrent::run([url] {
            auto other = DatabaseConnection::open(url, u"second-writer"_s);
            return other.ok()
                && other.value()
                       ->run(u"t"_s, u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, "
                                     "critical_values) VALUES (21, 1, 2, 3, 1)"_s)
                       .ok();
        });
        QTest::qWait(300);
        QVERIFY2(!second.isFinished(), "the second writer did not wait for the first");
        QVERIFY(db().database().commit());
        QVERIFY(second.result());
        QCOMPARE(scalar(db(), u"SELECT report_test_ids::text FROM bill WHERE id = 2"_s).toString(),
                 u"{1,2,3}"_s);
        QCOMPARE(scalar(db(), u"SELECT report_test_ids::text FROM patient WHERE id = 2"_s)
                     .toString(),
                 u"{1,2,3}"_s);
    }

    void theWorklistShowsOneLabWhetherOrNotThePoliciesBindTheLogin()
    {
        // Where row-level security binds the login, the worklist leaves the lab to the
        // report policy (a second condition on the lab makes PostgreSQL plan it twice as
        // slowly); where nothing binds it (SQLite, a login that bypasses the policies) the
        // program names the lab itself. Either way lab 2's Pending report 9 stays out.
        const QList<qint64> labOnePending{1, 2, 3, 7, 8};
        const auto pending = [](DatabaseConnection &connection, const SessionScope &scope) {
            QList<qint64> reports;
            const auto page = SqlWorklistSource(connection).fetchNow(scope, WorklistQuery{});
            if (!page)
                qWarning("%s", qPrintable(page.failure().message));
            else
                for (const WorklistRow &row : page.value().rows)
                    reports << row.reportId;
            std::sort(reports.begin(), reports.end());
            return std::pair(reports, page ? page.value().pending : -1);
        };
        auto sam = signIn(u"support:3"_s);
        QVERIFY2(sam.ok(), qPrintable(sam ? QString() : sam.failure().message));
        QCOMPARE(sam.value().scope.rowsConfinedByDatabase(), isPostgres());
        QCOMPARE(pending(sam.value().db(), sam.value().scope), std::pair(labOnePending, qint64(5)));
        if (!isPostgres())
            return;

        // The test's administrator, whom no policy binds, linked to the same person.
        QCOMPARE(affected(db(),
                          u"INSERT INTO desk_login (login, lab_id, lab_user_id) "
                          "VALUES (session_user, 1, 3)"_s),
                 1);
        auto owner = SessionLoader(db()).resolve(QString());
        QVERIFY2(owner.ok(), qPrintable(owner ? QString() : owner.failure().message));
        QVERIFY(!owner.value().rowsConfinedByDatabase());
        QVERIFY(selectIds(db(), u"SELECT id FROM report WHERE lab_id = 2"_s).contains(9));
        const auto seen = pending(db(), owner.value());
        QCOMPARE(affected(db(), u"DELETE FROM desk_login WHERE login = session_user"_s), 1);
        QCOMPARE(seen, std::pair(labOnePending, qint64(5)));
    }

    void aLoginIsWhoItIs()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        auto desk = signIn(u"labuser:2"_s);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.failure().message));
        QCOMPARE(desk.value().scope.userId(), qint64(2));
        QCOMPARE(desk.value().scope.kind(), SessionKind::LabUserLinkedDepartments);
        // --as is refused on PostgreSQL, whoever asks.
        const auto claimed = SessionLoader(desk.value().db()).resolve(u"support:3"_s);
        QVERIFY(!claimed.ok());
        QVERIFY2(claimed.failure().message.contains(u"--as is only for SQLite"_s),
                 qPrintable(claimed.failure().message));
        // The administrator's login is nobody's desk.
        const auto admin = SessionLoader(db()).resolve(QString());
        QVERIFY(!admin.ok());
        QVERIFY2(admin.failure().message.contains(u"not linked to a person"_s),
                 qPrintable(admin.failure().message));
    }

    void aDeskLoginCannotChangeTheSchemaOrTheTrail()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        auto support = signIn(u"support:3"_s);
        QVERIFY2(support.ok(), qPrintable(support ? QString() : support.failure().message));
        auto done = CalloutEngine(support.value().db())
                        .submit(support.value().scope, CalloutFixture::doneRequest({1}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.failure().message));
        const qint64 audit = done.value().auditRowIds.first();
        DatabaseConnection &login = support.value().db();

        for (const QString &sql :
             {u"ALTER TABLE report ADD COLUMN x integer"_s,
              u"ALTER TABLE critical_callout DISABLE TRIGGER critical_callout_append_only"_s,
              u"ALTER TABLE report DISABLE ROW LEVEL SECURITY"_s,
              u"DROP POLICY visible ON report"_s, u"TRUNCATE activity_log"_s,
              u"UPDATE critical_callout SET comment = 'changed'"_s,
              u"UPDATE report SET comments = 'changed' WHERE id = 1"_s,
              u"UPDATE bill SET lab_bill_id = 'X' WHERE id = 1"_s,
              u"DELETE FROM activity_log"_s, u"DELETE FROM report_signature"_s,
              u"UPDATE desk_login SET lab_user_id = 1"_s,
              u"CREATE TABLE mine (id integer)"_s}) {
            QVERIFY2(!refusal(login, sql).isEmpty(), qPrintable(sql));
        }
        // A completed audit row is not the desk's to delete: it stays.
        QCOMPARE(affected(login, u"DELETE FROM critical_callout WHERE id = %1"_s.arg(audit)), 0);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout WHERE id = %1"_s.arg(audit))
                     .toInt(),
                 1);
        // Turning row security off does not show more: the server refuses the query.
        QVERIFY(refusal(login, u"SET row_security = off"_s).isEmpty());
        const QString off = refusal(login, u"SELECT id FROM report"_s);
        QVERIFY2(off.contains(u"row-level security"_s), qPrintable(off));
    }

    void nobodyWritesInAnothersName()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        auto hana = signIn(u"labuser:1"_s);
        QVERIFY2(hana.ok(), qPrintable(hana ? QString() : hana.failure().message));
        DatabaseConnection &login = hana.value().db();
        const QString as
            = refusal(login, u"INSERT INTO critical_callout (lab_id, bill_id, lab_report_id, "
                             "is_draft, status, performed_by_user_id) VALUES (1, 1, 1, false, 2, 3)"_s);
        QVERIFY2(as.contains(u"another person's name"_s), qPrintable(as));
        const QString logged = refusal(
            login, u"INSERT INTO activity_log (lab_id, log_category_id, bill_id, lab_user_name, "
                   "lab_user_id, activity_text) VALUES (1, 648, 1, 'Sam Support', 3, 'x')"_s);
        QVERIFY2(logged.contains(u"another person's name"_s), qPrintable(logged));
        const QString otherLab = refusal(
            login, u"INSERT INTO critical_callout (lab_id, bill_id, lab_report_id, is_draft, "
                   "status) VALUES (2, 3, 9, false, 2)"_s);
        QVERIFY2(otherLab.contains(u"row-level security"_s), qPrintable(otherLab));

        // Written without a name, the row carries the login's person.
        QCOMPARE(affected(login,
                          u"INSERT INTO activity_log (lab_id, log_category_id, bill_id, "
                          "lab_user_name, activity_text) VALUES (1, 1, 1, 'Someone Else', 'x')"_s),
                 1);
        QCOMPARE(scalar(db(), u"SELECT lab_user_id || ' ' || lab_user_name FROM activity_log "
                              "WHERE activity_text = 'x'"_s)
                     .toString(),
                 u"1 Hana Haem"_s);
    }

    void aCalloutResetsAttemptsOfDepartmentsTheUserCannotSee()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        // C11 across departments: Sam attempts reports 1 (Haematology) and 2
        // (Biochemistry); Hana, who sees only Haematology, calls out report 1. Report 2
        // goes back to Pending although Hana cannot see it, and the draft is gone.
        auto sam = signIn(u"support:3"_s);
        auto hana = signIn(u"labuser:1"_s);
        QVERIFY(sam.ok() && hana.ok());
        auto attempt = CalloutEngine(sam.value().db())
                           .submit(sam.value().scope, CalloutFixture::attemptRequest({1, 2}));
        QVERIFY2(attempt.ok(), qPrintable(attempt ? QString() : attempt.failure().message));
        auto done = CalloutEngine(hana.value().db())
                        .submit(hana.value().scope, CalloutFixture::doneRequest({1}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.failure().message));
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 2"_s).toInt(), 1);
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 1"_s).toInt(), 2);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout WHERE is_draft"_s).toInt(), 0);
        QCOMPARE(scalar(db(), u"SELECT performed_by_user_id FROM critical_callout WHERE id = %1"_s
                                  .arg(done.value().auditRowIds.first()))
                     .toLongLong(),
                 qint64(1));
    }

    void theGateHoldsInTheDatabase()
    {
        // A3 from raw SQL: with always_notify on, a complete report in a callout status
        // is not signed before a callout names it; PostgreSQL as a desk login.
        QVERIFY(db().run(u"t"_s, u"UPDATE report SET completed = %1 WHERE id = 2"_s.arg(sqlTrue()))
                    .ok());
        auto desk = signIn(u"support:3"_s);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.failure().message));
        DatabaseConnection &login = desk.value().db();
        const QString refused
            = refusal(login, u"UPDATE report SET is_signed = %1 WHERE id = 2"_s.arg(sqlTrue()));
        QVERIFY2(refused.contains(u"save a done callout before it is signed or approved"_s),
                 qPrintable(refused));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM report WHERE id = 2 AND is_signed"_s).toInt(),
                 0);
        auto done = CalloutEngine(login).submit(desk.value().scope,
                                                CalloutFixture::doneRequest({2}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.failure().message));
        QCOMPARE(affected(login, u"UPDATE report SET is_signed = %1 WHERE id = 2"_s.arg(sqlTrue())),
                 1);
    }

    void onlyAWholeLabLoginKeepsTheOutboxesOfItsLab()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        // Delivered, pending and refused rows of lab 1, and a delivered row of lab 2.
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id, state, done_on) "
                     "VALUES (1, 'bill', 1, 'done', now() - interval '40 days'), "
                     "(1, 'bill', 1, 'pending', NULL), (2, 'bill', 3, 'done', now())"_s));
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id, failure_class) "
                     "VALUES (1, 'bill', 2, 'permanent')"_s));
        auto hana = signIn(u"labuser:1"_s);
        auto sam = signIn(u"support:3"_s);
        auto olga = signIn(u"labuser:4"_s);
        QVERIFY(hana.ok() && sam.ok() && olga.ok());

        // A department's login sees its lab's outbox but neither sends, classes nor prunes.
        QCOMPARE(selectIds(hana.value().db(), u"SELECT DISTINCT lab_id FROM index_outbox"_s),
                 QList<qint64>{1});
        QCOMPARE(affected(hana.value().db(), u"DELETE FROM index_outbox"_s), 0);
        QCOMPARE(
            affected(hana.value().db(), u"UPDATE index_outbox SET failure_class = 'transient'"_s),
            0);
        // The whole lab's login prunes delivered rows of its own lab only, never pending or
        // refused ones, and records a failure class.
        QCOMPARE(affected(sam.value().db(), u"DELETE FROM index_outbox WHERE state = 'pending'"_s),
                 0);
        QCOMPARE(affected(sam.value().db(), u"DELETE FROM index_outbox"_s), 1);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM index_outbox WHERE lab_id = 2"_s).toInt(), 1);
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM index_outbox WHERE lab_id = 1"_s).toInt(), 2);
        QCOMPARE(affected(sam.value().db(),
                          u"UPDATE index_outbox SET failure_class = 'transient' "
                          "WHERE failure_class = ''"_s),
                 1);
        const QString foreign
            = refusal(sam.value().db(),
                      u"UPDATE index_outbox SET failure_class = 'configuration', lab_id = 2"_s);
        QVERIFY2(!foreign.isEmpty(), "a desk moved an outbox row to another lab");
        // The other lab's login sees and keeps only its own.
        QCOMPARE(selectIds(olga.value().db(), u"SELECT DISTINCT lab_id FROM index_outbox"_s),
                 QList<qint64>{2});
        QCOMPARE(affected(olga.value().db(), u"DELETE FROM index_outbox"_s), 0);
        // The same for notifications: the retention and the class columns are the desks'.
        QCOMPARE(affected(sam.value().db(), u"DELETE FROM notification_outbox"_s), 0);
        QCOMPARE(selectIds(sam.value().db(), u"SELECT outbox_retention_days FROM lab"_s),
                 QList<qint64>{30});
        QVERIFY(
            !refusal(sam.value().db(), u"UPDATE lab SET outbox_retention_days = 1"_s).isEmpty());
    }

    void aDisabledLoginCannotSignIn()
    {
        if (!isPostgres())
            QSKIP("SQLite has no logins: it is the single trusted desk (--as).");
        const auto url = database().personUrl(u"labuser:1"_s);
        QVERIFY(url.ok());
        auto open = DatabaseConnection::open(url.value(), u"t"_s);
        QVERIFY(open.ok());
        QCOMPARE(selectIds(*open.value(), u"SELECT id FROM bill ORDER BY id"_s),
                 QList<qint64>({1, 2}));
        // Disabled, its open session is ended (the test's administrator may), and a
        // session that stayed would see nothing: the policies ask for an enabled link.
        const auto disabled = DeskLogins(db()).disable(url.value().userName());
        QVERIFY(disabled.ok());
        QCOMPARE(disabled.value().sessionsEnded, 1);
        QVERIFY(!open.value()->run(u"t"_s, u"SELECT id FROM bill"_s).ok());
        QVERIFY(db().run(u"t"_s, u"UPDATE desk_login SET disabled = false"_s).ok());
        QVERIFY(DeskLogins(db()).link(url.value().userName(), {DeskLogins::Person::Kind::LabUser, 1})
                    .ok());
        auto stayed = DatabaseConnection::open(url.value(), u"t"_s);
        QVERIFY(stayed.ok());
        QVERIFY(db().run(u"t"_s, u"UPDATE desk_login SET disabled = true"_s).ok());
        QCOMPARE(selectIds(*stayed.value(), u"SELECT id FROM bill ORDER BY id"_s), QList<qint64>{});
        QCOMPARE(affected(*stayed.value(), u"INSERT INTO activity_log (lab_id, log_category_id, "
                                           "bill_id, activity_text) VALUES (1, 1, 1, 'x')"_s),
                 -1);
        QVERIFY(db().run(u"t"_s, u"UPDATE desk_login SET disabled = false"_s).ok());
        QVERIFY(DeskLogins(db()).disable(url.value().userName()).ok());
        const auto refused = DatabaseConnection::open(url.value(), u"t"_s);
        QVERIFY(!refused.ok());
        const auto listed = DeskLogins(db()).list();
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 1);
        QVERIFY(listed.value().first().disabled);
        QVERIFY(!listed.value().first().canLogIn);
        // Linked again by the administrator, the login signs in again.
        QVERIFY(DeskLogins(db())
                    .link(url.value().userName(), {DeskLogins::Person::Kind::LabUser, 1})
                    .ok());
        QVERIFY(DatabaseConnection::open(url.value(), u"t"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
