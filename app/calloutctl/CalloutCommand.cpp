#include "CalloutCommand.h"

#include "CommandOutput.h"
#include "JsonOutput.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutRequestLedger.h"

#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

CalloutCommand::CalloutCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

Result<CalloutRequest> CalloutCommand::request(const Arguments &arguments)
{
    CalloutRequest request;
    // The id is what makes a retried run harmless (SPEC C9), so a wrong one is refused
    // first, whatever else is wrong.
    if (arguments.requestId) {
        if (!CalloutRequestLedger::isValidRequestId(*arguments.requestId)) {
            return Failure::invalidInput(
                tr("--request-id takes 1 to 100 letters, digits, dots, underscores, colons and "
                   "dashes, not \"%1\".")
                    .arg(arguments.requestId->left(120)));
        }
        request.requestId = *arguments.requestId;
        // Naming the submission is how a caller says this is a new communication, also
        // about reports that are Done already; a run without one that repeats a done
        // callout is refused by the engine instead of recorded twice.
        request.furtherCommunication = true;
    } else {
        request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    bool ok = false;
    request.billId = arguments.bill.toLongLong(&ok);
    if (!ok || request.billId <= 0)
        return Failure::invalidInput(tr("Name the order with --bill ID (a whole number)."));
    if (const auto ids = CommandLineTool::reportIds(arguments.reports); !ids)
        return ids.failure();
    // The engine refuses a report named twice with its own message: keep the list as typed.
    for (const QString &part : arguments.reports->split(u','))
        request.reportIds << part.trimmed().toLongLong();

    if (arguments.attempt == arguments.done)
        return Failure::invalidInput(tr("Give exactly one of --attempt and --done."));
    request.kind = arguments.attempt ? CalloutRequest::Kind::Attempt : CalloutRequest::Kind::Done;

    for (const QString &key : arguments.methods.split(u',', Qt::SkipEmptyParts)) {
        const auto method = CommunicationMethodInfo::fromKey(key);
        if (!method) {
            return Failure::invalidInput(
                tr("Unknown method \"%1\"; expected email, fax, sms or whatsapp.")
                    .arg(key.trimmed()));
        }
        request.methods << *method;
    }
    for (const QString &key : arguments.recipients.split(u',', Qt::SkipEmptyParts)) {
        const auto kind = RecipientKindInfo::fromKey(key);
        if (!kind) {
            return Failure::invalidInput(
                tr("Unknown recipient \"%1\"; expected patient, referral, organization or other.")
                    .arg(key.trimmed()));
        }
        request.recipients << *kind;
    }
    request.other = {arguments.other.name.trimmed(), arguments.other.email.trimmed(),
                     arguments.other.fax.trimmed(), arguments.other.contactNumber.trimmed()};
    for (const QString &call : arguments.calls) {
        if (!call.contains(u'@'))
            return Failure::invalidInput(
                tr("--called must be \"name@time\", not \"%1\".").arg(call));
        request.phoneCalls.append(partyOrName(call.section(u'@', 0, -2)));
        request.phoneCalls.last().at = call.section(u'@', -1);
    }
    if (!arguments.outcome.isEmpty() || !arguments.tried.isEmpty()) {
        const auto outcome = AttemptOutcomeInfo::fromKey(arguments.outcome);
        if (!outcome) {
            return Failure::invalidInput(
                tr("--outcome takes no_answer, busy, left_message or wrong_number, not \"%1\"; "
                   "give it with --tried.")
                    .arg(arguments.outcome.left(120)));
        }
        request.attempt = CalloutAttempt{*outcome, partyOrName(arguments.tried)};
    }
    request.comment = arguments.comment;

    for (const QString &pair : arguments.expect.split(u',', Qt::SkipEmptyParts)) {
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
        // Two statuses for one report cannot both be what the caller saw.
        if (request.expectedStatuses.contains(id)) {
            return Failure::invalidInput(tr("--expect names report %1 more than once.").arg(id));
        }
        request.expectedStatuses.insert(id, *known);
    }
    return request;
}

PhoneCall CalloutCommand::partyOrName(const QString &typed)
{
    // "other" is not a party with a name of its own here: it is taken as a name.
    const std::optional<RecipientKind> party = RecipientKindInfo::fromKey(typed);
    if (party && *party != RecipientKind::Other)
        return {QString(), QString(), party};
    return {typed, QString(), std::nullopt};
}

int CalloutCommand::run(const SessionScope &scope, const CalloutRequest &request)
{
    return m_output.show(CalloutEngine(m_db).submit(scope, request), JsonOutput::outcome,
                         [this](const CalloutOutcome &recorded) { printText(recorded); });
}

void CalloutCommand::printText(const CalloutOutcome &outcome)
{
    QTextStream &out = m_output.out();
    if (outcome.alreadyRecorded) {
        out << tr("Request %1 was already recorded by an earlier submission with this id; "
                  "nothing was written now.")
                   .arg(outcome.requestId)
            << Qt::endl;
        return;
    }
    if (outcome.confirmedAfterLostConnection) {
        out << tr("The connection to the database was lost while the callout was being saved; "
                  "the database confirms that it was saved.")
            << Qt::endl;
    }
    for (const CalloutOutcome::Transition &transition : outcome.transitions) {
        out << tr("Report %1: %2 → %3")
                   .arg(transition.reportId)
                   .arg(CriticalStatusInfo::label(transition.from),
                        CriticalStatusInfo::label(transition.to))
            << Qt::endl;
    }
    out << tr("%1 callout record(s) written, %2 notification(s) queued.")
               .arg(outcome.auditRowIds.size())
               .arg(outcome.notificationsQueued)
        << Qt::endl;
    out << tr("Request id: %1").arg(outcome.requestId) << Qt::endl;
}

} // namespace calloutdesk
