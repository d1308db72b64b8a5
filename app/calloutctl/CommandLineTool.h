#pragma once

#include "services/Failure.h"
#include "services/db/DatabaseUrl.h"
#include "services/search/IndexEndpoint.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace calloutdesk {

class CommandOutput;
class DatabaseConnection;
class SessionScope;

// calloutctl: everything an administrator might script, on the same services as the
// desktop program. Exit codes: 0 done, 2 refused input, 3 stale or conflicting,
// 1 internal error or unreachable server.
class CommandLineTool
{
public:
    enum ExitCode
    {
        Success = 0,
        InternalError = 1,
        InvalidInput = 2,
        Conflict = 3
    };

    CommandLineTool(QTextStream &out, QTextStream &err);
    ~CommandLineTool();
    int run(const QStringList &arguments);

    static int exitCodeFor(const Failure &failure);
    // The report ids typed after --reports; nullopt when the option was not given.
    static Result<QList<qint64>> reportIds(const std::optional<QString> &typed);

private:
    using SessionWork = std::function<int(DatabaseConnection &, const SessionScope &)>;

    int fail(const Failure &failure);
    Result<DatabaseUrl> databaseUrl() const;
    Result<std::unique_ptr<DatabaseConnection>> connect();
    // Refuses --as on PostgreSQL and asks for it on SQLite, before the database is touched.
    Status checkSignInArguments() const;
    // The same, refusing a database whose schema is not this program's (run migrate).
    Result<std::unique_ptr<DatabaseConnection>> connectCurrent();
    // Connects, signs in the user of --as, and runs `work` as that user.
    int asSignedInUser(const SessionWork &work);
    int runSchemaCommand(const QString &command);
    int runSessionCommand(const QString &command);
    int runIndexCommand(const QString &command, const QStringList &arguments);
    // The lab of the support user who sends failed work again (--retry-failed), signed in
    // on `db` (checkSignInArguments() first).
    Result<qint64> supportLab(DatabaseConnection &db);
    int runApiKeyCommand();
    int runUserCommand(const QStringList &arguments);
    int runLabCommand(const QStringList &arguments);
    int runSimulateCommand(const QStringList &arguments);
    int runEscalationCommand(const QStringList &arguments);
    int runReportCommand(const QStringList &arguments);
    // The search index of --index, $CALLOUTDESK_INDEX or the settings; refused when none.
    Result<IndexEndpoint> requiredIndex() const;
    int runExportCommand();
    int runNotifyCommand();
    std::optional<QString> typed(const QCommandLineOption &option) const;

    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<CommandOutput> m_output;
    QCommandLineParser m_parser;
    QCommandLineOption m_db;
    QCommandLineOption m_as;
    QCommandLineOption m_json;
    QCommandLineOption m_seed;
    QCommandLineOption m_orders;
    QCommandLineOption m_anchor;
    QCommandLineOption m_bill;
    QCommandLineOption m_reports;
    QCommandLineOption m_report;
    QCommandLineOption m_attempt;
    QCommandLineOption m_done;
    QCommandLineOption m_method;
    QCommandLineOption m_recipient;
    QCommandLineOption m_otherName;
    QCommandLineOption m_otherEmail;
    QCommandLineOption m_otherFax;
    QCommandLineOption m_otherContact;
    QCommandLineOption m_called;
    QCommandLineOption m_outcome;
    QCommandLineOption m_tried;
    QCommandLineOption m_comment;
    QCommandLineOption m_expect;
    QCommandLineOption m_requestId;
    QCommandLineOption m_index;
    QCommandLineOption m_once;
    QCommandLineOption m_status;
    QCommandLineOption m_format;
    QCommandLineOption m_outFile;
    QCommandLineOption m_tab;
    QCommandLineOption m_from;
    QCommandLineOption m_to;
    QCommandLineOption m_department;
    QCommandLineOption m_search;
    QCommandLineOption m_smtp;
    QCommandLineOption m_faxGateway;
    QCommandLineOption m_smsGateway;
    QCommandLineOption m_whatsappGateway;
    QCommandLineOption m_retry;
    QCommandLineOption m_retryFailed;
    QCommandLineOption m_since;
    QCommandLineOption m_lab;
    QCommandLineOption m_keyName;
    QCommandLineOption m_login;
    QCommandLineOption m_labUser;
    QCommandLineOption m_doctor;
    QCommandLineOption m_rate;
    QCommandLineOption m_per;
    QCommandLineOption m_for;
    QCommandLineOption m_role;
    QCommandLineOption m_phone;
    QCommandLineOption m_email;
    QCommandLineOption m_order;
    QCommandLineOption m_id;
};

} // namespace calloutdesk
