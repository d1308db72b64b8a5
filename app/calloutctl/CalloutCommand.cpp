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
    for (const QString &typed : arguments.calls) {
        const auto call = phoneCall(typed);
        if (!call)
            return call.failure();
        request.phoneCalls.append(call.value());
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

Result<PhoneCall> CalloutCommand::phoneCall(const QString &typed)
{
    // The override reason is free text and may hold a ';': it is the rest of the value.
    static const QString overrideKey = u";override="_s;
    const qsizetype overrideAt = typed.indexOf(overrideKey);
    const QString head = overrideAt < 0 ? typed : typed.left(overrideAt);
    const QStringList parts = head.split(u';');
    const QString whomAndWhen = parts.first();
    if (!whomAndWhen.contains(u'@')) {
        return Failure::invalidInput(
            tr("--called must be \"name@time\", optionally followed by "
               "\";role=…;readback=yes|no;value=…;override=…\", not \"%1\".")
                .arg(typed.left(120)));
    }
    PhoneCall call = partyOrName(whomAndWhen.section(u'@', 0, -2));
    call.at = whomAndWhen.section(u'@', -1);
    std::optional<bool> readBack;
    for (const QString &part : parts.mid(1)) {
        const QString key = part.section(u'=', 0, 0).trimmed().toLower();
        const QString value = part.section(u'=', 1).trimmed();
        if (key == u"role") {
            call.role = CallTakerRoleInfo::fromKey(value);
            if (!call.role) {
                return Failure::invalidInput(
                    tr("--called: role takes doctor, nurse, patient or other, not \"%1\".")
                        .arg(value.left(120)));
            }
        } else if (key == u"readback") {
            if (value != u"yes" && value != u"no") {
                return Failure::invalidInput(
                    tr("--called: readback takes yes or no, not \"%1\".").arg(value.left(120)));
            }
            readBack = value == u"yes";
        } else if (key == u"value") {
            call.readBackValue = value;
        } else {
            return Failure::invalidInput(
                tr("--called: unknown part \"%1\"; expected role=, readback=, value= or "
                   "override=.")
                    .arg(part.left(120)));
        }
    }
    if (overrideAt >= 0)
        call.readBackOverride = typed.mid(overrideAt + overrideKey.size()).trimmed();
    // A value read back was read back, unless the caller says otherwise (then the engine
    // refuses the contradiction).
    call.readBack = readBack.value_or(!call.readBackValue.isEmpty());
    return call;
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
