// SPEC U5 on both engines, on the exact lab of CalloutFixture: the exported file, read
// back (CSV parsed here, XLSX by tests/support/read_xlsx.py from the real zip), holds the
// worklist view's rows with their Callout Status and latest callout.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "FilePermissions.h"
#include "FileSizeLimit.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/ConnectionPool.h"
#include "services/export/CsvExportWriter.h"
#include "services/export/WorklistExporter.h"
#include "services/search/SqlWorklistSource.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

using Table = QList<QStringList>;

enum Column
{
    OrderNumber,
    Patient,
    Test,
    Department,
    ResultTime,
    CalloutStatus,
    LatestAt,
    LatestBy,
    Recipients,
    Methods,
    Comment,
    SpokeWith,
    CallTime,
    ReadBack,
    Attempt,
    MadeOfflineAt,
    ColumnCount
};

// RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes and breaks.
Table parseCsv(const QString &text)
{
    Table table;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            table << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        table << (row << field);
    return table;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Table readCsv(const QString &path)
{
    const QByteArray bytes = readAll(path);
    if (!bytes.startsWith("\xEF\xBB\xBF"))
        return {};
    return parseCsv(QString::fromUtf8(bytes.mid(3)));
}

struct Workbook
{
    Table rows; // dates as "yyyy-MM-dd HH:mm:ss", prefixed "date:" to tell them from text
    QJsonObject info;
    QString error;
};

Workbook readXlsx(const QString &path)
{
    QProcess python;
    python.start(u"python3"_s, {QStringLiteral(XLSX_READER_PATH), path});
    Workbook book;
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        book.error = QString::fromUtf8(python.readAllStandardError());
        return book;
    }
    book.info = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    for (const QJsonValue row : book.info.value(u"rows"_s).toArray()) {
        QStringList cells;
        for (const QJsonValue cell : row.toArray()) {
            if (cell.isObject())
                cells << u"date:"_s + cell.toObject().value(u"date"_s).toString();
            else if (cell.isDouble())
                cells << QString::number(cell.toDouble());
            else
                cells << cell.toString();
        }
        while (cells.size() < ColumnCount)
            cells << QString();
        book.rows << cells;
    }
    return book;
}

// The exports carry their offset from UTC (SPEC U12); in UTC that is only "Z", so these
// tests run in a zone with an offset of its own, set before Qt reads the zone.
[[maybe_unused]] const bool inBerlin = [] {
    qputenv("TZ", "Europe/Berlin");
    return true;
}();

// A CSV time: ISO 8601 with the offset, "2026-12-01T14:39:23+01:00".
QString exportedTime(const QDateTime &time)
{
    return DeskTime::exported(time);
}

// The workbook's offset: the desk's when it exports, named in its date format.
int workbookOffset()
{
    return QDateTime::currentDateTime().offsetFromUtc();
}

} // namespace

class TestExport : public EngineTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    // The exporter of a person's desk: it connects as they signed in.
    // Exports in the calling thread on the person's connection.
    struct InThread
    {
        Desk &person;
        Result<ExportSummary> exportNow(const SessionScope &scope, const WorklistQuery &query,
                                        ExportFormat format, const QString &path,
                                        const WorklistExporter::Progress &progress = {}) const
        {
            return WorklistExporter().exportNow(person.db(), scope, query, format, path, progress);
        }
    };
    static InThread exporter(Desk &person) { return InThread{person}; }

    WorklistQuery tab(CriticalStatus status)
    {
        WorklistQuery query;
        query.tab = status;
        return query;
    }

    // What the worklist shows for the view, every page of it.
    QList<WorklistRow> worklist(Desk &person, WorklistQuery query, qint64 *total)
    {
        QList<WorklistRow> rows;
        query.pageSize = 2; // several pages even on the small fixture
        for (;;) {
            const auto page = SqlWorklistSource(person.db()).fetchNow(person.scope, query);
            if (!page)
                return {};
            *total = page.value().total;
            rows << page.value().rows;
            if (!page.value().hasMore)
                return rows;
            query.after = page.value().rows.last().cursor;
        }
    }

    Result<ExportSummary> exportTo(Desk &person, const WorklistQuery &query, ExportFormat format,
                                   const QString &file)
    {
        return exporter(person).exportNow(person.scope, query, format, path(file));
    }

    // calloutctl run as the person named by arguments[1] ("export", "support:3", …): --db
    // with their own login on PostgreSQL, --as on SQLite (A1). What it printed, or why it
    // did not exit with expectedExit. restrict runs in the child before calloutctl starts.
    QString calloutctl(QStringList arguments, int expectedExit,
                       const std::function<void()> &restrict = {},
                       const QString &temporaryFolder = QString())
    {
        const QString who = arguments.takeAt(1);
        const auto signIn = database().personArguments(who);
        if (!signIn)
            return signIn.failure().message;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"CALLOUTDESK_INDEX"_s);
        environment.remove(u"CALLOUTDESK_DB"_s);
        if (!temporaryFolder.isEmpty())
            environment.insert(u"TMPDIR"_s, temporaryFolder);
        process.setProcessEnvironment(environment);
        if (restrict)
            process.setChildProcessModifier(restrict);
        process.start(QStringLiteral(CALLOUTCTL_PATH), signIn.value() + arguments);
        if (!process.waitForFinished(60000))
            return u"timed out"_s;
        const QString output = QString::fromUtf8(process.readAllStandardOutput())
            + QString::fromUtf8(process.readAllStandardError());
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != expectedExit)
            return u"exit %1: %2"_s.arg(process.exitCode()).arg(output);
        return output;
    }
    // Every file and folder in the test's folder, hidden ones included.
    QStringList leftIn(const QString &folder) const
    {
        return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    }

    qint64 submit(Desk &person, const CalloutRequest &request)
    {
        const auto outcome = CalloutEngine(person.db()).submit(person.scope, request);
        if (!outcome) {
            qWarning() << outcome.failure().message;
            return 0;
        }
        return outcome.value().auditRowIds.constFirst();
    }
    QDateTime createdOn(qint64 auditId)
    {
        return scalar(db(), u"SELECT created_on FROM critical_callout WHERE id = %1"_s.arg(auditId))
            .toDateTime();
    }
    const QStringList *rowOf(const Table &table, const QString &order, const QString &test)
    {
        for (const QStringList &row : table) {
            if (row.value(OrderNumber) == order && row.value(Test) == test)
                return &row;
        }
        return nullptr;
    }

    // The order's callouts of the tests below: report 1 done by Sam, then report 2 done and
    // attempted again; bill 2's report 7 attempted with another contact and a phone call.
    struct Callouts
    {
        QDateTime firstDone;  // report 1 (and report 2's first)
        QDateTime secondDone; // report 2's latest
        QDateTime attempt;    // report 7
        // When the attempt's call was made.
        QDateTime calledAt = QDateTime::currentDateTime().addSecs(-1200);
        bool attemptSubmitted = false;
        bool ok() const
        {
            return firstDone.isValid() && secondDone.isValid() && attempt.isValid()
                && attemptSubmitted;
        }
    };
    Callouts makeCallouts()
    {
        Callouts made;
        Desk &sam = desk(u"support:3"_s);
        CalloutRequest done;
        done.billId = 1;
        done.reportIds = {1, 2};
        done.methods = {CommunicationMethod::Email, CommunicationMethod::Sms};
        done.recipients = {RecipientKind::Organization, RecipientKind::Referral};
        done.comment = u"Informed Dr. Jones, who will call the patient"_s;
        made.firstDone = createdOn(submit(sam, done));

        CalloutRequest again = done;
        again.reportIds = {2};
        again.kind = CalloutRequest::Kind::Attempt;
        again.comment = u"Second opinion asked, no answer yet"_s;
        made.attemptSubmitted = submit(desk(u"labuser:2"_s), again) > 0;
        again.kind = CalloutRequest::Kind::Done;
        again.methods = {CommunicationMethod::Sms};
        again.recipients = {RecipientKind::Patient};
        again.comment = u"Patient told, \"go to A&E\"\nnow"_s;
        made.secondDone = createdOn(submit(desk(u"labuser:2"_s), again));

        CalloutRequest attempt;
        attempt.billId = 2;
        attempt.reportIds = {7};
        attempt.kind = CalloutRequest::Kind::Attempt;
        attempt.methods = {CommunicationMethod::Email};
        attempt.recipients = {RecipientKind::Other};
        attempt.other = {u"Nurse Ada"_s, u"ada@ward.example"_s, QString(), QString()};
        attempt.phoneCalls = {{u"Ward 3"_s, DeskTime::exported(made.calledAt)}};
        attempt.phoneCalls.first().role = CallTakerRole::Nurse;
        attempt.phoneCalls.first().readBack = true;
        attempt.attempt = CalloutAttempt{AttemptOutcome::LeftMessage,
                                         {u"Nurse Ada"_s, QString(), RecipientKind::Other}};
        attempt.comment = u"Line busy"_s;
        made.attempt = createdOn(submit(desk(u"doctor:1"_s), attempt));
        return made;
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(seeded ? QString() : seeded.failure().message));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_dir.reset();
        EngineTestCase::cleanup();
    }

    void csvHoldsTheViewWithLatestCallouts();
    void xlsxHoldsTheSameAsCsv();
    void visibilityAndFilters();
    void formulaInjectionGuard();
    void cancelledLeavesNoFile();
    void futureReportsProgressAndCancels();
    void refusedInputWritesNothing();
    void calloutctlExport();
    void failedWritesLeaveNothing();
    void desksExportSaysWhyItFailed();
    void calloutOfSeveralReportsIsEachOnesLatest();
};

void TestExport::csvHoldsTheViewWithLatestCallouts()
{
    const Callouts made = makeCallouts();
    QVERIFY(made.ok());
    Desk &support = desk(u"support:3"_s);
    const QStringList titles{u"Order number"_s,
                             u"Patient"_s,
                             u"Test"_s,
                             u"Department"_s,
                             u"Result time"_s,
                             u"Callout Status"_s,
                             u"Latest callout at"_s,
                             u"Latest callout by"_s,
                             u"Recipients"_s,
                             u"Methods"_s,
                             u"Comment"_s,
                             u"Spoke with"_s,
                             u"Call time"_s,
                             u"Read back"_s,
                             u"Attempt"_s,
                             u"Made offline at"_s};
    for (const CriticalStatus status : CriticalStatusInfo::calloutStatuses()) {
        const QString file = CriticalStatusInfo::key(status) + u".csv"_s;
        const auto summary = exportTo(support, tab(status), ExportFormat::Csv, file);
        QVERIFY2(summary.ok(), qPrintable(summary ? QString() : summary.failure().message));
        qint64 total = -1;
        const QList<WorklistRow> expected = worklist(support, tab(status), &total);
        const Table table = readCsv(path(file));
        QCOMPARE(table.value(0), titles);
        QCOMPARE(summary.value().rows, total);
        QCOMPARE(table.size() - 1, total);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QStringList &row = table.at(i + 1);
            QCOMPARE(row.size(), qsizetype(ColumnCount));
            QCOMPARE(row.at(OrderNumber), expected.at(i).labBillId);
            QCOMPARE(row.at(Patient), expected.at(i).patientName);
            QCOMPARE(row.at(Test), expected.at(i).testName);
            QCOMPARE(row.at(Department), expected.at(i).departmentName);
            QCOMPARE(row.at(ResultTime), exportedTime(expected.at(i).resultOn));
            QCOMPARE(row.at(CalloutStatus), CriticalStatusInfo::label(status));
        }
    }

    // Done: report 1 shows its one callout; report 2 its second completion, not the first
    // nor the attempt between them.
    const Table done = readCsv(path(u"callout_done.csv"_s));
    QCOMPARE(done.size(), 3);
    const QStringList *blood = rowOf(done, u"RL-1"_s, u"Complete Blood Count"_s);
    QVERIFY(blood);
    QCOMPARE(blood->at(CalloutStatus), u"Done"_s);
    QCOMPARE(blood->at(LatestAt), exportedTime(made.firstDone));
    QCOMPARE(blood->at(LatestBy), u"Sam Support"_s);
    QCOMPARE(blood->at(Recipients), u"Organization, Referral"_s);
    QCOMPARE(blood->at(Methods), u"Email, SMS"_s);
    QCOMPARE(blood->at(Comment), u"Informed Dr. Jones, who will call the patient"_s);
    QCOMPARE(blood->at(MadeOfflineAt), QString()); // made online
    const QStringList *potassium = rowOf(done, u"RL-1"_s, u"Potassium"_s);
    QVERIFY(potassium);
    QCOMPARE(potassium->at(LatestAt), exportedTime(made.secondDone));
    QCOMPARE(potassium->at(LatestBy), u"Bo Linked"_s);
    QCOMPARE(potassium->at(Recipients), u"Patient"_s);
    QCOMPARE(potassium->at(Methods), u"SMS"_s);
    // Quotes, a comma and a line break survive RFC 4180 quoting.
    QCOMPARE(potassium->at(Comment), u"Patient told, \"go to A&E\"\nnow"_s);

    // Attempted: the saved attempt, though it is a bill-level row; the order's other blood
    // count (report 8, same test, still Pending) is not part of it.
    const Table attempted = readCsv(path(u"callout_attempted.csv"_s));
    QCOMPARE(attempted.size(), 2);
    const QStringList &tried = attempted.at(1);
    QCOMPARE(tried.at(OrderNumber), u"RL-2"_s);
    QCOMPARE(tried.at(CalloutStatus), u"Attempted"_s);
    QCOMPARE(tried.at(LatestAt), exportedTime(made.attempt));
    QCOMPARE(tried.at(LatestBy), u"Dr. Haem"_s);
    QCOMPARE(tried.at(Recipients), u"Other (Nurse Ada)"_s);
    QCOMPARE(tried.at(Methods), u"Email, Phone call"_s);
    QCOMPARE(tried.at(Comment), u"Line busy"_s);
    // SPEC U9, U10: whom the call reached and when, ISO 8601 with the offset; how the
    // attempt went.
    QCOMPARE(tried.at(SpokeWith), u"Ward 3"_s);
    QCOMPARE(tried.at(CallTime), DeskTime::exported(made.calledAt));
    QVERIFY(tried.at(CallTime).contains(u'T'));
    QCOMPARE(tried.at(Attempt), u"Left a message — tried Nurse Ada (Other)"_s);
    // SPEC T4: the role and read-back of that call.
    QCOMPARE(tried.at(ReadBack), u"nurse, read back"_s);
    QVERIFY(blood->at(SpokeWith).isEmpty() && blood->at(Attempt).isEmpty()
            && blood->at(ReadBack).isEmpty());

    // Pending: no callout yet, so the callout columns are empty.
    const Table pending = readCsv(path(u"callout_pending.csv"_s));
    QCOMPARE(pending.size(), 3);
    for (const QStringList &row : pending.mid(1)) {
        QCOMPARE(row.at(CalloutStatus), u"Pending"_s);
        for (int column = LatestAt; column < ColumnCount; ++column)
            QVERIFY2(row.at(column).isEmpty(), qPrintable(row.join(u'|')));
    }
}

void TestExport::xlsxHoldsTheSameAsCsv()
{
    QVERIFY(makeCallouts().ok());
    Desk &support = desk(u"support:3"_s);
    for (const CriticalStatus status : CriticalStatusInfo::calloutStatuses()) {
        WorklistQuery query = tab(status);
        query.sort = WorklistQuery::SortColumn::Test;
        query.descending = false;
        QVERIFY(exportTo(support, query, ExportFormat::Csv, u"view.csv"_s).ok());
        const auto summary = exportTo(support, query, ExportFormat::Xlsx, u"view.xlsx"_s);
        QVERIFY2(summary.ok(), qPrintable(summary ? QString() : summary.failure().message));
        const Table csv = readCsv(path(u"view.csv"_s));
        const Workbook book = readXlsx(path(u"view.xlsx"_s));
        QVERIFY2(book.error.isEmpty(), qPrintable(book.error));
        QCOMPARE(book.rows.size(), csv.size());
        QCOMPARE(book.rows.size() - 1, summary.value().rows);
        for (qsizetype r = 0; r < csv.size(); ++r) {
            for (int c = 0; c < ColumnCount; ++c) {
                const bool time = r > 0 && (c == ResultTime || c == LatestAt || c == MadeOfflineAt);
                QString expected = csv.at(r).at(c);
                // Times are real Excel dates with a date format, not text, at the offset
                // the format names; the CSV gives each with its own offset.
                if (time && !expected.isEmpty()) {
                    QVERIFY2(expected.endsWith(u"+01:00"_s) || expected.endsWith(u"+02:00"_s),
                             qPrintable(expected));
                    expected = u"date:"_s
                        + QDateTime::fromString(expected, Qt::ISODate)
                              .toOffsetFromUtc(workbookOffset())
                              .toString(u"yyyy-MM-dd HH:mm:ss"_s);
                }
                QCOMPARE(book.rows.at(r).at(c), expected);
            }
        }
        // Each date cell says its offset: "2026-12-01 14:39:23 UTC+01:00".
        if (summary.value().rows > 0) {
            const QString offset = QString::fromLatin1(QTimeZone(workbookOffset()).id());
            QVERIFY(offset.startsWith(u"UTC+0"_s));
            QCOMPARE(book.info.value(u"date_formats"_s).toArray(),
                     QJsonArray{u"yyyy-mm-dd hh:mm:ss \"%1\""_s.arg(offset)});
        }
        QCOMPARE(book.info.value(u"frozen_rows"_s).toInt(), 1);
        QVERIFY(book.info.value(u"bold_header"_s).toBool());
        QCOMPARE(book.info.value(u"autofilter"_s).toString(),
                 u"A1:P%1"_s.arg(summary.value().rows + 1));
    }
}

// SPEC C8: one callout of two reports of two departments is the latest callout of each,
// whoever exports, even when it began with the other department's report.
void TestExport::calloutOfSeveralReportsIsEachOnesLatest()
{
    CalloutRequest request = CalloutFixture::doneRequest({1, 2});
    request.comment = u"Told the ward sister"_s;
    // SPEC O3: made on a desk that was offline, two hours before the server had it.
    request.madeAt = QDateTime::currentDateTime().addSecs(-2 * 3600);
    QVERIFY(submit(desk(u"support:3"_s), request) > 0);
    const QList<std::pair<QString, QString>> views{{u"labuser:1"_s, u"Complete Blood Count"_s},
                                                   {u"labuser:2"_s, u"Potassium"_s}};
    for (const auto &[spec, test] : views) {
        const auto summary = exportTo(desk(spec), tab(CriticalStatus::CalloutDone),
                                      ExportFormat::Csv, u"done.csv"_s);
        QVERIFY2(summary.ok(), qPrintable(summary ? spec : summary.failure().message));
        const Table table = readCsv(path(u"done.csv"_s));
        const QStringList *row = rowOf(table, u"RL-1"_s, test);
        QVERIFY2(row, qPrintable(spec));
        QCOMPARE(row->at(CalloutStatus), u"Done"_s);
        QCOMPARE(row->at(LatestBy), u"Sam Support"_s);
        QCOMPARE(row->at(Comment), u"Told the ward sister"_s);
        QCOMPARE(row->at(MadeOfflineAt), exportedTime(request.madeAt));
    }
}

void TestExport::visibilityAndFilters()
{
    QVERIFY(makeCallouts().ok());
    // Hana sees Haematology only, Bo Biochemistry only, Olga only the other lab.
    const QList<std::pair<QString, QStringList>> sessions{
        {u"labuser:1"_s, {u"Haematology"_s}},
        {u"labuser:2"_s, {u"Biochemistry"_s}},
        {u"labuser:4"_s, {u"Haematology"_s}},
        {u"doctor:2"_s, {u"Haematology"_s, u"Biochemistry"_s}},
    };
    for (const auto &[spec, departments] : sessions) {
        Desk &person = desk(spec);
        for (const CriticalStatus status : CriticalStatusInfo::calloutStatuses()) {
            const auto summary = exportTo(person, tab(status), ExportFormat::Csv, u"mine.csv"_s);
            QVERIFY(summary.ok());
            qint64 total = -1;
            const QList<WorklistRow> expected = worklist(person, tab(status), &total);
            const Table table = readCsv(path(u"mine.csv"_s));
            QCOMPARE(table.size() - 1, total);
            for (qsizetype i = 0; i < expected.size(); ++i) {
                QCOMPARE(table.at(i + 1).at(OrderNumber), expected.at(i).labBillId);
                QVERIFY2(departments.contains(table.at(i + 1).at(Department)),
                         qPrintable(spec + u": "_s + table.at(i + 1).join(u'|')));
                // Olga's lab has no order of lab 1; the assigned doctor only bill 1.
                if (spec == u"labuser:4")
                    QCOMPARE(table.at(i + 1).at(OrderNumber), u"OL-1"_s);
                if (spec == u"doctor:2")
                    QCOMPARE(table.at(i + 1).at(OrderNumber), u"RL-1"_s);
            }
        }
    }
    const Table bo = readCsv(path(u"mine.csv"_s));
    QVERIFY(!bo.isEmpty());

    // The view's filters: department, search text and the date range.
    Desk &support = desk(u"support:3"_s);
    WorklistQuery query = tab(CriticalStatus::CalloutPending);
    query.departmentId = 1;
    QVERIFY(exportTo(support, query, ExportFormat::Csv, u"f.csv"_s).ok());
    Table table = readCsv(path(u"f.csv"_s));
    QCOMPARE(table.size(), 3); // reports 3 and 8
    for (const QStringList &row : table.mid(1))
        QCOMPARE(row.at(Department), u"Haematology"_s);
    query = tab(CriticalStatus::CalloutPending);
    query.text = u"baby"_s;
    QVERIFY(exportTo(support, query, ExportFormat::Csv, u"f.csv"_s).ok());
    table = readCsv(path(u"f.csv"_s));
    QCOMPARE(table.size(), 2);
    QCOMPARE(table.at(1).at(Patient), u"Baby Roe"_s);
    query = tab(CriticalStatus::CalloutPending);
    query.from = QDate(2026, 11, 21);
    QVERIFY(exportTo(support, query, ExportFormat::Csv, u"f.csv"_s).ok());
    QCOMPARE(readCsv(path(u"f.csv"_s)).size(), 1); // the header alone
}

void TestExport::formulaInjectionGuard()
{
    QVERIFY(exec(db(),
                 u"UPDATE patient SET name = '=HYPERLINK(\"http://evil.example\",\"x\")' "
                 "WHERE id = 1"_s));
    QVERIFY(exec(db(), u"UPDATE patient SET name = '+1+cmd|'' /C calc''!A0' WHERE id = 2"_s));
    QVERIFY(exec(db(), u"UPDATE lab_test SET name = '@SUM(1+1)' WHERE id = 3"_s));
    QVERIFY(exec(db(), u"UPDATE lab_test SET name = '-2+3' WHERE id = 2"_s));
    Desk &support = desk(u"support:3"_s);
    const WorklistQuery pending = tab(CriticalStatus::CalloutPending);
    QVERIFY(exportTo(support, pending, ExportFormat::Csv, u"x.csv"_s).ok());
    const Table table = readCsv(path(u"x.csv"_s));
    QCOMPARE(table.size(), 6);
    QStringList seen;
    for (const QStringList &row : table.mid(1)) {
        for (const int column : {int(Patient), int(Test)}) {
            const QString cell = row.at(column);
            QVERIFY2(!QStringView(u"=+-@").contains(cell.front()), qPrintable(cell));
            if (cell.startsWith(u'\''))
                seen << cell;
        }
    }
    QVERIFY(seen.contains(u"'=HYPERLINK(\"http://evil.example\",\"x\")"_s));
    QVERIFY(seen.contains(u"'+1+cmd|' /C calc'!A0"_s));
    QVERIFY(seen.contains(u"'@SUM(1+1)"_s));
    QVERIFY(seen.contains(u"'-2+3"_s));
    QCOMPARE(CsvExportWriter::field(u"Doe, Jane"_s), u"\"Doe, Jane\""_s);
    QCOMPARE(CsvExportWriter::field(u"=1,2"_s), u"\"'=1,2\""_s);
    QCOMPARE(CsvExportWriter::field(u"Zoë"_s), u"Zoë"_s);

    // XLSX keeps the text as it is, but as a string cell: no formula anywhere.
    QVERIFY(exportTo(support, pending, ExportFormat::Xlsx, u"x.xlsx"_s).ok());
    const Workbook book = readXlsx(path(u"x.xlsx"_s));
    QVERIFY2(book.error.isEmpty(), qPrintable(book.error));
    QCOMPARE(book.info.value(u"formulas"_s).toInt(), 0);
    QVERIFY(book.rows.at(1).at(Patient).startsWith(u'=')
            || book.rows.at(1).at(Patient).startsWith(u'+'));
}

void TestExport::cancelledLeavesNoFile()
{
    QVERIFY(CalloutFixture::addLargeBill(db(), 50, 1200, 1000).ok());
    Desk &support = desk(u"support:3"_s);
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
        const QString file = path(u"big."_s + ExportFormatInfo::key(format));
        int reports = 0;
        WorklistExporter::Progress progress;
        progress.report = [&reports](qint64, qint64) {
            ++reports;
        };
        // Stops after the first page was written.
        progress.isCancelled = [&reports] {
            return reports > 0;
        };
        const auto summary = exporter(support).exportNow(support.scope, tab(CriticalStatus::CalloutPending),
                                                  format, file, progress);
        QVERIFY(summary.ok());
        QVERIFY(summary.value().cancelled);
        QCOMPARE(reports, 1);
        QVERIFY(!QFile::exists(file));
        // Nor any temporary file beside it.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList());

        // Uncancelled, the same export writes every row: a measured figure for the report.
        const auto whole
            = exporter(support).exportNow(support.scope, tab(CriticalStatus::CalloutPending), format, file);
        QVERIFY(whole.ok());
        QCOMPARE(whole.value().rows, 1200 + 5);
        qInfo("%s: %lld rows in %lld ms", qPrintable(ExportFormatInfo::key(format)),
              whole.value().rows, whole.value().milliseconds);
        QVERIFY(QFile::remove(file));
    }
}

void TestExport::futureReportsProgressAndCancels()
{
    QVERIFY(CalloutFixture::addLargeBill(db(), 50, 1200, 1000).ok());
    Desk &support = desk(u"support:3"_s);
    const WorklistQuery pending = tab(CriticalStatus::CalloutPending);

    QFutureWatcher<Result<ExportSummary>> watcher;
    QSignalSpy range(&watcher, &QFutureWatcherBase::progressRangeChanged);
    QSignalSpy value(&watcher, &QFutureWatcherBase::progressValueChanged);
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    // As the desk exports: on its reading lane, signed in as the same login.
    const auto desk = ConnectionPool::create(support.db().login());
    watcher.setFuture(WorklistExporter().start(*desk, support.scope, pending, ExportFormat::Xlsx,
                                               path(u"f.xlsx"_s)));
    QVERIFY(finished.wait(60000));
    QVERIFY(!watcher.isCanceled());
    const Result<ExportSummary> result = watcher.result();
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.failure().message));
    QCOMPARE(result.value().rows, 1205);
    QVERIFY(!range.isEmpty());
    QCOMPARE(range.last().at(1).toInt(), 1205);
    QCOMPARE(watcher.progressMaximum(), 1205);
    QCOMPARE(watcher.progressValue(), 1205);
    QVERIFY(!value.isEmpty());
    QCOMPARE(readXlsx(path(u"f.xlsx"_s)).rows.size(), 1206);

    // Cancelled through the future: no result, no file, whenever the cancel lands.
    QFuture<Result<ExportSummary>> cancelled
        = WorklistExporter().start(*desk, support.scope, pending, ExportFormat::Csv, path(u"c.csv"_s));
    cancelled.cancel();
    cancelled.waitForFinished();
    QVERIFY(cancelled.isCanceled());
    QCOMPARE(cancelled.resultCount(), 0);
    QVERIFY(!QFile::exists(path(u"c.csv"_s)));
}

void TestExport::refusedInputWritesNothing()
{
    Desk &support = desk(u"support:3"_s);
    const WorklistQuery pending = tab(CriticalStatus::CalloutPending);
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
        // A folder that does not exist.
        const QString missing = path(u"no/such/folder/out.csv"_s);
        auto refused = exporter(support).exportNow(support.scope, pending, format, missing);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(refused.failure().message.contains(u"Cannot write the export to "_s + missing),
                 qPrintable(refused.failure().message));
        QVERIFY(!QFile::exists(missing));
        // A path that is a folder.
        refused = exporter(support).exportNow(support.scope, pending, format, m_dir->path());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.failure().message.contains(u"Cannot write the export"_s),
                 qPrintable(refused.failure().message));
        QVERIFY(QFileInfo(m_dir->path()).isDir());
    }
    WorklistQuery backwards = pending;
    backwards.from = QDate(2026, 11, 21);
    backwards.to = QDate(2026, 11, 20);
    auto refused = exporter(support).exportNow(support.scope, backwards, ExportFormat::Csv, path(u"b.csv"_s));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.failure().message.contains(u"ends (2026-11-20) before it starts"_s),
             qPrintable(refused.failure().message));
    refused = exporter(support).exportNow(support.scope, tab(CriticalStatus::Normal), ExportFormat::Csv,
                                   path(u"b.csv"_s));
    QVERIFY(!refused.ok());
    refused = exporter(support).exportNow(support.scope, pending, ExportFormat::Csv, u"  "_s);
    QVERIFY(!refused.ok());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList());

    // An existing file is replaced whole, never half-written over.
    QFile old(path(u"keep.csv"_s));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write(QByteArray(100000, 'x'));
    old.close();
    QVERIFY(exporter(support).exportNow(support.scope, pending, ExportFormat::Csv, path(u"keep.csv"_s)).ok());
    QCOMPARE(readCsv(path(u"keep.csv"_s)).size(), 6);
}

void TestExport::calloutctlExport()
{
    QVERIFY(makeCallouts().ok());
    const auto run = [this](const QStringList &arguments, int expectedExit) {
        return calloutctl(arguments, expectedExit);
    };
    QString out = run({u"export"_s, u"support:3"_s, u"--format"_s, u"xlsx"_s, u"--out"_s,
                       path(u"done.xlsx"_s), u"--tab"_s, u"done"_s},
                      0);
    QVERIFY2(out.contains(u"Exported 2 row(s) of the Done tab"_s), qPrintable(out));
    const Workbook book = readXlsx(path(u"done.xlsx"_s));
    QCOMPARE(book.rows.size(), 3);
    QCOMPARE(book.rows.at(1).at(CalloutStatus), u"Done"_s);

    out = run({u"export"_s, u"labuser:1"_s, u"--format"_s, u"csv"_s, u"--out"_s,
               path(u"p.csv"_s), u"--from"_s, u"2026-11-20"_s, u"--to"_s, u"2026-11-20"_s,
               u"--department"_s, u"1"_s, u"--search"_s, u"RL-"_s, u"--json"_s},
              0);
    const QJsonObject json = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(json.value(u"rows"_s).toInt(), 2);
    QCOMPARE(json.value(u"format"_s).toString(), u"csv"_s);
    const Table table = readCsv(path(u"p.csv"_s));
    QCOMPARE(table.size(), 3);
    for (const QStringList &row : table.mid(1))
        QCOMPARE(row.at(Department), u"Haematology"_s);

    // Refused before anything is read or written: exit 2 and a sentence saying why.
    const QList<std::pair<QStringList, QString>> refusals{
        {{u"--format"_s, u"pdf"_s, u"--out"_s, path(u"r.pdf"_s)}, u"Unknown format \"pdf\""_s},
        {{u"--out"_s, path(u"r.csv"_s)}, u"--format csv"_s},
        {{u"--format"_s, u"csv"_s}, u"--out FILE"_s},
        {{u"--format"_s, u"csv"_s, u"--out"_s, path(u"r.csv"_s), u"--tab"_s, u"normal"_s},
         u"Unknown tab \"normal\""_s},
        {{u"--format"_s, u"csv"_s, u"--out"_s, path(u"r.csv"_s), u"--from"_s, u"20/11/2026"_s},
         u"--from must be a date"_s},
        {{u"--format"_s, u"csv"_s, u"--out"_s, path(u"r.csv"_s), u"--department"_s, u"x"_s},
         u"--department must be"_s},
        {{u"--format"_s, u"csv"_s, u"--out"_s, path(u"none/r.csv"_s)},
         u"Cannot write the export to"_s},
    };
    for (const auto &[arguments, message] : refusals) {
        out = run(QStringList{u"export"_s, u"support:3"_s} + arguments, 2);
        QVERIFY2(out.contains(message), qPrintable(out));
    }
    QVERIFY(!QFile::exists(path(u"r.csv"_s)));
    QVERIFY(!QFile::exists(path(u"r.pdf"_s)));
}

// SPEC X1: a full disk (here a file-size limit, which fails writes the same way without
// root) or a read-only folder fails the export with the reason, exit 1 or 2, and leaves
// no file, no temporary file, and an older file of the same name as it was.
void TestExport::failedWritesLeaveNothing()
{
    // About 130 KB of CSV and of worksheet XML, 30 KB zipped: past the limit written
    // whole, the workbook's parts are cut short while the zip itself stays under it.
    QVERIFY(CalloutFixture::addLargeBill(db(), 50, 1200, 1000).ok());
    constexpr qint64 limit = 64 * 1024;
    QTemporaryDir temporary;
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
        const QString key = ExportFormatInfo::key(format);
        const QString file = path(u"pending."_s + key);
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older export\n");
        old.close();

        const QString out
            = calloutctl({u"export"_s, u"support:3"_s, u"--format"_s, key, u"--out"_s, file}, 1,
                         FileSizeLimit::inChild(limit), temporary.path());
        QVERIFY2(out.startsWith(u"calloutctl: Cannot write the export to %1: "_s.arg(file)),
                 qPrintable(out));
        QVERIFY2(out.contains(format == ExportFormat::Csv ? u": File too large."_s
                                                          : u"came out incomplete"_s),
                 qPrintable(out));
        QCOMPARE(out.count(u'\n'), 1);
        QCOMPARE(readAll(file), QByteArray("an older export\n"));
        QCOMPARE(leftIn(m_dir->path()), QStringList{u"pending."_s + key});
        QCOMPARE(leftIn(temporary.path()), QStringList());
        if (format == ExportFormat::Xlsx && isPostgres()) {
            // A limit so small that the zip itself fails, which libxlsxwriter reports with
            // lines of its own on standard error: still one sentence. (SQLite's shared
            // memory file alone needs 32 KB, so only on PostgreSQL.)
            const QString tiny
                = calloutctl({u"export"_s, u"support:3"_s, u"--format"_s, key, u"--out"_s, file}, 1,
                             FileSizeLimit::inChild(4096), temporary.path());
            QVERIFY2(tiny.contains(u"failed at closing the workbook"_s)
                         && tiny.contains(u"(File too large)."_s),
                     qPrintable(tiny));
            QCOMPARE(tiny.count(u'\n'), 1);
            QCOMPARE(leftIn(m_dir->path()), QStringList{u"pending."_s + key});
            QCOMPARE(leftIn(temporary.path()), QStringList());
        }
        QVERIFY(QFile::remove(file));

        // The same export without the limit is whole.
        QVERIFY2(calloutctl({u"export"_s, u"support:3"_s, u"--format"_s, key, u"--out"_s, file}, 0,
                            {}, temporary.path())
                     .contains(u"Exported 1205 row(s)"_s),
                 qPrintable(file));
        QVERIFY(QFile::remove(file));

        // A folder the user may read but not write.
        const QString folder = path(u"read-only"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        const QString inFolder = folder + u"/pending."_s + key;
        const QString refused
            = calloutctl({u"export"_s, u"support:3"_s, u"--format"_s, key, u"--out"_s, inFolder}, 2,
                         FilePermissions::obeyedInChild());
        QVERIFY2(
            refused.contains(u"Cannot write the export to %1: Permission denied."_s.arg(inFolder)),
            qPrintable(refused));
        QVERIFY(
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(leftIn(folder), QStringList());
        QVERIFY(QDir(folder).removeRecursively());
    }
}

// The desk's export (WorklistExportJob runs this future) fails the same way, and the
// future's one result says why.
void TestExport::desksExportSaysWhyItFailed()
{
    QVERIFY(CalloutFixture::addLargeBill(db(), 50, 1200, 1000).ok());
    Desk &support = desk(u"support:3"_s);
    // As the desk exports: on its reading lane, signed in as the same login.
    const auto lanes = ConnectionPool::create(support.db().login());
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
        const QString file = path(u"desk."_s + ExportFormatInfo::key(format));
        Result<ExportSummary> result = Failure::internal(u"not run"_s);
        {
            const FileSizeLimit limit(64 * 1024);
            QFuture<Result<ExportSummary>> running = WorklistExporter().start(
                *lanes, support.scope, tab(CriticalStatus::CalloutPending), format, file);
            running.waitForFinished();
            QCOMPARE(running.resultCount(), 1);
            result = running.result();
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.failure().kind, Failure::Kind::Unavailable);
        QVERIFY2(result.failure().message.startsWith(u"Cannot write the export to "_s + file),
                 qPrintable(result.failure().message));
        QCOMPARE(leftIn(m_dir->path()), QStringList());
    }
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
