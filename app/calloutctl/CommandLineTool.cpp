#include "CommandLineTool.h"

#include "JsonOutput.h"
#include "NotifyCommand.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/callout/CriticalRecordsReader.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/DatabaseUrlSource.h"
#include "services/db/DemoDataGenerator.h"
#include "services/db/MigrationRunner.h"
#include "services/export/WorklistExporter.h"
#include "services/search/IndexClient.h"
#include "services/search/IndexEndpoint.h"
#include "services/search/IndexOutbox.h"
#include "services/search/IndexSync.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("calloutctl", text);
}

const QStringList schemaCommands = {u"migrate"_s, u"demo"_s};
const QStringList sessionCommands = {u"records"_s, u"history"_s, u"audit"_s, u"callout"_s};
const QStringList indexCommands = {u"sync"_s, u"index"_s};
const QString exportCommand = u"export"_s;
const QString notifyCommand = u"notify"_s;
const QString mailPasswordCommand = u"mail-password"_s;

} // namespace

CommandLineTool::CommandLineTool(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
    , m_db(u"db"_s,
           tr("Database URL (postgresql://user@host:port/db or sqlite:///path/file.db); default "
              "$CALLOUTDESK_DB, then the settings."),
           u"url"_s)
    , m_as(u"as"_s, tr("The signed-in user: doctor:ID, labuser:ID or support:ID."), u"kind:id"_s)
    , m_json(u"json"_s, tr("Print machine-readable JSON."))
    , m_seed(u"seed"_s, tr("demo: random seed (default 1)."), u"n"_s, u"1"_s)
    , m_orders(u"orders"_s, tr("demo: number of orders (default 400)."), u"n"_s, u"400"_s)
    , m_anchor(u"anchor"_s,
               tr("demo: the day the sample orders end on, YYYY-MM-DD (default today)."), u"date"_s)
    , m_bill(u"bill"_s, tr("records, callout: the order id."), u"id"_s)
    , m_reports(u"reports"_s, tr("history, audit, callout: report ids, comma-separated."), u"ids"_s)
    , m_attempt(u"attempt"_s, tr("callout: save an attempt (draft)."))
    , m_done(u"done"_s, tr("callout: mark the callout done."))
    , m_method(u"method"_s, tr("callout: email, fax, sms, whatsapp (comma-separated)."), u"list"_s)
    , m_recipient(u"recipient"_s,
                  tr("callout: patient, referral, organization, other (comma-separated)."),
                  u"list"_s)
    , m_otherName(u"other-name"_s, tr("callout: the other contact's name."), u"text"_s)
    , m_otherEmail(u"other-email"_s, tr("callout: the other contact's email."), u"text"_s)
    , m_otherFax(u"other-fax"_s, tr("callout: the other contact's fax."), u"text"_s)
    , m_otherContact(u"other-contact"_s, tr("callout: the other contact's phone."), u"text"_s)
    , m_called(u"called"_s, tr("callout: a phone call already made, \"name@time\" (repeatable)."),
               u"call"_s)
    , m_comment(u"comment"_s, tr("callout: the comment."), u"text"_s)
    , m_expect(u"expect"_s,
               tr("callout: the statuses you saw, \"report:status,…\"; refused as stale "
                  "(exit 3) if any changed."),
               u"list"_s)
    , m_index(u"index"_s,
              tr("Search index URL, http(s)://[user:password@]host:9200; default "
                 "$CALLOUTDESK_INDEX, then the settings. API key: $CALLOUTDESK_INDEX_API_KEY."),
              u"url"_s)
    , m_once(u"once"_s, tr("sync, notify: send what is due now, then stop."))
    , m_status(u"status"_s, tr("sync, notify: show what is pending, retrying and failed."))
    , m_format(u"format"_s, tr("export: csv or xlsx."), u"format"_s)
    , m_outFile(u"out"_s, tr("export: the file to write (replaced if it exists)."), u"file"_s)
    , m_tab(u"tab"_s, tr("export: the worklist tab, pending, attempted or done (default pending)."),
            u"tab"_s, u"pending"_s)
    , m_from(u"from"_s, tr("export: first result day, YYYY-MM-DD."), u"date"_s)
    , m_to(u"to"_s, tr("export: last result day, YYYY-MM-DD."), u"date"_s)
    , m_department(u"department"_s, tr("export: only this department id."), u"id"_s)
    , m_search(u"search"_s, tr("export: order number or patient name starting with TEXT."),
               u"text"_s)
    , m_smtp(u"smtp"_s,
             tr("notify: mail server, smtp[s]://[user@]host:port/?from=address[&starttls=1]; "
                "default $CALLOUTDESK_SMTP, then the settings."),
             u"url"_s)
    , m_faxGateway(u"fax-gateway"_s, tr("notify: fax gateway URL."), u"url"_s)
    , m_smsGateway(u"sms-gateway"_s, tr("notify: SMS gateway URL."), u"url"_s)
    , m_whatsappGateway(u"whatsapp-gateway"_s, tr("notify: WhatsApp gateway URL."), u"url"_s)
    , m_retry(u"retry"_s, tr("notify: send this failed notification again (with --as)."), u"id"_s)
{
    m_parser.setApplicationDescription(
        tr("Command-line tool of CalloutDesk.\n\nCommands:\n"
           "  migrate   create or upgrade the database schema\n"
           "  demo      migrate, then fill an empty database with a deterministic sample lab\n"
           "  records   the critical reports of an order and its saved attempt (--bill)\n"
           "  history   the callout history of reports (--reports)\n"
           "  audit     the callout records of reports with names resolved (--reports)\n"
           "  callout   save an attempt or mark a callout done (--bill --reports …)\n"
           "  export    write a worklist tab to CSV or XLSX (--format --out [--tab --from --to "
           "--department --search])\n"
           "  sync      send committed changes to the search index (--once, --status)\n"
           "  notify    send the messages of done callouts (--once, --status, --retry ID)\n"
           "  mail-password   store the mail server's password (read from standard input) in "
           "the keychain\n"
           "  index rebuild   re-index every order"));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({m_db,           m_as,        m_json,       m_seed,       m_orders,
                         m_anchor,       m_bill,      m_reports,    m_attempt,    m_done,
                         m_method,       m_recipient, m_otherName,  m_otherEmail, m_otherFax,
                         m_otherContact, m_called,    m_comment,    m_expect,     m_index,
                         m_once,         m_status,    m_format,     m_outFile,    m_tab,
                         m_from,         m_to,        m_department, m_search,     m_smtp,
                         m_faxGateway,   m_smsGateway, m_whatsappGateway, m_retry});
    m_parser.addPositionalArgument(u"command"_s, (schemaCommands + sessionCommands).join(u" | "_s));
}

int CommandLineTool::exitCodeFor(const Failure &failure)
{
    switch (failure.kind) {
    case Failure::Kind::InvalidInput:
        return InvalidInput;
    case Failure::Kind::Conflict:
        return Conflict;
    case Failure::Kind::Unavailable:
    case Failure::Kind::Internal:
        return InternalError;
    }
    return InternalError;
}

int CommandLineTool::fail(const Failure &failure)
{
    m_err << "calloutctl: " << failure.message << Qt::endl;
    return exitCodeFor(failure);
}

void CommandLineTool::print(const QJsonValue &json)
{
    const QJsonDocument document
        = json.isArray() ? QJsonDocument(json.toArray()) : QJsonDocument(json.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

int CommandLineTool::run(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(Failure::invalidInput(m_parser.errorText()));
    if (m_parser.isSet(u"help"_s)) {
        m_out << m_parser.helpText();
        return Success;
    }
    if (m_parser.isSet(u"version"_s)) {
        m_out << "calloutctl " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }
    const QStringList positional = m_parser.positionalArguments();
    const QStringList commands
        = schemaCommands + sessionCommands + indexCommands + QStringList{exportCommand, notifyCommand, mailPasswordCommand};
    if (!positional.isEmpty() && indexCommands.contains(positional.first()))
        return runIndexCommand(positional.first(), positional.mid(1));
    if (positional.size() != 1 || !commands.contains(positional.first())) {
        return fail(Failure::invalidInput(
            positional.isEmpty()
                ? tr("No command given; expected one of: %1.").arg(commands.join(u", "_s))
                : tr("Unknown command \"%1\"; expected one of: %2.")
                      .arg(positional.join(u' '), commands.join(u", "_s))));
    }
    const QString command = positional.first();
    if (command == exportCommand)
        return runExportCommand();
    if (command == notifyCommand)
        return runNotifyCommand();
    if (command == mailPasswordCommand)
        return NotifyCommand::storeMailPassword(m_parser.value(m_smtp), m_out, m_err);
    return schemaCommands.contains(command) ? runSchemaCommand(command)
                                            : runSessionCommand(command);
}

int CommandLineTool::runNotifyCommand()
{
    NotifyCommand::Options options;
    options.channels = {m_parser.value(m_smtp), m_parser.value(m_faxGateway),
                        m_parser.value(m_smsGateway), m_parser.value(m_whatsappGateway)};
    options.once = m_parser.isSet(m_once);
    options.status = m_parser.isSet(m_status);
    options.json = m_parser.isSet(m_json);
    if (m_parser.isSet(m_retry)) {
        bool ok = false;
        options.retryId = m_parser.value(m_retry).toLongLong(&ok);
        if (!ok || options.retryId <= 0)
            return fail(Failure::invalidInput(
                tr("\"%1\" is not a notification id.").arg(m_parser.value(m_retry))));
    }
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    if (options.retryId > 0) {
        // Sending again is an act of a user of the message's lab.
        if (!m_parser.isSet(m_as))
            return fail(Failure::invalidInput(tr("notify --retry needs --as: who asks for it.")));
        const auto session = SessionLoader(db).fromSpec(m_parser.value(m_as));
        if (!session)
            return fail(session.failure());
        options.labId = session.value().labId();
    }
    return NotifyCommand(db, m_out, m_err).run(options);
}

Result<std::unique_ptr<DatabaseConnection>> CommandLineTool::connectCurrent()
{
    auto connection = connect();
    if (!connection)
        return connection;
    if (const Status current = MigrationRunner(*connection.value()).checkUpToDate(); !current)
        return current.failure();
    return connection;
}

Result<std::unique_ptr<DatabaseConnection>> CommandLineTool::connect()
{
    const QSettings settings;
    const auto choice = DatabaseUrlSource::choose(m_parser.value(m_db), settings);
    if (!choice) {
        return Failure::invalidInput(
            tr("No database given: use --db URL or set %1.")
                .arg(QLatin1StringView(DatabaseUrlSource::environmentVariable)));
    }
    const auto url = DatabaseUrl::parse(choice->url);
    if (!url)
        return url.failure();
    return DatabaseConnection::open(url.value(), u"calloutctl"_s);
}

int CommandLineTool::runSchemaCommand(const QString &command)
{
    DemoDataGenerator::Options demo;
    if (command == u"demo") {
        bool ok = false;
        demo.seed = m_parser.value(m_seed).toULongLong(&ok);
        if (!ok) {
            return fail(Failure::invalidInput(
                tr("--seed must be a whole number of zero or more, not \"%1\".")
                    .arg(m_parser.value(m_seed))));
        }
        demo.orders = m_parser.value(m_orders).toInt(&ok);
        if (!ok || demo.orders < 1 || demo.orders > DemoDataGenerator::maxOrders) {
            return fail(Failure::invalidInput(
                tr("--orders must be a whole number from 1 to %1, not \"%2\".")
                    .arg(DemoDataGenerator::maxOrders)
                    .arg(m_parser.value(m_orders))));
        }
        if (m_parser.isSet(m_anchor)) {
            demo.anchor = QDate::fromString(m_parser.value(m_anchor), Qt::ISODate);
            if (!demo.anchor.isValid()) {
                return fail(Failure::invalidInput(
                    tr("--anchor must be a date written YYYY-MM-DD, not \"%1\".")
                        .arg(m_parser.value(m_anchor))));
            }
        }
    }

    auto connection = connect();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    const auto migrated = MigrationRunner(db).migrate();
    if (!migrated)
        return fail(migrated.failure());
    const MigrationRunner::Outcome &outcome = migrated.value();
    if (outcome.applied.isEmpty()) {
        m_out << tr("Schema of %1 is at version %2; nothing to apply.")
                     .arg(db.url().displayString())
                     .arg(outcome.toVersion)
              << Qt::endl;
    } else {
        m_out << tr("Schema of %1 upgraded from version %2 to %3.")
                     .arg(db.url().displayString())
                     .arg(outcome.fromVersion)
                     .arg(outcome.toVersion)
              << Qt::endl;
    }
    if (command == u"migrate")
        return Success;

    const auto generated = DemoDataGenerator(db).generate(demo);
    if (!generated)
        return fail(generated.failure());
    const DemoDataGenerator::Summary &summary = generated.value();
    m_out << tr("Demo data written in %1 s: %2 labs, %3 patients, %4 orders, %5 reports, "
                "%6 report values, %7 callout records.")
                 .arg(QString::number(double(summary.milliseconds) / 1000.0, 'f', 1))
                 .arg(summary.labs)
                 .arg(summary.patients)
                 .arg(summary.orders)
                 .arg(summary.reports)
                 .arg(summary.reportValues)
                 .arg(summary.callouts)
          << Qt::endl;
    return Success;
}

Result<QList<qint64>> CommandLineTool::reportIds() const
{
    if (!m_parser.isSet(m_reports))
        return Failure::invalidInput(tr("Name the reports with --reports ID,ID,…"));
    return CalloutHistoryReader::parseReportIds(m_parser.value(m_reports));
}

Result<CalloutRequest> CommandLineTool::calloutRequest() const
{
    CalloutRequest request;
    bool ok = false;
    request.billId = m_parser.value(m_bill).toLongLong(&ok);
    if (!m_parser.isSet(m_bill) || !ok || request.billId <= 0)
        return Failure::invalidInput(tr("Name the order with --bill ID (a whole number)."));
    if (const auto ids = reportIds(); !ids)
        return ids.failure();
    // The engine refuses a report named twice with its own message: keep the list as typed.
    for (const QString &part : m_parser.value(m_reports).split(u','))
        request.reportIds << part.trimmed().toLongLong();

    if (m_parser.isSet(m_attempt) == m_parser.isSet(m_done))
        return Failure::invalidInput(tr("Give exactly one of --attempt and --done."));
    request.kind
        = m_parser.isSet(m_attempt) ? CalloutRequest::Kind::Attempt : CalloutRequest::Kind::Done;

    for (const QString &key : m_parser.value(m_method).split(u',', Qt::SkipEmptyParts)) {
        const auto method = CommunicationMethodInfo::fromKey(key);
        if (!method) {
            return Failure::invalidInput(
                tr("Unknown method \"%1\"; expected email, fax, sms or whatsapp.")
                    .arg(key.trimmed()));
        }
        request.methods << *method;
    }
    for (const QString &key : m_parser.value(m_recipient).split(u',', Qt::SkipEmptyParts)) {
        const auto kind = RecipientKindInfo::fromKey(key);
        if (!kind) {
            return Failure::invalidInput(
                tr("Unknown recipient \"%1\"; expected patient, referral, organization or other.")
                    .arg(key.trimmed()));
        }
        request.recipients << *kind;
    }
    request.other
        = {m_parser.value(m_otherName).trimmed(), m_parser.value(m_otherEmail).trimmed(),
           m_parser.value(m_otherFax).trimmed(), m_parser.value(m_otherContact).trimmed()};
    for (const QString &call : m_parser.values(m_called)) {
        if (!call.contains(u'@'))
            return Failure::invalidInput(
                tr("--called must be \"name@time\", not \"%1\".").arg(call));
        request.phoneCalls.append({call.section(u'@', 0, -2), call.section(u'@', -1)});
    }
    request.comment = m_parser.value(m_comment);

    for (const QString &pair : m_parser.value(m_expect).split(u',', Qt::SkipEmptyParts)) {
        bool idOk = false;
        bool statusOk = false;
        const qint64 id = pair.section(u':', 0, 0).trimmed().toLongLong(&idOk);
        const int status = pair.section(u':', 1).trimmed().toInt(&statusOk);
        const auto known = CriticalStatusInfo::fromInt(status);
        if (!idOk || !statusOk || !known || !pair.contains(u':')) {
            return Failure::invalidInput(
                tr("--expect takes report:status pairs with a status from 0 to 4, not \"%1\".")
                    .arg(pair));
        }
        request.expectedStatuses.insert(id, *known);
    }
    return request;
}

int CommandLineTool::runSessionCommand(const QString &command)
{
    // Everything the user typed is checked before the database is touched.
    std::optional<CalloutRequest> request;
    QList<qint64> ids;
    qint64 billId = 0;
    if (!m_parser.isSet(m_as))
        return fail(Failure::invalidInput(tr("Say who is signed in with --as KIND:ID.")));
    if (command == u"callout") {
        auto parsed = calloutRequest();
        if (!parsed)
            return fail(parsed.failure());
        request = parsed.value();
    } else if (command == u"records") {
        bool ok = false;
        billId = m_parser.value(m_bill).toLongLong(&ok);
        if (!ok || billId <= 0)
            return fail(
                Failure::invalidInput(tr("Name the order with --bill ID (a whole number).")));
    } else {
        auto parsed = reportIds();
        if (!parsed)
            return fail(parsed.failure());
        ids = parsed.value();
    }

    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    const auto scope = SessionLoader(db).fromSpec(m_parser.value(m_as));
    if (!scope)
        return fail(scope.failure());

    const bool json = m_parser.isSet(m_json);
    if (command == u"records") {
        const auto records = CriticalRecordsReader(db).read(scope.value(), billId);
        if (!records)
            return fail(records.failure());
        if (json) {
            print(JsonOutput::records(records.value()));
            return Success;
        }
        m_out << tr("Order %1, patient %2: %3 critical report(s).")
                     .arg(records.value().bill.labBillId, records.value().bill.patient.name)
                     .arg(records.value().reports.size())
              << Qt::endl;
        for (const CriticalReport &report : records.value().reports) {
            m_out << "  " << report.reportId << "  " << report.testName << "  ["
                  << CriticalStatusInfo::label(report.status) << "]" << Qt::endl;
            for (const CriticalParameter &parameter : report.criticalParameters) {
                m_out << "      " << parameter.parameterName << " = " << parameter.value << ' '
                      << parameter.unit << "  (reference " << parameter.referenceRange << ")"
                      << Qt::endl;
            }
        }
        if (records.value().draft)
            m_out << tr("Saved attempt: %1").arg(records.value().draft->comment) << Qt::endl;
        return Success;
    }
    if (command == u"history") {
        const auto history = CalloutHistoryReader(db).read(scope.value(), ids);
        if (!history)
            return fail(history.failure());
        if (json) {
            print(JsonOutput::history(history.value()));
            return Success;
        }
        for (const HistoryEntry &entry : history.value())
            m_out << entry.activityDate.toUTC().toString(Qt::ISODate) << "  " << entry.activityText
                  << Qt::endl;
        return Success;
    }
    if (command == u"audit") {
        const auto audit = CalloutAuditReader(db).read(scope.value(), ids);
        if (!audit)
            return fail(audit.failure());
        if (json) {
            print(JsonOutput::audit(audit.value()));
            return Success;
        }
        for (const AuditRow &row : audit.value()) {
            m_out << row.createdOn.toUTC().toString(Qt::ISODate) << "  report " << row.labReportId
                  << "  " << (row.isDraft ? tr("attempt") : tr("done")) << "  "
                  << (row.performedByDoctorName.isEmpty() ? row.performedByUserName
                                                          : row.performedByDoctorName)
                  << "  " << row.comment << Qt::endl;
        }
        return Success;
    }

    const auto outcome = CalloutEngine(db).submit(scope.value(), *request);
    if (!outcome)
        return fail(outcome.failure());
    if (json) {
        print(JsonOutput::outcome(outcome.value()));
        return Success;
    }
    for (const CalloutOutcome::Transition &transition : outcome.value().transitions) {
        m_out << tr("Report %1: %2 → %3")
                     .arg(transition.reportId)
                     .arg(CriticalStatusInfo::label(transition.from),
                          CriticalStatusInfo::label(transition.to))
              << Qt::endl;
    }
    m_out << tr("%1 callout record(s) written, %2 notification(s) queued.")
                 .arg(outcome.value().auditRowIds.size())
                 .arg(outcome.value().notificationsQueued)
          << Qt::endl;
    return Success;
}

int CommandLineTool::runIndexCommand(const QString &command, const QStringList &arguments)
{
    const bool rebuild = command == u"index";
    if (rebuild && arguments != QStringList{u"rebuild"_s})
        return fail(
            Failure::invalidInput(tr("Unknown index command; expected \"index rebuild\".")));
    if (!rebuild && !arguments.isEmpty())
        return fail(
            Failure::invalidInput(tr("sync takes no further words; use --once or --status.")));

    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    IndexOutbox outbox(db);

    if (m_parser.isSet(m_status)) {
        const auto summary = outbox.summary();
        if (!summary)
            return fail(summary.failure());
        const IndexOutbox::Summary &s = summary.value();
        if (m_parser.isSet(m_json)) {
            QJsonArray failed;
            for (const IndexOutbox::FailedRow &row : s.failedRows) {
                failed.append(QJsonObject{{u"id"_s, row.id},
                                          {u"scope"_s, row.scope},
                                          {u"target"_s, row.targetId},
                                          {u"attempts"_s, row.attempts},
                                          {u"reason"_s, row.reason}});
            }
            print(QJsonObject{{u"pending"_s, s.pending},
                              {u"retrying"_s, s.waitingToRetry},
                              {u"done"_s, s.done},
                              {u"failed"_s, s.failed},
                              {u"last_error"_s, s.lastError},
                              {u"failed_rows"_s, failed}});
            return Success;
        }
        m_out << tr("Index sync: %1 pending (%2 retrying), %3 sent, %4 failed.")
                     .arg(s.pending)
                     .arg(s.waitingToRetry)
                     .arg(s.done)
                     .arg(s.failed)
              << Qt::endl;
        if (!s.lastError.isEmpty())
            m_out << tr("Last error: %1").arg(s.lastError) << Qt::endl;
        for (const IndexOutbox::FailedRow &row : s.failedRows) {
            m_out << tr("Failed: %1 %2 after %3 attempt(s): %4")
                         .arg(row.scope)
                         .arg(row.targetId)
                         .arg(row.attempts)
                         .arg(row.reason)
                  << Qt::endl;
        }
        return Success;
    }

    const QSettings settings;
    const auto endpoint = IndexEndpoint::configured(m_parser.value(m_index), settings);
    if (!endpoint) {
        return fail(
            Failure::invalidInput(tr("No search index given: use --index URL or set %1.")
                                      .arg(QLatin1StringView(IndexEndpoint::environmentVariable))));
    }
    if (!*endpoint)
        return fail(endpoint->failure());

    if (rebuild) {
        const auto queued = outbox.enqueueAllBills();
        if (!queued)
            return fail(queued.failure());
        m_out << tr("%1 orders queued for re-indexing.").arg(queued.value()) << Qt::endl;
    }

    IndexClient client(endpoint->value());
    IndexSync::Options options;
    options.worker = u"calloutctl@%1:%2"_s.arg(QHostInfo::localHostName())
                         .arg(QCoreApplication::applicationPid());
    IndexSync sync(db, client, options);
    QEventLoop loop;
    IndexSync::Report last;
    const bool once = rebuild || m_parser.isSet(m_once);
    std::function<void()> round;
    round = [&] {
        sync.drainAll([&](const IndexSync::Report &report) {
            last = report;
            if (report.claimed > 0 || report.problem) {
                m_out << tr("Sent %1, retrying %2, failed %3.")
                             .arg(report.sent)
                             .arg(report.retried)
                             .arg(report.failed)
                      << Qt::endl;
            }
            if (report.problem)
                m_err << "calloutctl: " << report.problem->message << Qt::endl;
            if (once)
                loop.quit();
            else
                QTimer::singleShot(2000, &loop, round);
        });
    };
    round();
    loop.exec();
    if (last.problem)
        return InternalError;
    if (last.claimed == 0)
        m_out << tr("Nothing to send.") << Qt::endl;
    return last.failed > 0 ? InternalError : Success;
}

Result<WorklistQuery> CommandLineTool::exportQuery() const
{
    WorklistQuery query;
    const QString tab = m_parser.value(m_tab).trimmed().toLower();
    if (tab == u"pending")
        query.tab = CriticalStatus::CalloutPending;
    else if (tab == u"attempted")
        query.tab = CriticalStatus::CalloutAttempted;
    else if (tab == u"done")
        query.tab = CriticalStatus::CalloutDone;
    else
        return Failure::invalidInput(
            tr("Unknown tab \"%1\"; expected pending, attempted or done.").arg(tab));
    const auto day = [this](const QCommandLineOption &option, QDate &into) -> Status {
        if (!m_parser.isSet(option))
            return Done{};
        into = QDate::fromString(m_parser.value(option).trimmed(), Qt::ISODate);
        if (into.isValid())
            return Done{};
        return Failure::invalidInput(tr("--%1 must be a date written YYYY-MM-DD, not \"%2\".")
                                         .arg(option.names().constFirst(), m_parser.value(option)));
    };
    if (const Status from = day(m_from, query.from); !from)
        return from.failure();
    if (const Status to = day(m_to, query.to); !to)
        return to.failure();
    if (m_parser.isSet(m_department)) {
        bool ok = false;
        const qint64 department = m_parser.value(m_department).trimmed().toLongLong(&ok);
        if (!ok || department <= 0) {
            return Failure::invalidInput(
                tr("--department must be a department id (a whole number), not \"%1\".")
                    .arg(m_parser.value(m_department)));
        }
        query.departmentId = department;
    }
    query.text = m_parser.value(m_search).trimmed();
    return query;
}

int CommandLineTool::runExportCommand()
{
    // Everything the user typed is checked before the database is touched.
    if (!m_parser.isSet(m_as))
        return fail(Failure::invalidInput(tr("Say who is signed in with --as KIND:ID.")));
    const auto format = ExportFormatInfo::fromKey(m_parser.value(m_format));
    if (!format) {
        return fail(Failure::invalidInput(
            m_parser.isSet(m_format)
                ? tr("Unknown format \"%1\"; expected csv or xlsx.").arg(m_parser.value(m_format))
                : tr("Say which file format with --format csv or --format xlsx.")));
    }
    const QString path = m_parser.value(m_outFile).trimmed();
    if (path.isEmpty())
        return fail(Failure::invalidInput(tr("Name the file to write with --out FILE.")));
    const auto query = exportQuery();
    if (!query)
        return fail(query.failure());
    const QSettings settings;
    const auto index = IndexEndpoint::configured(m_parser.value(m_index), settings);
    if (index && !*index)
        return fail(index->failure());

    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    const auto scope = SessionLoader(db).fromSpec(m_parser.value(m_as));
    if (!scope)
        return fail(scope.failure());

    // The same source as the desk's worklist: the index when one is configured.
    const WorklistExporter exporter(db.url(), index ? std::optional(index->value()) : std::nullopt);
    const auto exported = exporter.exportNow(scope.value(), query.value(), *format, path);
    if (!exported)
        return fail(exported.failure());
    const ExportSummary &summary = exported.value();
    if (m_parser.isSet(m_json)) {
        print(QJsonObject{{u"path"_s, summary.path},
                          {u"format"_s, ExportFormatInfo::key(summary.format)},
                          {u"rows"_s, summary.rows},
                          {u"milliseconds"_s, summary.milliseconds}});
        return Success;
    }
    m_out << tr("Exported %1 row(s) of the %2 tab to %3.")
                 .arg(summary.rows)
                 .arg(CriticalStatusInfo::label(query.value().tab), summary.path)
          << Qt::endl;
    return Success;
}

} // namespace calloutdesk
