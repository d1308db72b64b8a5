#include "CommandLineTool.h"

#include "AuditCommand.h"
#include "CalloutCommand.h"
#include "CommandOutput.h"
#include "ComplianceCommand.h"
#include "EscalationCommand.h"
#include "ExportCommand.h"
#include "HistoryCommand.h"
#include "IndexCommand.h"
#include "LabCommand.h"
#include "NotifyCommand.h"
#include "RecordsCommand.h"
#include "SchemaCommand.h"
#include "SignoffCommand.h"
#include "SimulateCommand.h"
#include "UserCommand.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/callout/SessionLoader.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/DatabaseUrlSource.h"
#include "services/db/MigrationRunner.h"
#include "services/search/IndexApiKeyIssuer.h"
#include "services/search/IndexEndpoint.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("calloutctl", text);
}

const QStringList schemaCommands = {u"migrate"_s, u"demo"_s};
const QStringList sessionCommands
    = {u"records"_s, u"history"_s, u"audit"_s, u"callout"_s, u"sign"_s, u"approve"_s};
const QStringList indexCommands = {u"sync"_s, u"index"_s};
const QString exportCommand = u"export"_s;
const QString notifyCommand = u"notify"_s;
const QString mailPasswordCommand = u"mail-password"_s;
const QString userCommand = u"user"_s;
const QString labCommand = u"lab"_s;
const QString simulateCommand = u"simulate"_s;
const QString escalationCommand = u"escalation"_s;
const QString reportCommand = u"report"_s;

} // namespace

CommandLineTool::CommandLineTool(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
    , m_output(std::make_unique<CommandOutput>(out, err))
    , m_db(u"db"_s,
           tr("Database URL (postgresql://user@host:port/db or sqlite:///path/file.db); default "
              "$CALLOUTDESK_DB, then the settings."),
           u"url"_s)
    , m_as(u"as"_s,
           tr("SQLite only: the signed-in user, doctor:ID, labuser:ID or support:ID. On "
              "PostgreSQL you are the login of the database URL."),
           u"kind:id"_s)
    , m_json(u"json"_s, tr("Print machine-readable JSON."))
    , m_seed(u"seed"_s, tr("demo: random seed (default 1)."), u"n"_s, u"1"_s)
    , m_orders(u"orders"_s, tr("demo: number of orders (default 400)."), u"n"_s, u"400"_s)
    , m_anchor(u"anchor"_s,
               tr("demo: the day the sample orders end on, YYYY-MM-DD (default today)."), u"date"_s)
    , m_bill(u"bill"_s, tr("records, callout: the order id."), u"id"_s)
    , m_reports(u"reports"_s, tr("history, audit, callout: report ids, comma-separated."), u"ids"_s)
    , m_report(u"report"_s, tr("sign, approve: the report id."), u"id"_s)
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
    , m_called(u"called"_s,
               tr("callout: a phone call already made, \"name@time\", the time as "
                  "2026-12-01T14:05 (repeatable); name may be a party: patient, referral, "
                  "organization. Read-back (SPEC T4) follows after ';': "
                  "\"name@time;role=nurse;readback=yes;value=7.2;override=reason\" (role: "
                  "doctor, nurse, patient, other; a value implies readback=yes and is compared "
                  "with the critical values; override, last, records a mismatch anyway)."),
               u"call"_s)
    , m_outcome(u"outcome"_s,
                tr("callout --attempt: how it went, no_answer, busy, left_message or "
                   "wrong_number (with --tried)."),
                u"outcome"_s)
    , m_tried(u"tried"_s,
              tr("callout --attempt: whom the attempt tried, a name or a party: patient, "
                 "referral, organization."),
              u"whom"_s)
    , m_comment(u"comment"_s, tr("callout: the comment."), u"text"_s)
    , m_expect(u"expect"_s,
               tr("callout: the statuses you saw, \"report:status,…\"; refused as stale "
                  "(exit 3) if any changed."),
               u"list"_s)
    , m_requestId(u"request-id"_s,
                  tr("callout: this submission's id (letters, digits, . _ : -; at most 100). "
                     "The same id again writes nothing and prints the first outcome; a new id "
                     "records a further communication about reports already Done. Default: a "
                     "new random id."),
                  u"id"_s)
    , m_index(u"index"_s,
              tr("Search index URL, http(s)://[user:password@]host:9200; default "
                 "$CALLOUTDESK_INDEX, then the settings. API key: $CALLOUTDESK_INDEX_API_KEY."),
              u"url"_s)
    , m_once(u"once"_s, tr("sync, notify: send what is due now, then stop."))
    , m_status(u"status"_s, tr("sync, notify: show what is pending, retrying and failed."))
    , m_format(u"format"_s, tr("export: csv or xlsx; report: csv, json, xlsx or pdf."), u"format"_s)
    , m_outFile(u"out"_s, tr("export: the file to write (replaced if it exists)."), u"file"_s)
    , m_tab(u"tab"_s, tr("export: the worklist tab, pending, attempted or done (default pending)."),
            u"tab"_s, u"pending"_s)
    , m_from(u"from"_s, tr("export, report: first result day, YYYY-MM-DD."), u"date"_s)
    , m_to(u"to"_s, tr("export, report: last result day, YYYY-MM-DD."), u"date"_s)
    , m_department(
          u"department"_s,
          tr("export, report: only this department id; escalation: the contact's department."),
          u"id"_s)
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
    , m_retryFailed(u"retry-failed"_s,
                    tr("sync, notify: send every failed update or message of your lab again "
                       "(a support login)."))
    , m_since(u"since"_s,
              tr("notify --retry-failed: only messages queued on or after this day, "
                 "YYYY-MM-DD."),
              u"date"_s)
    , m_lab(u"lab"_s,
            tr("index api-key: the lab whose desks get the key; lab: the lab; simulate: the lab "
               "(default the lowest lab id)."),
            u"id"_s)
    , m_keyName(u"name"_s,
                tr("index api-key: the key's name (default calloutdesk-lab-ID); escalation "
                   "add: the contact's name."),
                u"name"_s)
    , m_login(u"login"_s, tr("user: the person's PostgreSQL login name."), u"name"_s)
    , m_labUser(u"labuser"_s, tr("user add/link: the lab user the login is."), u"id"_s)
    , m_doctor(u"doctor"_s, tr("user add/link: the doctor the login is."), u"id"_s)
    , m_rate(u"rate"_s, tr("simulate: results to write per --per (default per minute)."), u"n"_s)
    , m_per(u"per"_s, tr("simulate: second, minute or hour (default minute)."), u"unit"_s)
    , m_for(u"for"_s,
            tr("simulate: how long, e.g. 90s, 10m, 1h (default until Ctrl-C or SIGTERM)."),
            u"duration"_s)
    , m_role(u"role"_s, tr("escalation add: the contact's role, e.g. on-call pathologist."),
             u"text"_s)
    , m_phone(u"phone"_s, tr("escalation add: the contact's phone number."), u"number"_s)
    , m_email(u"email"_s, tr("escalation add: the contact's email address."), u"address"_s)
    , m_order(u"order"_s,
              tr("escalation add: the contact's place in the calling order, 1 first (default "
                 "after the last)."),
              u"n"_s)
    , m_id(u"id"_s, tr("escalation remove: the contact's id."), u"id"_s)
{
    m_parser.setApplicationDescription(
        tr("Command-line tool of CalloutDesk.\n\nCommands:\n"
           "  migrate   create or upgrade the database schema\n"
           "  demo      migrate, then fill an empty database with a deterministic sample lab\n"
           "  records   the critical reports of an order and its saved attempt (--bill)\n"
           "  history   the callout history of reports (--reports)\n"
           "  audit     the callout records of reports with names resolved (--reports)\n"
           "  callout   save an attempt or mark a callout done (--bill --reports …)\n"
           "  sign      sign a report, as Save & Sign does (--report)\n"
           "  approve   approve a signed report, as a doctor or support login (--report)\n"
           "  export    write a worklist tab to CSV or XLSX (--format --out [--tab --from --to "
           "--department --search])\n"
           "  sync      send committed changes to the search index (--once, --status, "
           "--retry-failed)\n"
           "  notify    send the messages of done callouts (--once, --status, --retry ID, "
           "--retry-failed [--since DATE])\n"
           "  mail-password   store the mail server's password (read from standard input) in "
           "the keychain\n"
           "  lab show|set    a lab's own settings (--lab ID; set NAME=VALUE: "
           "gate_requires_done=on|off, idle_lock_minutes=N, outbox_retention_days=N, "
           "offline_window_days=N, callout_target_minutes=N, callout_warning_minutes=N)\n"
           "  index rebuild   re-index every order, each into its lab's index\n"
           "  index api-key   make an API key that reads and writes only one lab's index "
           "(--lab ID [--name NAME]), with the administrator's index credential\n"
           "  simulate  write new results as the laboratory system would, about 80% critical "
           "(--rate N [--per second|minute|hour] [--for DURATION] [--lab ID]); on PostgreSQL "
           "with the administrator's login, as demo\n"
           "  escalation add|list|remove   a lab's escalation contacts per department, "
           "offered first in the callout dialog after the warning time (add --lab --department "
           "--name [--role --phone --email --order]; list --lab [--department]; remove --id); "
           "on PostgreSQL add and remove take the administrator's login\n"
           "  report compliance   time from result to done callout per department and week, "
           "and the breaches of the lab's target, to a file (--from --to --format "
           "csv|json|xlsx|pdf --out FILE [--department ID]); csv also writes "
           "FILE-breaches.csv; pdf is the page an inspector files"));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({m_db,
                         m_as,
                         m_json,
                         m_seed,
                         m_orders,
                         m_anchor,
                         m_bill,
                         m_reports,
                         m_report,
                         m_attempt,
                         m_done,
                         m_method,
                         m_recipient,
                         m_otherName,
                         m_otherEmail,
                         m_otherFax,
                         m_otherContact,
                         m_called,
                         m_outcome,
                         m_tried,
                         m_comment,
                         m_expect,
                         m_requestId,
                         m_index,
                         m_once,
                         m_status,
                         m_format,
                         m_outFile,
                         m_tab,
                         m_from,
                         m_to,
                         m_department,
                         m_search,
                         m_smtp,
                         m_faxGateway,
                         m_smsGateway,
                         m_whatsappGateway,
                         m_retry,
                         m_retryFailed,
                         m_since,
                         m_lab,
                         m_keyName,
                         m_login,
                         m_labUser,
                         m_doctor,
                         m_rate,
                         m_per,
                         m_for,
                         m_role,
                         m_phone,
                         m_email,
                         m_order,
                         m_id});
    m_parser.addPositionalArgument(u"command"_s, (schemaCommands + sessionCommands).join(u" | "_s));
}

CommandLineTool::~CommandLineTool() = default;

int CommandLineTool::exitCodeFor(const Failure &failure)
{
    switch (failure.kind) {
    case Failure::Kind::InvalidInput:
        return InvalidInput;
    case Failure::Kind::Conflict:
        return Conflict;
    case Failure::Kind::Unavailable:
    case Failure::Kind::Internal:
    case Failure::Kind::Configuration:
        return InternalError;
    }
    return InternalError;
}

Result<QList<qint64>> CommandLineTool::reportIds(const std::optional<QString> &typed)
{
    if (!typed)
        return Failure::invalidInput(tr("Name the reports with --reports ID,ID,…"));
    return CalloutHistoryReader::parseReportIds(*typed);
}

int CommandLineTool::fail(const Failure &failure)
{
    return m_output->fail(failure);
}

std::optional<QString> CommandLineTool::typed(const QCommandLineOption &option) const
{
    return m_parser.isSet(option) ? std::optional(m_parser.value(option)) : std::nullopt;
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
    m_output->setJson(m_parser.isSet(m_json));
    const QStringList positional = m_parser.positionalArguments();
    const QStringList commands = schemaCommands + sessionCommands + indexCommands
        + QStringList{exportCommand, notifyCommand,   mailPasswordCommand, userCommand,
                      labCommand,    simulateCommand, escalationCommand,   reportCommand};
    if (!positional.isEmpty() && indexCommands.contains(positional.first()))
        return runIndexCommand(positional.first(), positional.mid(1));
    if (!positional.isEmpty() && positional.first() == userCommand)
        return runUserCommand(positional.mid(1));
    if (!positional.isEmpty() && positional.first() == labCommand)
        return runLabCommand(positional.mid(1));
    if (!positional.isEmpty() && positional.first() == simulateCommand)
        return runSimulateCommand(positional.mid(1));
    if (!positional.isEmpty() && positional.first() == escalationCommand)
        return runEscalationCommand(positional.mid(1));
    if (!positional.isEmpty() && positional.first() == reportCommand)
        return runReportCommand(positional.mid(1));
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
        return NotifyCommand::storeMailPassword(m_parser.value(m_smtp), *m_output);
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
    if (m_parser.isSet(m_retry)) {
        bool ok = false;
        options.retryId = m_parser.value(m_retry).toLongLong(&ok);
        if (!ok || options.retryId <= 0)
            return fail(Failure::invalidInput(
                tr("\"%1\" is not a notification id.").arg(m_parser.value(m_retry))));
    }
    options.retryFailed = m_parser.isSet(m_retryFailed);
    if (m_parser.isSet(m_since)) {
        const QDate since = QDate::fromString(m_parser.value(m_since), Qt::ISODate);
        if (!options.retryFailed || !since.isValid())
            return fail(Failure::invalidInput(
                tr("--since takes a day, YYYY-MM-DD, and goes with --retry-failed.")));
        options.since = since;
    }
    if (options.retryFailed) {
        if (const Status signIn = checkSignInArguments(); !signIn)
            return fail(signIn.failure());
    }
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    if (options.retryFailed) {
        const auto lab = supportLab(db);
        if (!lab)
            return fail(lab.failure());
        options.labId = lab.value();
    } else if (options.retryId > 0) {
        // Sending again is an act of a user of the message's lab.
        if (const Status signIn = checkSignInArguments(); !signIn)
            return fail(signIn.failure());
        const auto session = SessionLoader(db).resolve(m_parser.value(m_as));
        if (!session)
            return fail(session.failure());
        options.labId = session.value().labId();
    }
    return NotifyCommand(db, *m_output).run(options);
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

Result<DatabaseUrl> CommandLineTool::databaseUrl() const
{
    const QSettings settings;
    const auto choice = DatabaseUrlSource::choose(m_parser.value(m_db), settings);
    if (!choice) {
        return Failure::invalidInput(
            tr("No database given: use --db URL or set %1.")
                .arg(QLatin1StringView(DatabaseUrlSource::environmentVariable)));
    }
    if (!*choice)
        return choice->failure();
    return DatabaseUrl::parse(choice->value().url);
}

Result<std::unique_ptr<DatabaseConnection>> CommandLineTool::connect()
{
    const auto url = databaseUrl();
    if (!url)
        return url.failure();
    return DatabaseConnection::open(url.value(), u"calloutctl"_s);
}

Status CommandLineTool::checkSignInArguments() const
{
    // SPEC A1: on PostgreSQL the login of the URL is who acts; --as is for SQLite only.
    const auto url = databaseUrl();
    if (!url)
        return url.failure();
    if (url.value().isPostgreSql()) {
        if (m_parser.isSet(m_as)) {
            return Failure::invalidInput(
                tr("--as is only for SQLite; on PostgreSQL you act as the person of the login "
                   "in the database URL (postgresql://LOGIN@host/db, password from ~/.pgpass or "
                   "PGPASSWORD)."));
        }
        return Done{};
    }
    if (!m_parser.isSet(m_as))
        return Failure::invalidInput(tr("Say who is signed in with --as KIND:ID."));
    return Done{};
}

int CommandLineTool::asSignedInUser(const SessionWork &work)
{
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    DatabaseConnection &db = *connection.value();
    const auto scope = SessionLoader(db).resolve(m_parser.value(m_as));
    if (!scope)
        return fail(scope.failure());
    return work(db, scope.value());
}

int CommandLineTool::runSchemaCommand(const QString &command)
{
    std::optional<DemoDataGenerator::Options> demo;
    if (command == u"demo") {
        const auto options = SchemaCommand::demoOptions(
            {m_parser.value(m_seed), m_parser.value(m_orders), m_parser.value(m_anchor)});
        if (!options)
            return fail(options.failure());
        demo = options.value();
    }
    auto connection = connect();
    if (!connection)
        return fail(connection.failure());
    SchemaCommand schema(*m_output);
    return demo ? schema.demo(*connection.value(), *demo) : schema.migrate(*connection.value());
}

int CommandLineTool::runSessionCommand(const QString &command)
{
    // Everything the user typed is checked before the database is touched.
    if (const Status signIn = checkSignInArguments(); !signIn)
        return fail(signIn.failure());
    if (command == u"callout") {
        CalloutCommand::Arguments arguments;
        arguments.bill = m_parser.value(m_bill);
        arguments.reports = typed(m_reports);
        arguments.attempt = m_parser.isSet(m_attempt);
        arguments.done = m_parser.isSet(m_done);
        arguments.methods = m_parser.value(m_method);
        arguments.recipients = m_parser.value(m_recipient);
        arguments.other = {m_parser.value(m_otherName), m_parser.value(m_otherEmail),
                           m_parser.value(m_otherFax), m_parser.value(m_otherContact)};
        arguments.calls = m_parser.values(m_called);
        arguments.outcome = m_parser.value(m_outcome);
        arguments.tried = m_parser.value(m_tried);
        arguments.comment = m_parser.value(m_comment);
        arguments.expect = m_parser.value(m_expect);
        arguments.requestId = typed(m_requestId);
        const auto request = CalloutCommand::request(arguments);
        if (!request)
            return fail(request.failure());
        return asSignedInUser([&](DatabaseConnection &db, const SessionScope &scope) {
            return CalloutCommand(db, *m_output).run(scope, request.value());
        });
    }
    if (command == u"sign" || command == u"approve") {
        bool ok = false;
        const qint64 reportId = m_parser.value(m_report).trimmed().toLongLong(&ok);
        if (!ok || reportId <= 0)
            return fail(
                Failure::invalidInput(tr("Name the report with --report ID (a whole number).")));
        const auto action
            = command == u"sign" ? ReportSignoff::Action::Sign : ReportSignoff::Action::Approve;
        return asSignedInUser([&](DatabaseConnection &db, const SessionScope &scope) {
            return SignoffCommand(db, *m_output).run(scope, reportId, action);
        });
    }
    if (command == u"records") {
        bool ok = false;
        const qint64 billId = m_parser.value(m_bill).toLongLong(&ok);
        if (!ok || billId <= 0)
            return fail(
                Failure::invalidInput(tr("Name the order with --bill ID (a whole number).")));
        return asSignedInUser([&](DatabaseConnection &db, const SessionScope &scope) {
            return RecordsCommand(db, *m_output).run(scope, billId);
        });
    }
    const auto ids = reportIds(typed(m_reports));
    if (!ids)
        return fail(ids.failure());
    return asSignedInUser([&](DatabaseConnection &db, const SessionScope &scope) {
        return command == u"history" ? HistoryCommand(db, *m_output).run(scope, ids.value())
                                     : AuditCommand(db, *m_output).run(scope, ids.value());
    });
}

int CommandLineTool::runIndexCommand(const QString &command, const QStringList &arguments)
{
    const bool rebuild = command == u"index";
    if (rebuild && arguments == QStringList{u"api-key"_s})
        return runApiKeyCommand();
    if (rebuild && arguments != QStringList{u"rebuild"_s})
        return fail(Failure::invalidInput(tr(
            "Unknown index command; expected \"index rebuild\" or \"index api-key --lab ID\".")));
    if (!rebuild && !arguments.isEmpty())
        return fail(Failure::invalidInput(
            tr("sync takes no further words; use --once, --status or --retry-failed.")));

    const bool retryFailed = !rebuild && m_parser.isSet(m_retryFailed);
    if (retryFailed) {
        if (const Status signIn = checkSignInArguments(); !signIn)
            return fail(signIn.failure());
    }
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    IndexCommand index(*connection.value(), *m_output);
    if (retryFailed) {
        const auto lab = supportLab(*connection.value());
        if (!lab)
            return fail(lab.failure());
        return index.retryFailed(lab.value());
    }
    if (m_parser.isSet(m_status))
        return index.showStatus();

    const auto endpoint = requiredIndex();
    if (!endpoint)
        return fail(endpoint.failure());
    return index.send(endpoint.value(), rebuild, rebuild || m_parser.isSet(m_once));
}

Result<qint64> CommandLineTool::supportLab(DatabaseConnection &db)
{
    // Sending a whole batch again is for support, and only for their own lab.
    const auto session = SessionLoader(db).resolve(m_parser.value(m_as));
    if (!session)
        return session.failure();
    if (session.value().kind() != SessionKind::Support) {
        return Failure::invalidInput(
            tr("Only a support login sends failed work again (--retry-failed)."));
    }
    return session.value().labId();
}

int CommandLineTool::runUserCommand(const QStringList &arguments)
{
    const UserCommand::Arguments typedArguments{arguments.value(0), m_parser.value(m_login),
                                                typed(m_labUser), typed(m_doctor)};
    if (arguments.size() != 1)
        return fail(Failure::invalidInput(
            tr("Say what to do: user add, user link, user disable or user list.")));
    if (const Status checked = UserCommand::check(typedArguments); !checked)
        return fail(checked.failure());
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    return UserCommand(*connection.value(), *m_output).run(typedArguments);
}

int CommandLineTool::runLabCommand(const QStringList &arguments)
{
    const LabCommand::Arguments typedArguments{arguments.value(0), m_parser.value(m_lab),
                                               arguments.mid(1)};
    if (const Status checked = LabCommand::check(typedArguments); !checked)
        return fail(checked.failure());
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    return LabCommand(*connection.value(), *m_output).run(typedArguments);
}

int CommandLineTool::runSimulateCommand(const QStringList &arguments)
{
    if (!arguments.isEmpty())
        return fail(Failure::invalidInput(
            tr("simulate takes no further words; use --rate, --per, --for and --lab.")));
    const auto plan
        = SimulateCommand::plan({typed(m_rate), m_parser.value(m_per), typed(m_for), typed(m_lab)});
    if (!plan)
        return fail(plan.failure());
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    return SimulateCommand(*connection.value(), *m_output).run(plan.value());
}

int CommandLineTool::runEscalationCommand(const QStringList &arguments)
{
    if (arguments.size() != 1)
        return fail(Failure::invalidInput(
            tr("Say what to do: escalation add, escalation list or escalation remove.")));
    const auto plan = EscalationCommand::plan({arguments.first(), typed(m_lab), typed(m_department),
                                               m_parser.value(m_keyName), m_parser.value(m_role),
                                               m_parser.value(m_phone), m_parser.value(m_email),
                                               typed(m_order), typed(m_id)});
    if (!plan)
        return fail(plan.failure());
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    return EscalationCommand(*connection.value(), *m_output).run(plan.value());
}

int CommandLineTool::runReportCommand(const QStringList &arguments)
{
    if (arguments != QStringList{u"compliance"_s})
        return fail(Failure::invalidInput(tr("Say which report: report compliance.")));
    // Everything the user typed is checked before the database is touched.
    if (const Status signIn = checkSignInArguments(); !signIn)
        return fail(signIn.failure());
    const auto job = ComplianceCommand::job({typed(m_from), typed(m_to), typed(m_department),
                                             typed(m_format), m_parser.value(m_outFile)});
    if (!job)
        return fail(job.failure());
    return asSignedInUser([&](DatabaseConnection &db, const SessionScope &scope) {
        return ComplianceCommand(db, *m_output).run(scope, job.value());
    });
}

int CommandLineTool::runApiKeyCommand()
{
    // Everything typed is checked before the database or the index is touched.
    bool ok = false;
    const qint64 labId = m_parser.value(m_lab).toLongLong(&ok);
    if (!ok || labId <= 0)
        return fail(Failure::invalidInput(tr("Name the lab with --lab ID (a whole number).")));
    const QString name = m_parser.isSet(m_keyName) ? m_parser.value(m_keyName)
                                                   : IndexApiKeyIssuer::defaultName(labId);
    if (const Status named = IndexApiKeyIssuer::checkName(name); !named)
        return fail(named.failure());
    const auto endpoint = requiredIndex();
    if (!endpoint)
        return fail(endpoint.failure());
    auto connection = connectCurrent();
    if (!connection)
        return fail(connection.failure());
    return IndexCommand(*connection.value(), *m_output).createApiKey(endpoint.value(), labId, name);
}

Result<IndexEndpoint> CommandLineTool::requiredIndex() const
{
    const QSettings settings;
    const auto endpoint = IndexEndpoint::configured(m_parser.value(m_index), settings);
    if (!endpoint) {
        return Failure::invalidInput(
            tr("No search index given: use --index URL or set %1.")
                .arg(QLatin1StringView(IndexEndpoint::environmentVariable)));
    }
    return *endpoint;
}

int CommandLineTool::runExportCommand()
{
    // Everything the user typed is checked before the database is touched.
    if (const Status signIn = checkSignInArguments(); !signIn)
        return fail(signIn.failure());
    const auto job = ExportCommand::job({typed(m_format), m_parser.value(m_outFile),
                                         m_parser.value(m_tab), typed(m_from), typed(m_to),
                                         typed(m_department), m_parser.value(m_search)});
    if (!job)
        return fail(job.failure());
    const QSettings settings;
    const auto index = IndexEndpoint::configured(m_parser.value(m_index), settings);
    if (index && !*index)
        return fail(index->failure());
    return asSignedInUser([&](DatabaseConnection &db, const SessionScope &scope) {
        return ExportCommand(db, *m_output)
            .run(scope, job.value(), index ? std::optional(index->value()) : std::nullopt);
    });
}

} // namespace calloutdesk
