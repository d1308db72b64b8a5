// SPEC T5: the compliance report. A lab with known result and callout times over two ISO
// weeks and two departments; every figure checked by hand on both engines, the same report
// from both, a department user's share of it, and calloutctl report compliance.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "ProgramRun.h"

#include "services/report/ComplianceReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <time.h>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

// When the report is produced: Tuesday 2026-12-01 13:00 in Berlin.
const QDateTime producedAt
    = QDateTime::fromString(u"2026-12-01T12:00:00.000Z"_s, Qt::ISODateWithMs);

QString at(const char *utc)
{
    return QString::fromLatin1(utc);
}

// Lab 1 of CalloutFixture (target 60 minutes), bill 10 "RL-10" with these reports; times in
// UTC, the process in Europe/Berlin (UTC+1 in November and December):
//
// Haematology (test 1), week of Monday 2026-11-23
//   101 result Mon 00:30 local (Sun 23:30 UTC) done +10 min
//   102 done +30         103 done +90 (read back)   104 attempt +20, done +45 (made
//   offline, received later), another done +120
// Haematology, week of Monday 2026-11-30
//   105 done +61.5 (the same callout as 204)   106 open 30 minutes at producedAt
// Biochemistry (test 2), week of 2026-11-23
//   201 done +5          202 open since Mon 2026-11-23 11:00 UTC (11,520 min past target)
// Biochemistry, week of 2026-11-30
//   203 open 90 minutes  204 done +60 (exactly the target: within)
// Not in the report: 301 result Sun 2026-11-22 23:30 local (a day before the range),
// 302 result Mon 2026-12-07 00:30 local (a day after it), 303 not critical, 304 dismissed.
Status seedCompliance(DatabaseConnection &db)
{
    if (const Status seeded = CalloutFixture::seed(db); !seeded)
        return seeded;
    const QStringList statements{
        u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, bill_date) VALUES "
        "(10, 1, 'RL-10', 1, '2026-11-20T08:00:00.000Z')"_s,
        u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values, dismissed, "
        "sample_collected, completed, result_on) VALUES "
        "(101, 1, 10, 1, 2, FALSE, TRUE, TRUE, '2026-11-22T23:30:00.000Z'), "
        "(102, 1, 10, 1, 2, FALSE, TRUE, TRUE, '2026-11-24T08:00:00.000Z'), "
        "(103, 1, 10, 1, 2, FALSE, TRUE, TRUE, '2026-11-25T08:00:00.000Z'), "
        "(104, 1, 10, 1, 2, FALSE, TRUE, TRUE, '2026-11-26T08:00:00.000Z'), "
        "(105, 1, 10, 1, 2, FALSE, TRUE, TRUE, '2026-11-30T09:00:00.000Z'), "
        "(106, 1, 10, 1, 1, FALSE, TRUE, TRUE, '2026-12-01T11:30:00.000Z'), "
        "(201, 1, 10, 2, 2, FALSE, TRUE, TRUE, '2026-11-23T10:00:00.000Z'), "
        "(202, 1, 10, 2, 1, FALSE, TRUE, TRUE, '2026-11-23T11:00:00.000Z'), "
        "(203, 1, 10, 2, 1, FALSE, TRUE, TRUE, '2026-12-01T10:30:00.000Z'), "
        "(204, 1, 10, 2, 2, FALSE, TRUE, TRUE, '2026-11-30T09:01:30.000Z'), "
        "(301, 1, 10, 1, 2, FALSE, TRUE, TRUE, '2026-11-22T22:30:00.000Z'), "
        "(302, 1, 10, 2, 1, FALSE, TRUE, TRUE, '2026-12-06T23:30:00.000Z'), "
        "(303, 1, 10, 2, 0, FALSE, TRUE, TRUE, '2026-11-24T08:00:00.000Z'), "
        "(304, 1, 10, 2, 1, TRUE, TRUE, TRUE, '2026-11-24T08:00:00.000Z')"_s,
        // id, report (first named), user, received, made offline, json
        u"INSERT INTO activity_log (id, lab_id, log_category_id, bill_id, lab_report_id, "
        "lab_user_name, lab_user_id, activity_text, activity_date, made_at, dumped_json) VALUES "
        "(1001, 1, 648, 10, 101, 'Hana Haem', 1, 'done', '2026-11-22T23:40:00.000Z', NULL, '{}'), "
        "(1002, 1, 648, 10, 102, 'Hana Haem', 1, 'done', '2026-11-24T08:30:00.000Z', NULL, "
        "'{\"calls\": []}'), "
        "(1003, 1, 648, 10, 103, 'Sam Support', 3, 'done', '2026-11-25T09:30:00.000Z', NULL, "
        "'{\"calls\": [{\"name\": \"Dr. Jones\", \"role\": \"doctor\", \"read_back\": true}]}'), "
        "(1004, 1, 648, 10, 104, 'Hana Haem', 1, 'attempt', '2026-11-26T08:20:00.000Z', NULL, "
        "'{\"is_draft\": true}'), "
        "(1005, 1, 648, 10, 104, 'Hana Haem', 1, 'done', '2026-11-26T10:10:00.000Z', "
        "'2026-11-26T08:45:00.000Z', '{}'), "
        "(1006, 1, 648, 10, 104, 'Bo Linked', 2, 'done', '2026-11-26T10:00:00.000Z', NULL, "
        "'{}'), "
        "(1007, 1, 648, 10, 105, 'Bo Linked', 2, 'done', '2026-11-30T10:01:30.000Z', NULL, "
        "'{\"calls\": [{\"name\": \"Ward 4\", \"read_back\": false}]}'), "
        "(1008, 1, 648, 10, 201, 'Bo Linked', 2, 'done', '2026-11-23T10:05:00.000Z', NULL, "
        "'{}'), "
        "(1009, 1, 648, 10, 301, 'Bo Linked', 2, 'done', '2026-11-23T01:50:00.000Z', NULL, "
        "'{}'), "
        "(1010, 1, 648, 10, 202, 'Bo Linked', 2, 'attempt', '2026-11-23T11:10:00.000Z', NULL, "
        "'{\"is_draft\": true}')"_s,
        u"INSERT INTO activity_log_report (activity_log_id, lab_id, lab_report_id) VALUES "
        "(1001, 1, 101), (1002, 1, 102), (1003, 1, 103), (1004, 1, 104), (1005, 1, 104), "
        "(1006, 1, 104), (1007, 1, 105), (1007, 1, 204), (1008, 1, 201), (1009, 1, 301), "
        "(1010, 1, 202)"_s,
    };
    for (const QString &statement : statements) {
        const auto done = db.run(u"Seeding the compliance lab"_s, statement);
        if (!done)
            return done.failure();
    }
    return Done{};
}

ComplianceQuery period()
{
    return {QDate(2026, 11, 23), QDate(2026, 12, 6), std::nullopt};
}

ComplianceFigures figures(int critical, int notified, int within, int open, int openPast,
                          std::optional<double> median, std::optional<double> p90)
{
    return {critical, notified, within, open, openPast, median, p90};
}

// Counts exactly, minutes to the precision of a double computed two ways.
void compareFigures(const ComplianceFigures &actual, const ComplianceFigures &expected,
                    const char *group)
{
    const QByteArray what = group;
    QVERIFY2(actual.criticalReports == expected.criticalReports, (what + " critical").constData());
    QVERIFY2(actual.notified == expected.notified, (what + " notified").constData());
    QVERIFY2(actual.notifiedWithinTarget == expected.notifiedWithinTarget,
             (what + " within").constData());
    QVERIFY2(actual.stillOpen == expected.stillOpen, (what + " open").constData());
    QVERIFY2(actual.openPastTarget == expected.openPastTarget,
             (what + " open past target").constData());
    for (const auto &[got, wanted, name] :
         {std::tuple{actual.medianMinutes, expected.medianMinutes, "median"},
          std::tuple{actual.p90Minutes, expected.p90Minutes, "p90"}}) {
        QVERIFY2(got.has_value() == wanted.has_value(), (what + " " + name).constData());
        if (got)
            QVERIFY2(qAbs(*got - *wanted) < 1e-9,
                     qPrintable(u"%1 %2: %3, expected %4"_s
                                    .arg(QString::fromLatin1(what), QString::fromLatin1(name))
                                    .arg(*got, 0, 'g', 17)
                                    .arg(*wanted, 0, 'g', 17)));
    }
}

QStringList linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text.split(u"\r\n"_s, Qt::SkipEmptyParts);
}

QJsonObject readXlsx(const QString &path, int sheet)
{
    QProcess python;
    python.start(u"python3"_s, {QStringLiteral(XLSX_READER_PATH), path, QString::number(sheet)});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

QStringList rowOf(const QJsonObject &sheet, int row)
{
    QStringList cells;
    for (const QJsonValue cell : sheet.value(u"rows"_s).toArray().at(row).toArray())
        cells << (cell.isObject() ? u"date:"_s + cell.toObject().value(u"date"_s).toString()
                                  : cell.toString());
    return cells;
}

} // namespace

class TestCompliance : public EngineTestCase
{
    Q_OBJECT

private slots:
    void init()
    {
        EngineTestCase::init();
        QVERIFY(seedCompliance(db()).ok());
    }

    void everyFigure()
    {
        Desk &support = desk(u"support:3"_s);
        const auto read = ComplianceReader(support.db()).read(support.scope, period(), producedAt);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.failure().message));
        const ComplianceReport &report = read.value();
        QCOMPARE(report.labName, u"Riverside Lab"_s);
        QCOMPARE(report.targetMinutes, 60);
        QCOMPARE(report.producedAt, producedAt);

        QCOMPARE(report.departments.size(), 2);
        const ComplianceDepartment &biochemistry = report.departments[0];
        const ComplianceDepartment &haematology = report.departments[1];
        QCOMPARE(biochemistry.department.name, u"Biochemistry"_s);
        QCOMPARE(haematology.department.name, u"Haematology"_s);

        const QDate w48(2026, 11, 23);
        const QDate w49(2026, 11, 30);
        QCOMPARE(haematology.weeks.size(), 2);
        QCOMPARE(haematology.weeks[0].monday, w48);
        QCOMPARE(haematology.weeks[0].isoWeek(), u"2026-W48"_s);
        QCOMPARE(haematology.weeks[1].monday, w49);
        // 10, 30, 45, 90: median between 30 and 45; p90 at 2.7 of 0..3.
        compareFigures(haematology.weeks[0].figures, figures(4, 4, 3, 0, 0, 37.5, 76.5),
                       "haematology w48");
        compareFigures(haematology.weeks[1].figures, figures(2, 1, 0, 1, 0, 61.5, 61.5),
                       "haematology w49");
        // 10, 30, 45, 61.5, 90: p90 at 3.6.
        compareFigures(haematology.total, figures(6, 5, 3, 1, 0, 45, 78.6), "haematology");
        QCOMPARE(biochemistry.weeks.size(), 2);
        compareFigures(biochemistry.weeks[0].figures, figures(2, 1, 1, 1, 1, 5, 5),
                       "biochemistry w48");
        compareFigures(biochemistry.weeks[1].figures, figures(2, 1, 1, 1, 1, 60, 60),
                       "biochemistry w49");
        // 5, 60: p90 at 0.9.
        compareFigures(biochemistry.total, figures(4, 2, 2, 2, 2, 32.5, 54.5), "biochemistry");

        QCOMPARE(report.labWeeks.size(), 2);
        QCOMPARE(report.labWeeks[0].monday, w48);
        // 5, 10, 30, 45, 90.
        compareFigures(report.labWeeks[0].figures, figures(6, 5, 4, 1, 1, 30, 72), "lab w48");
        // 60, 61.5.
        compareFigures(report.labWeeks[1].figures, figures(4, 2, 1, 2, 1, 60.75, 61.35), "lab w49");
        // 5, 10, 30, 45, 60, 61.5, 90: p90 at 5.4.
        compareFigures(report.labTotal, figures(10, 7, 5, 3, 2, 45, 72.9), "lab");
        QCOMPARE(report.labTotal.breaches(), 4);
        QCOMPARE(*report.labTotal.shareWithinTarget(), 5.0 / 9);

        // Most minutes over first; 103 and 203 are both exactly 30 minutes over.
        QCOMPARE(report.breaches.size(), 4);
        const ComplianceBreach &open = report.breaches[0];
        QCOMPARE(open.reportId, qint64(202));
        QCOMPARE(open.billId, qint64(10));
        QCOMPARE(open.orderNumber, u"RL-10"_s);
        QCOMPARE(open.department, u"Biochemistry"_s);
        QCOMPARE(open.test, u"Potassium"_s);
        QCOMPARE(open.resultOn, QDateTime::fromString(at("2026-11-23T11:00:00Z"), Qt::ISODate));
        QVERIFY(open.isOpen());
        QVERIFY(open.notifiedBy.isEmpty());
        QCOMPARE(open.minutesOver, qint64(8 * 24 * 60 + 60 - 60));
        QVERIFY(!open.readBack);
        const ComplianceBreach &readBack = report.breaches[1];
        QCOMPARE(readBack.reportId, qint64(103));
        QCOMPARE(readBack.test, u"Complete Blood Count"_s);
        QCOMPARE(readBack.department, u"Haematology"_s);
        QCOMPARE(readBack.notifiedAt,
                 QDateTime::fromString(at("2026-11-25T09:30:00Z"), Qt::ISODate));
        QCOMPARE(readBack.notifiedBy, u"Sam Support"_s);
        QCOMPARE(readBack.minutesOver, qint64(30));
        QVERIFY(readBack.readBack);
        QCOMPARE(report.breaches[2].reportId, qint64(203));
        QVERIFY(report.breaches[2].isOpen());
        QCOMPARE(report.breaches[2].minutesOver, qint64(30));
        const ComplianceBreach &late = report.breaches[3];
        QCOMPARE(late.reportId, qint64(105));
        QCOMPARE(late.notifiedBy, u"Bo Linked"_s);
        QCOMPARE(late.minutesOver, qint64(2)); // 1.5 minutes over, a part of a minute counts as one
        QVERIFY(!late.readBack);
    }

    void oneDepartment()
    {
        Desk &support = desk(u"support:3"_s);
        ComplianceQuery query = period();
        query.departmentId = 2;
        const auto read = ComplianceReader(support.db()).read(support.scope, query, producedAt);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.failure().message));
        QCOMPARE(read.value().departments.size(), 1);
        QCOMPARE(read.value().departments[0].department.name, u"Biochemistry"_s);
        compareFigures(read.value().labTotal, figures(4, 2, 2, 2, 2, 32.5, 54.5), "lab");
        QCOMPARE(read.value().labWeeks.size(), 2);
        QCOMPARE(read.value().breaches.size(), 2);
        QCOMPARE(read.value().breaches[0].reportId, qint64(202));
        QCOMPARE(read.value().breaches[1].reportId, qint64(203));
    }

    // Hana Haem works in Haematology: the lab's figures are Haematology's, on PostgreSQL
    // because row security says so as much as the query.
    void departmentUserSeesTheirDepartments()
    {
        Desk &hana = desk(u"labuser:1"_s);
        const auto read = ComplianceReader(hana.db()).read(hana.scope, period(), producedAt);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.failure().message));
        const ComplianceReport &report = read.value();
        QCOMPARE(report.departments.size(), 1);
        QCOMPARE(report.departments[0].department.name, u"Haematology"_s);
        compareFigures(report.labTotal, figures(6, 5, 3, 1, 0, 45, 78.6), "lab");
        QCOMPARE(report.breaches.size(), 2);
        QCOMPARE(report.breaches[0].reportId, qint64(103));
        QCOMPARE(report.breaches[1].reportId, qint64(105));

        ComplianceQuery biochemistry = period();
        biochemistry.departmentId = 2;
        const auto refused = ComplianceReader(hana.db()).read(hana.scope, biochemistry, producedAt);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.failure().message.contains(u"no department 2"_s),
                 qPrintable(refused.failure().message));
    }

    void refusedQueries()
    {
        Desk &support = desk(u"support:3"_s);
        ComplianceReader reader(support.db());
        const auto backwards
            = reader.read(support.scope, {QDate(2026, 12, 6), QDate(2026, 11, 23), {}}, producedAt);
        QVERIFY(!backwards.ok());
        QVERIFY2(backwards.failure().message.contains(u"(2026-12-06) is after its last day"_s),
                 qPrintable(backwards.failure().message));
        QVERIFY(!reader.read(support.scope, {QDate(), QDate(2026, 11, 23), {}}, producedAt).ok());
        ComplianceQuery otherLab = period();
        otherLab.departmentId = 3;
        const auto other = reader.read(support.scope, otherLab, producedAt);
        QVERIFY(!other.ok());
        QVERIFY2(other.failure().message.contains(u"no department 3"_s),
                 qPrintable(other.failure().message));
    }

    void emptyPeriod()
    {
        Desk &support = desk(u"support:3"_s);
        const auto read
            = ComplianceReader(support.db())
                  .read(support.scope, {QDate(2025, 1, 1), QDate(2025, 1, 31), {}}, producedAt);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.failure().message));
        QVERIFY(read.value().departments.isEmpty());
        QVERIFY(read.value().labWeeks.isEmpty());
        QCOMPARE(read.value().labTotal, ComplianceFigures());
        QVERIFY(!read.value().labTotal.shareWithinTarget());
        QVERIFY(read.value().breaches.isEmpty());
    }

    // calloutctl runs now, so every open report (the last at 2026-12-01 11:30 UTC) is past
    // the target: five breaches, the open ones first.
    void calloutctlWritesEveryFormat()
    {
        if (QDateTime::currentDateTimeUtc() < producedAt.addSecs(3600))
            QSKIP("the figures below are those of a clock after 2026-12-01 13:00 UTC");
        QTemporaryDir folder;
        const auto signIn = database().personArguments(u"support:3"_s);
        QVERIFY(signIn.ok());
        const auto report = [&](const QString &format, const QString &file) {
            return ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH),
                                  signIn.value()
                                      + QStringList{u"report"_s, u"compliance"_s, u"--from"_s,
                                                    u"2026-11-23"_s, u"--to"_s, u"2026-12-06"_s,
                                                    u"--format"_s, format, u"--out"_s,
                                                    folder.filePath(file)});
        };

        ProgramRun run = report(u"csv"_s, u"november.csv"_s);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"10 critical report(s), 5 breach(es)"_s), qPrintable(run.out));
        const QStringList figures = linesOf(folder.filePath(u"november.csv"_s));
        QCOMPARE(figures.size(), 10);
        QCOMPARE(figures[0],
                 u"Department,Week,Week starts,Critical reports,Notified,Notified within target,"
                 "Within target (%),Median minutes,90th percentile minutes,Still open,"
                 "Open past target,Breaches"_s);
        QCOMPARE(figures[1], u"Biochemistry,2026-W48,2026-11-23,2,1,1,50.0,5.0,5.0,1,1,1"_s);
        QCOMPARE(figures[3], u"Biochemistry,Whole period,2026-11-23,4,2,2,50.0,32.5,54.5,2,2,2"_s);
        QCOMPARE(figures[4], u"Haematology,2026-W48,2026-11-23,4,4,3,75.0,37.5,76.5,0,0,1"_s);
        QCOMPARE(figures[5], u"Haematology,2026-W49,2026-11-30,2,1,0,0.0,61.5,61.5,1,1,2"_s);
        QCOMPARE(figures[6], u"Haematology,Whole period,2026-11-23,6,5,3,50.0,45.0,78.6,1,1,3"_s);
        QCOMPARE(figures[7], u"All departments,2026-W48,2026-11-23,6,5,4,66.6,30.0,72.0,1,1,2"_s);
        QCOMPARE(figures[9],
                 u"All departments,Whole period,2026-11-23,10,7,5,50.0,45.0,72.9,3,3,5"_s);
        const QStringList breaches = linesOf(folder.filePath(u"november-breaches.csv"_s));
        QCOMPARE(breaches.size(), 6);
        QCOMPARE(breaches[0],
                 u"Order,Report,Department,Test,Result time,Callout time,"
                 "Called out by,Minutes over,Read back"_s);
        QVERIFY2(breaches[1].startsWith(u"RL-10,202,Biochemistry,Potassium,"
                                        "2026-11-23T12:00:00+01:00,,(still open),"_s),
                 qPrintable(breaches[1]));
        QVERIFY(breaches[2].startsWith(u"RL-10,203,"_s));
        QVERIFY(breaches[3].startsWith(u"RL-10,106,"_s));
        QCOMPARE(breaches[4],
                 u"RL-10,103,Haematology,Complete Blood Count,"
                 "2026-11-25T09:00:00+01:00,2026-11-25T10:30:00+01:00,Sam Support,"
                 "30,yes"_s);
        QCOMPARE(breaches[5],
                 u"RL-10,105,Haematology,Complete Blood Count,"
                 "2026-11-30T10:00:00+01:00,2026-11-30T11:01:30+01:00,Bo Linked,2,"
                 "no"_s);

        run = report(u"json"_s, u"november.json"_s);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile jsonFile(folder.filePath(u"november.json"_s));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(json[u"lab"_s].toString(), u"Riverside Lab"_s);
        QCOMPARE(json[u"target_minutes"_s].toInt(), 60);
        QCOMPARE(json[u"from"_s].toString(), u"2026-11-23"_s);
        const QJsonObject lab = json[u"lab_total"_s].toObject();
        QCOMPARE(lab[u"critical_reports"_s].toInt(), 10);
        QCOMPARE(lab[u"notified"_s].toInt(), 7);
        QCOMPARE(lab[u"notified_within_target"_s].toInt(), 5);
        QCOMPARE(lab[u"open_past_target"_s].toInt(), 3);
        QCOMPARE(lab[u"breaches"_s].toInt(), 5);
        QCOMPARE(lab[u"median_minutes"_s].toDouble(), 45.0);
        QCOMPARE(lab[u"p90_minutes"_s].toDouble(), 72.9);
        QCOMPARE(lab[u"share_within_target"_s].toDouble(), 0.5);
        const QJsonArray departments = json[u"departments"_s].toArray();
        QCOMPARE(departments.size(), 2);
        QCOMPARE(departments[0][u"name"_s].toString(), u"Biochemistry"_s);
        QCOMPARE(departments[1][u"weeks"_s][0][u"week"_s].toString(), u"2026-W48"_s);
        QCOMPARE(departments[1][u"weeks"_s][0][u"figures"_s][u"p90_minutes"_s].toDouble(), 76.5);
        QCOMPARE(json[u"lab_weeks"_s].toArray().size(), 2);
        const QJsonArray breachList = json[u"breaches"_s].toArray();
        QCOMPARE(breachList.size(), 5);
        QVERIFY(breachList[0][u"open"_s].toBool());
        QVERIFY(breachList[0][u"notified_at"_s].isNull());
        QCOMPARE(breachList[3][u"report_id"_s].toInteger(), 103);
        QCOMPARE(breachList[3][u"order"_s].toString(), u"RL-10"_s);
        QCOMPARE(breachList[3][u"notified_at"_s].toString(), u"2026-11-25T10:30:00+01:00"_s);
        QCOMPARE(breachList[3][u"minutes_over"_s].toInteger(), 30);
        QVERIFY(breachList[3][u"read_back"_s].toBool());

        run = report(u"xlsx"_s, u"november.xlsx"_s);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject sheet = readXlsx(folder.filePath(u"november.xlsx"_s), 1);
        QCOMPARE(sheet[u"sheet"_s].toString(), u"Compliance"_s);
        QCOMPARE(sheet[u"rows"_s].toArray().size(), 10);
        QCOMPARE(rowOf(sheet, 9).join(u','), figures[9]);
        QCOMPARE(rowOf(sheet, 4).join(u','), figures[4]);
        const QJsonObject breachSheet = readXlsx(folder.filePath(u"november.xlsx"_s), 2);
        QCOMPARE(breachSheet[u"sheet"_s].toString(), u"Breaches"_s);
        QCOMPARE(breachSheet[u"rows"_s].toArray().size(), 6);
        QCOMPARE(rowOf(breachSheet, 4),
                 (QStringList{u"RL-10"_s, u"103"_s, u"Haematology"_s, u"Complete Blood Count"_s,
                              u"date:2026-11-25 09:00:00"_s, u"date:2026-11-25 10:30:00"_s,
                              u"Sam Support"_s, u"30"_s, u"yes"_s}));

        // The inspector's page, painted without a display: no DISPLAY, no platform chosen.
        run = ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH),
                             signIn.value()
                                 + QStringList{u"report"_s, u"compliance"_s, u"--from"_s,
                                               u"2026-11-23"_s, u"--to"_s, u"2026-12-06"_s,
                                               u"--format"_s, u"pdf"_s, u"--out"_s,
                                               folder.filePath(u"november.pdf"_s)},
                             {{u"DISPLAY"_s, QString()}, {u"QT_QPA_PLATFORM"_s, QString()}});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile pdf(folder.filePath(u"november.pdf"_s));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray page = pdf.readAll();
        QVERIFY(page.startsWith("%PDF-"));
        // One A4 page: its page object, and the page tree.
        QCOMPARE(page.count("/Type /Page") - page.count("/Type /Pages"), 1);
    }

    void calloutctlRefuses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no period")
            << QStringList{u"--to"_s, u"2026-12-06"_s} << u"Give the period with --from"_s;
        QTest::newRow("bad date") << QStringList{u"--from"_s, u"2026-11-31"_s, u"--to"_s,
                                                 u"2026-12-06"_s}
                                  << u"--from must be a date written YYYY-MM-DD"_s;
        QTest::newRow("backwards")
            << QStringList{u"--from"_s, u"2026-12-06"_s, u"--to"_s, u"2026-11-23"_s}
            << u"is after its last day"_s;
        QTest::newRow("unknown format")
            << QStringList{u"--from"_s,     u"2026-11-23"_s, u"--to"_s,
                           u"2026-12-06"_s, u"--format"_s,   u"ods"_s}
            << u"Unknown format \"ods\"; expected csv, json, xlsx, pdf."_s;
        QTest::newRow("bad department")
            << QStringList{u"--from"_s,     u"2026-11-23"_s,   u"--to"_s,
                           u"2026-12-06"_s, u"--department"_s, u"Haematology"_s}
            << u"--department must be a department id"_s;
        QTest::newRow("unknown department")
            << QStringList{u"--from"_s,     u"2026-11-23"_s,   u"--to"_s,
                           u"2026-12-06"_s, u"--department"_s, u"3"_s}
            << u"There is no department 3 in this lab that you may see."_s;
    }

    void calloutctlRefuses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir folder;
        const auto signIn = database().personArguments(u"support:3"_s);
        QVERIFY(signIn.ok());
        QStringList all = signIn.value() + QStringList{u"report"_s, u"compliance"_s} + arguments;
        if (!arguments.contains(u"--format"_s))
            all << u"--format"_s << u"csv"_s;
        all << u"--out"_s << folder.filePath(u"refused.csv"_s);
        const ProgramRun run = ProgramRun::of(QStringLiteral(CALLOUTCTL_PATH), all);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(QDir(folder.path()).isEmpty());
    }

    // The same data on the other engine gives the same report, to the last bit of every
    // median and percentile. Runs once, in the PostgreSQL row.
    void bothEnginesAlike()
    {
        if (!isPostgres())
            QSKIP("compared once, from the PostgreSQL row");
        const auto sqlite = TestDatabase::create(u"sqlite"_s);
        QVERIFY(sqlite);
        const auto sqliteAdmin = sqlite->connectMigrated();
        QVERIFY(sqliteAdmin);
        QVERIFY(seedCompliance(*sqliteAdmin).ok());
        const auto url = sqlite->personUrl(u"support:3"_s);
        QVERIFY(url.ok());
        auto sqliteDesk = openDesk(url.value(), u"support:3"_s);
        QVERIFY(sqliteDesk.ok());
        Desk &postgres = desk(u"support:3"_s);
        for (const std::optional<qint64> department :
             {std::optional<qint64>(), std::optional<qint64>(1)}) {
            ComplianceQuery query = period();
            query.departmentId = department;
            const auto fromPostgres
                = ComplianceReader(postgres.db()).read(postgres.scope, query, producedAt);
            const auto fromSqlite = ComplianceReader(sqliteDesk.value().db())
                                        .read(sqliteDesk.value().scope, query, producedAt);
            QVERIFY(fromPostgres.ok() && fromSqlite.ok());
            QVERIFY(fromPostgres.value().labTotal.medianMinutes.has_value());
            QVERIFY(fromPostgres.value() == fromSqlite.value());
        }
    }
};

int main(int argc, char *argv[])
{
    // The weeks and days of the report are those of the local time zone: one an hour off
    // UTC, so a result at 23:30 UTC on a Sunday is a Monday's.
    qputenv("TZ", "Europe/Berlin");
    tzset();
    QCoreApplication app(argc, argv);
    TestCompliance test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_compliance.moc"
