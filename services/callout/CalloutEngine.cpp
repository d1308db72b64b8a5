#include "CalloutEngine.h"

#include "ActivityEntry.h"
#include "BillReader.h"
#include "CalloutRequestLedger.h"
#include "CalloutWriter.h"
#include "CriticalReportReader.h"
#include "VisibilityClause.h"
#include "models/ControlCharacter.h"
#include "models/DeskTime.h"
#include "models/EmailAddress.h"
#include "models/PersonName.h"
#include "models/PhoneNumber.h"
#include "models/ReadBackComparison.h"
#include "services/JsonText.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CalloutEngine", text);
}

using Field = CalloutRequest::Field;

// A refusal of the request, about one of its parts (C7: shown next to that part).
Failure refusal(Field field, QString message)
{
    return Failure::invalidInput(std::move(message)).about(CalloutRequest::fieldKey(field));
}

QString joinIds(const QList<qint64> &ids)
{
    QStringList text;
    for (const qint64 id : ids)
        text << QString::number(id);
    return text.join(u", "_s);
}

QString partyName(RecipientKind kind)
{
    switch (kind) {
    case RecipientKind::Patient:
        return tr("the patient");
    case RecipientKind::Referral:
        return tr("the referring doctor");
    case RecipientKind::Organization:
        return tr("the organisation");
    case RecipientKind::Other:
        return tr("the other contact");
    }
    return {};
}

std::optional<ContactDetails> contactOf(RecipientKind kind, const BillParties &bill,
                                        const CalloutRequest &request)
{
    switch (kind) {
    case RecipientKind::Patient:
        return bill.patient;
    case RecipientKind::Referral:
        return bill.referral;
    case RecipientKind::Organization:
        return bill.organization;
    case RecipientKind::Other:
        return request.other;
    }
    return std::nullopt;
}

QString addressFor(CommunicationMethod method, const ContactDetails &contact)
{
    switch (method) {
    case CommunicationMethod::Email:
        return contact.email.trimmed();
    case CommunicationMethod::Fax:
        return contact.fax.trimmed();
    case CommunicationMethod::Sms:
    case CommunicationMethod::WhatsApp:
        return contact.contactNumber.trimmed();
    }
    return {};
}

QString addressWord(CommunicationMethod method)
{
    switch (method) {
    case CommunicationMethod::Email:
        return tr("email address");
    case CommunicationMethod::Fax:
        return tr("fax number");
    case CommunicationMethod::Sms:
    case CommunicationMethod::WhatsApp:
        return tr("contact number");
    }
    return {};
}

// SPEC C10: this contact's address for this method, checked: why it cannot be used
// (empty when it can) and the form queued for sending (an email address with its domain
// in ASCII, IDNA; a number as its digits after an optional +).
struct CheckedAddress
{
    QString problem;
    QString deliverable;
};

CheckedAddress checkedAddress(CommunicationMethod method, const ContactDetails &contact)
{
    const QString typed = addressFor(method, contact);
    if (method == CommunicationMethod::Email) {
        const EmailAddress address = EmailAddress::parse(typed);
        return {address.problemText(), address.deliverable()};
    }
    const PhoneNumber number = PhoneNumber::parse(typed);
    return {number.problemText(), number.deliverable()};
}

// A stored value quoted in a message: one line, and short enough to read.
QString shown(const QString &text)
{
    constexpr qsizetype limit = 60;
    QString line;
    for (const QChar c : text.left(limit + 1))
        line += hasControlCharacter(QString(c)) ? QChar(QChar::ReplacementCharacter) : c;
    return line.size() > limit ? line.left(limit - 1) + u'…' : line;
}

// SPEC C10: every field of the other contact that is given, whether or not the chosen
// methods use it — all of it goes into the audit record and the activity log (L2).
Status checkOtherContact(const ContactDetails &other)
{
    if (const PersonName name = PersonName::parse(other.name); !name.isValid()) {
        return refusal(Field::Other,
                       tr("The other contact's name cannot be used: %1.").arg(name.problemText()));
    }
    if (const EmailAddress email = EmailAddress::parse(other.email);
        !email.isValid() && email.problem() != EmailAddress::Problem::Empty) {
        return refusal(
            Field::Other,
            tr("The other contact's email address cannot be used: %1.").arg(email.problemText()));
    }
    const std::pair<QString, QString> numbers[]{
        {other.fax, tr("The other contact's fax number cannot be used: %1.")},
        {other.contactNumber, tr("The other contact's contact number cannot be used: %1.")}};
    for (const auto &[typed, message] : numbers) {
        if (const PhoneNumber number = PhoneNumber::parse(typed);
            !number.isValid() && number.problem() != PhoneNumber::Problem::Empty) {
            return refusal(Field::Other, message.arg(number.problemText()));
        }
    }
    return Done{};
}

// A clock a little ahead of the server's is not a call from the future.
constexpr qint64 clockSkewSeconds = 120;

// A value read back is a number or a short word, never a paragraph.
constexpr qsizetype maxReadBackValueLength = 60;

Status checkReadBackParts(const PhoneCall &call);

// Who took a call, for a message: a party named by its key alone is "the referring doctor".
QString takenBy(const PhoneCall &call)
{
    if (call.name.trimmed().isEmpty() && call.party)
        return partyName(*call.party);
    return shown(call.who());
}

// SPEC U10: a call is evidence, so whom and when must be real: a name, and a date and
// time that is not in the future.
Status checkPhoneCall(const PhoneCall &call, const QDateTime &now)
{
    if ((call.name.trimmed().isEmpty() && !call.party) || call.at.trimmed().isEmpty()) {
        return refusal(Field::PhoneCalls,
                       tr("A phone call already made needs both whom you called and when."));
    }
    if (const PersonName name = PersonName::parse(call.name); !name.isValid()) {
        return refusal(Field::PhoneCalls,
                       tr("The name of whom you called (\"%1\") cannot be used: %2.")
                           .arg(shown(call.name), name.problemText()));
    }
    const QDateTime when = call.when();
    if (!when.isValid()) {
        return refusal(Field::PhoneCalls,
                       tr("The time of the call with %1, \"%2\", is not a date and time; give "
                          "it as 2026-12-01T14:05.")
                           .arg(shown(call.name), shown(call.at)));
    }
    if (when.secsTo(now) < -clockSkewSeconds) {
        return refusal(Field::PhoneCalls,
                       tr("The call with %1 is dated %2, which is in the future.")
                           .arg(shown(call.name), DeskTime::shown(when)));
    }
    return checkReadBackParts(call);
}

// SPEC T4: the parts of a read-back that hold together without the order: a value only
// when the result was read back, an override reason only for a value.
Status checkReadBackParts(const PhoneCall &call)
{
    const QString value = call.readBackValue.trimmed();
    const QString reason = call.readBackOverride.trimmed();
    if (!value.isEmpty() && !call.readBack) {
        return refusal(Field::PhoneCalls,
                       tr("The call with %1 has a value read back, \"%2\", but says the result "
                          "was not read back.")
                           .arg(takenBy(call), shown(value)));
    }
    if (value.size() > maxReadBackValueLength || hasControlCharacter(value)) {
        return refusal(Field::PhoneCalls,
                       tr("The value read back in the call with %1 must be one line of at most "
                          "%2 characters.")
                           .arg(takenBy(call))
                           .arg(maxReadBackValueLength));
    }
    if (!reason.isEmpty() && value.isEmpty()) {
        return refusal(Field::PhoneCalls,
                       tr("The call with %1 gives a reason to override a read-back mismatch, "
                          "but no value read back.")
                           .arg(takenBy(call)));
    }
    if (reason.size() > CalloutEngine::maxCommentLength) {
        return refusal(Field::PhoneCalls,
                       tr("The reason to override the read-back of the call with %1 has %2 "
                          "characters; at most %3 are allowed.")
                           .arg(takenBy(call))
                           .arg(reason.size())
                           .arg(CalloutEngine::maxCommentLength));
    }
    return Done{};
}

// SPEC T4: the value read back against the critical values of the selected reports. A
// mismatch blocks a done callout unless a reason overrides it; an attempt is a draft, and
// keeps what was found. A reason given for a value that matches overrides nothing.
Status checkReadBack(const CalloutRequest &request, const PhoneCall &call,
                     const QList<CriticalParameter> &criticalValues)
{
    const ReadBackComparison comparison
        = ReadBackComparison::compare(call.readBackValue, criticalValues);
    if (!comparison.compared())
        return Done{};
    const bool overridden = !call.readBackOverride.trimmed().isEmpty();
    if (comparison.matches() && overridden) {
        return refusal(
            Field::PhoneCalls,
            tr("The value read back by %1, \"%2\", matches %3: there is no mismatch "
               "to override, so leave the reason empty.")
                .arg(takenBy(call), shown(call.readBackValue.trimmed()), comparison.matched()));
    }
    if (comparison.mismatch() && !overridden && !request.isAttempt()) {
        return refusal(Field::PhoneCalls,
                       tr("The value read back by %1, \"%2\", does not match %3. Correct it, "
                          "or give the reason to record the callout anyway.")
                           .arg(takenBy(call), shown(call.readBackValue.trimmed()),
                                comparison.comparedWith().join(tr(" or "))));
    }
    return Done{};
}

QList<CriticalParameter> criticalValuesOf(const QList<qint64> &reportIds,
                                          const QList<CriticalReport> &reports)
{
    QList<CriticalParameter> values;
    for (const qint64 id : reportIds) {
        for (const CriticalReport &report : reports) {
            if (report.reportId == id)
                values << report.criticalParameters;
        }
    }
    return values;
}

// SPEC O3: a callout kept in an offline journal is replayed when the server is back; the
// time it was made must be a real one. A journal older than this is not an offline spell
// but a lost desk, and its callouts need a person's look, not a silent record.
constexpr qint64 maxMadeAtAgeDays = 90;

Status checkMadeAt(const QDateTime &madeAt, const QDateTime &now)
{
    if (!madeAt.isValid())
        return Done{};
    if (madeAt.secsTo(now) < -clockSkewSeconds) {
        return Failure::invalidInput(
            tr("The callout is dated %1, which is in the future.").arg(DeskTime::shown(madeAt)));
    }
    if (madeAt.daysTo(now) > maxMadeAtAgeDays) {
        return Failure::invalidInput(tr("The callout is dated %1, more than %2 days ago: it "
                                        "cannot be recorded as made then.")
                                         .arg(DeskTime::shown(madeAt))
                                         .arg(maxMadeAtAgeDays));
    }
    return Done{};
}

// SPEC U9: an attempt says whom it tried and how it went; a done callout reached someone.
Status checkAttempt(const CalloutRequest &request)
{
    if (!request.attempt)
        return Done{};
    if (!request.isAttempt()) {
        return refusal(Field::Attempt,
                       tr("Only an attempt has an outcome: a done callout reached someone."));
    }
    const PhoneCall &target = request.attempt->target;
    if (target.name.trimmed().isEmpty() && !target.party)
        return refusal(Field::Attempt, tr("Say whom you tried to reach."));
    if (target.readBack || !target.readBackValue.trimmed().isEmpty()
        || !target.readBackOverride.trimmed().isEmpty()) {
        return refusal(Field::Attempt, tr("An attempt reached no one, so nothing was read back."));
    }
    if (const PersonName name = PersonName::parse(target.name); !name.isValid()) {
        return refusal(Field::Attempt,
                       tr("The name of whom you tried (\"%1\") cannot be used: %2.")
                           .arg(shown(target.name), name.problemText()));
    }
    return Done{};
}

// At most one problem per part of the request, in the order the form shows the parts.
class ProblemList
{
public:
    void add(const Status &status)
    {
        if (status || has(status.failure().field))
            return;
        m_problems << status.failure();
    }
    bool has(const QString &field) const
    {
        return std::any_of(m_problems.cbegin(), m_problems.cend(),
                           [&field](const Failure &failure) { return failure.field == field; });
    }
    QList<Failure> list() const { return m_problems; }

private:
    QList<Failure> m_problems;
};

Status firstOf(const QList<Failure> &problems)
{
    if (problems.isEmpty())
        return Done{};
    return problems.first();
}

} // namespace

CalloutEngine::CalloutEngine(DatabaseConnection &connection)
    : m_connection(connection)
{ }

QList<Failure> CalloutEngine::requestProblems(const CalloutRequest &request)
{
    ProblemList problems;
    if (request.billId <= 0)
        problems.add(Failure::invalidInput(tr("The order id must be a positive whole number.")));
    if (!request.requestId.isEmpty() && !CalloutRequestLedger::isValidRequestId(request.requestId))
        problems.add(Failure::invalidInput(
            tr("The request id \"%1\" is not valid: use 1 to 100 letters, digits, dots, "
               "underscores, colons or dashes.")
                .arg(request.requestId.left(100))));
    if (request.reportIds.isEmpty())
        problems.add(refusal(Field::Reports, tr("Select at least one report for the callout.")));
    QSet<qint64> seen;
    for (const qint64 id : request.reportIds) {
        if (id <= 0)
            problems.add(refusal(Field::Reports, tr("Report id %1 is not a valid id.").arg(id)));
        else if (seen.contains(id))
            problems.add(refusal(Field::Reports, tr("Report %1 is selected twice.").arg(id)));
        seen.insert(id);
    }
    if (QSet<CommunicationMethod>(request.methods.begin(), request.methods.end()).size()
        != request.methods.size()) {
        problems.add(refusal(Field::Methods, tr("A communication method is chosen twice.")));
    }
    if (QSet<RecipientKind>(request.recipients.begin(), request.recipients.end()).size()
        != request.recipients.size()) {
        problems.add(refusal(Field::Recipients, tr("A recipient is chosen twice.")));
    }
    if (request.comment.size() > maxCommentLength) {
        problems.add(refusal(Field::Comment,
                             tr("The comment has %1 characters; at most %2 are allowed.")
                                 .arg(request.comment.size())
                                 .arg(maxCommentLength)));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    problems.add(checkMadeAt(request.madeAt, now));
    for (const PhoneCall &call : request.phoneCalls)
        problems.add(checkPhoneCall(call, now));
    problems.add(checkAttempt(request));
    if (!request.isAttempt()) {
        if (request.methods.isEmpty() && request.phoneCalls.isEmpty()) {
            problems.add(refusal(Field::Methods,
                                 tr("Choose how the result was communicated: a method, or a "
                                    "phone call already made.")));
        }
        if (request.recipients.isEmpty())
            problems.add(
                refusal(Field::Recipients, tr("Choose at least one recipient for the callout.")));
    }
    if (request.recipients.contains(RecipientKind::Other) && request.other.name.trimmed().isEmpty())
        problems.add(refusal(Field::Other, tr("Give the name of the other contact.")));
    problems.add(checkOtherContact(request.other));
    return problems.list();
}

Status CalloutEngine::checkRequest(const CalloutRequest &request)
{
    return firstOf(requestProblems(request));
}

QList<Failure> CalloutEngine::orderProblems(const CalloutRequest &request, const BillParties &bill,
                                            const NotificationSettings &settings,
                                            const QList<CriticalReport> &visible)
{
    ProblemList problems;
    QHash<qint64, const CriticalReport *> byId;
    for (const CriticalReport &report : visible)
        byId.insert(report.reportId, &report);

    QList<qint64> unknown;
    for (const qint64 id : request.reportIds) {
        const CriticalReport *report = byId.value(id);
        if (!report || report->criticalParameters.isEmpty())
            unknown << id;
    }
    if (!unknown.isEmpty()) {
        problems.add(refusal(Field::Reports,
                             tr("Order %1 has no critical report you may call out with id %2.")
                                 .arg(bill.labBillId, joinIds(unknown))));
    }
    for (auto it = request.expectedStatuses.cbegin(); it != request.expectedStatuses.cend(); ++it) {
        if (!byId.contains(it.key())) {
            problems.add(refusal(Field::Reports,
                                 tr("Order %1 has no callout report %2 to compare.")
                                     .arg(bill.labBillId)
                                     .arg(it.key())));
        }
    }

    for (const CommunicationMethod method : request.methods) {
        if (!settings.allows(method)) {
            problems.add(refusal(
                Field::Methods,
                tr("%1 is not enabled for this lab.").arg(CommunicationMethodInfo::label(method))));
        }
    }
    if (settings.mandatoryComment() && request.comment.trimmed().isEmpty())
        problems.add(
            refusal(Field::Comment, tr("This lab requires a comment with every callout.")));
    if (request.attempt && request.attempt->target.party
        && !contactOf(*request.attempt->target.party, bill, request)) {
        problems.add(refusal(
            Field::Attempt,
            tr("Order %1 has no %2 to try.")
                .arg(bill.labBillId, RecipientKindInfo::noun(*request.attempt->target.party))));
    }
    const QList<CriticalParameter> criticalValues = criticalValuesOf(request.reportIds, visible);
    for (const PhoneCall &call : request.phoneCalls) {
        if (call.party && !contactOf(*call.party, bill, request)) {
            problems.add(refusal(Field::PhoneCalls,
                                 tr("Order %1 has no %2 to have called.")
                                     .arg(bill.labBillId, RecipientKindInfo::noun(*call.party))));
        }
        problems.add(checkReadBack(request, call, criticalValues));
    }

    for (const RecipientKind kind : request.recipients) {
        const std::optional<ContactDetails> contact = contactOf(kind, bill, request);
        if (!contact) {
            problems.add(refusal(Field::Recipients,
                                 tr("Order %1 has no %2 to notify.")
                                     .arg(bill.labBillId, RecipientKindInfo::noun(kind))));
            continue;
        }
        for (const CommunicationMethod method : request.methods) {
            // Only the other contact's details are typed in the dialog; a party of the
            // order is fixed there, so the choice of recipient is what to change.
            const Field field = kind == RecipientKind::Other ? Field::Other : Field::Recipients;
            if (addressFor(method, *contact).isEmpty()) {
                problems.add(refusal(field,
                                     tr("%1 (%2) has no %3, so %4 cannot reach them.")
                                         .arg(partyName(kind), contact->name, addressWord(method),
                                              CommunicationMethodInfo::label(method))));
                continue;
            }
            // SPEC C10: a party's contact comes from the order's records. A done callout
            // must not queue a message already known to be undeliverable, so the user
            // hears now, and can choose another recipient or have the record corrected.
            if (const QString problem = checkedAddress(method, *contact).problem;
                !problem.isEmpty()) {
                problems.add(refusal(
                    field,
                    tr("The %1 of %2 (%3) on record, \"%4\", cannot be used for %5: %6. Choose "
                       "another recipient, or have the %1 corrected in the order's records.")
                        .arg(addressWord(method), partyName(kind), shown(contact->name),
                             shown(addressFor(method, *contact)),
                             CommunicationMethodInfo::label(method), problem)));
            }
        }
    }
    return problems.list();
}

Status CalloutEngine::checkAgainstOrder(const CalloutRequest &request, const BillParties &bill,
                                        const NotificationSettings &settings,
                                        const QList<CriticalReport> &visible)
{
    return firstOf(orderProblems(request, bill, settings, visible));
}

QList<Failure> CalloutEngine::problems(const CalloutRequest &request, const BillRecords &order)
{
    QList<Failure> all = requestProblems(request);
    const auto known = [&all](const Failure &failure) {
        return std::any_of(all.cbegin(), all.cend(),
                           [&failure](const Failure &seen) { return seen.field == failure.field; });
    };
    for (const Failure &failure :
         orderProblems(request, order.bill, order.settings, order.reports)) {
        if (!known(failure))
            all << failure;
    }
    return all;
}

// SPEC C6: a report the caller saw awaiting a callout that has since left the callout
// (another desk set it normal, dismissed it…) makes the request stale, not wrong. Only
// reports of this order the session may see count: any other id stays unknown (V1).
// This runs only when such a report is missing, so a callout's statement count holds.
Status CalloutEngine::checkNoneLeftTheCallout(const SessionScope &scope,
                                              const CalloutRequest &request,
                                              const BillParties &bill,
                                              const QList<CriticalReport> &visible)
{
    QSet<qint64> shown;
    for (const CriticalReport &report : visible)
        shown.insert(report.reportId);
    QVariantList missing;
    for (auto it = request.expectedStatuses.cbegin(); it != request.expectedStatuses.cend(); ++it)
        if (CriticalStatusInfo::isCalloutStatus(it.value()) && !shown.contains(it.key()))
            missing << it.key();
    if (missing.isEmpty())
        return Done{};

    const VisibilityClause visibility = VisibilityClause::forReports(scope);
    auto query = m_connection.run(
        tr("Reading the order's reports"),
        u"SELECT r.id, t.name FROM report r JOIN lab_test t ON t.id = r.lab_test_id "
        "JOIN bill b ON b.id = r.bill_id WHERE r.bill_id = ? AND r.id IN (%1) AND %2 "
        "ORDER BY r.id"_s.arg(SqlDialect::placeholders(missing.size()), visibility.sql),
        QVariantList{bill.billId} + missing + visibility.values);
    if (!query)
        return query.failure();
    QStringList left;
    while (query.value().next())
        left << tr("%1 (report %2) no longer awaits a callout")
                    .arg(query.value().value(1).toString())
                    .arg(query.value().value(0).toLongLong());
    if (left.isEmpty())
        return Done{};
    return Failure::conflict(
        tr("Order %1 changed since it was opened: %2. Reopen it to see the current state.")
            .arg(bill.labBillId, left.join(u"; "_s)));
}

Result<CalloutOutcome> CalloutEngine::submit(const SessionScope &scope,
                                             const CalloutRequest &request)
{
    if (!scope.isValid())
        return Failure::invalidInput(tr("No user is signed in."));
    if (const Status checked = checkRequest(request); !checked)
        return checked.failure();

    Stage stage = Stage::BeforeCommit;
    Result<CalloutOutcome> recorded = record(scope, request, stage);
    if (recorded || request.requestId.isEmpty())
        return recorded;
    return answerByRequestId(scope, request, stage, recorded.failure());
}

// SPEC C9. A submission that failed may have failed because its request id was recorded
// already (a repeat: the reports moved on, or the unique index refused the second
// record); then the first outcome is the answer. One whose COMMIT got no answer may have
// committed: only the database can say, so ask it, on a new connection if this one is gone.
Result<CalloutOutcome> CalloutEngine::answerByRequestId(const SessionScope &scope,
                                                        const CalloutRequest &request, Stage stage,
                                                        const Failure &failure)
{
    auto found = CalloutRequestLedger(m_connection).find(scope.labId(), request.requestId);
    bool connectionLost = false;
    std::unique_ptr<DatabaseConnection> reconnected;
    if (!found && stage == Stage::Commit) {
        connectionLost = true;
        auto opened = m_connection.openAnother(u"request-check"_s);
        if (opened) {
            reconnected = std::move(opened.value());
            found = CalloutRequestLedger(*reconnected).find(scope.labId(), request.requestId);
        }
    }
    if (!found) {
        if (!connectionLost)
            return failure;
        return Failure::unavailable(
            tr("The connection to the database was lost while the callout was being saved, "
               "and the database cannot be asked now whether it was saved (%1). Submitting it "
               "again with the same request id, %2, is safe: it is recorded only once.")
                .arg(found.failure().message, request.requestId));
    }
    if (!found.value()) {
        if (!connectionLost)
            return failure;
        return Failure::unavailable(
            tr("The connection to the database was lost while the callout was being saved. "
               "The database confirms that it was not saved: nothing was recorded. Submit it "
               "again."));
    }
    CalloutOutcome outcome = *found.value();
    if (stage == Stage::Commit)
        outcome.confirmedAfterLostConnection = true;
    else
        outcome.alreadyRecorded = true;
    return outcome;
}

Result<CalloutOutcome> CalloutEngine::record(const SessionScope &scope,
                                             const CalloutRequest &request, Stage &stage)
{
    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();

    // Reads, under the order's lock: what is checked is what is changed (SPEC C5, C6).
    auto bill = BillReader(m_connection).read(scope, request.billId, BillReader::Lock::ForUpdate);
    if (!bill)
        return bill.failure();
    const BillParties &parties = bill.value().parties;
    auto visible = CriticalReportReader(m_connection).read(scope, parties, true);
    if (!visible)
        return visible.failure();
    if (const Status stale = checkNoneLeftTheCallout(scope, request, parties, visible.value());
        !stale) {
        return stale.failure();
    }
    if (const Status checked
        = checkAgainstOrder(request, parties, bill.value().settings, visible.value());
        !checked) {
        return checked.failure();
    }

    // SPEC C6: refuse when a report is no longer as the caller saw it.
    QStringList changed;
    for (const CriticalReport &report : visible.value()) {
        const auto expected = request.expectedStatuses.constFind(report.reportId);
        if (expected != request.expectedStatuses.cend() && *expected != report.status) {
            changed << tr("%1 (report %2) is now %3, not %4")
                           .arg(report.testName)
                           .arg(report.reportId)
                           .arg(CriticalStatusInfo::label(report.status),
                                CriticalStatusInfo::label(*expected));
        }
    }
    if (!changed.isEmpty()) {
        return Failure::conflict(
            tr("Order %1 changed since it was opened: %2. Reopen it to see the current state.")
                .arg(parties.labBillId, changed.join(u"; "_s)));
    }

    // SPEC C2: the selection moves to Done or Attempted; unselected attempts go back to
    // Pending. Selected reports are kept in the order of the request.
    QList<CriticalReport> selected;
    for (const qint64 id : request.reportIds) {
        for (const CriticalReport &report : visible.value()) {
            if (report.reportId == id)
                selected << report;
        }
    }
    // SPEC C9: the same done callout sent twice (a script run again, a retried command)
    // must not record a second callout nor send a second message.
    if (!request.isAttempt() && !request.furtherCommunication
        && std::all_of(selected.cbegin(), selected.cend(), [](const CriticalReport &report) {
               return report.status == CriticalStatus::CalloutDone;
           })) {
        QStringList names;
        for (const CriticalReport &report : std::as_const(selected))
            names << tr("%1 (report %2)").arg(report.testName).arg(report.reportId);
        return Failure::conflict(
                   tr("Order %1: %2 already Done, so nothing was written: this looks like a "
                      "repeat of that callout. To record a further communication about them, "
                      "submit it with a new request id.")
                       .arg(parties.labBillId, names.join(u", "_s)))
            .about(CalloutRequest::fieldKey(Field::Reports));
    }

    const CriticalStatus target
        = request.isAttempt() ? CriticalStatus::CalloutAttempted : CriticalStatus::CalloutDone;
    CalloutOutcome outcome;
    outcome.requestId = request.requestId;
    for (const CriticalReport &report : visible.value()) {
        if (request.reportIds.contains(report.reportId))
            outcome.transitions.append({report.reportId, report.status, target});
        else if (report.status == CriticalStatus::CalloutAttempted)
            outcome.transitions.append(
                {report.reportId, report.status, CriticalStatus::CalloutPending});
    }

    // A call or an attempt that names a party of the order without a name reached or
    // tried that party's name, as the order has it now.
    CalloutRequest resolved = request;
    // A time is recorded in one form, ISO 8601 with the offset, whatever form it came in.
    const auto resolve = [&](PhoneCall &call) {
        if (call.party && call.name.trimmed().isEmpty())
            call.name = contactOf(*call.party, parties, request)->name.trimmed();
        if (const QDateTime when = call.when(); when.isValid())
            call.at = DeskTime::exported(when);
    };
    // SPEC T4: whether a value read back matched is what the server found, whatever the
    // caller said.
    const QList<CriticalParameter> criticalValues = criticalValuesOf(request.reportIds, selected);
    for (PhoneCall &call : resolved.phoneCalls) {
        resolve(call);
        const ReadBackComparison comparison
            = ReadBackComparison::compare(call.readBackValue, criticalValues);
        call.readBackMatches
            = comparison.compared() ? std::optional<bool>(comparison.matches()) : std::nullopt;
    }
    if (resolved.attempt)
        resolve(resolved.attempt->target);
    const ActivityEntry activity(resolved, parties, selected, scope.userName());
    const QString activityText = activity.text();

    // SPEC C3: one row per report when done; one bill-level row for an attempt.
    const QJsonObject meta = activity.calloutMeta();

    // A null QString binds as SQL NULL; no comment is an empty one in the audit table.
    QString comment = request.comment.trimmed();
    if (comment.isNull())
        comment = u""_s;
    CalloutWritePlan plan;
    plan.labId = scope.labId();
    plan.billId = request.billId;
    // SPEC C12: the actor's kind decides the column; ids of the two kinds never mix.
    plan.labUserId = scope.isDoctor() ? QVariant() : QVariant(scope.userId());
    plan.doctorId = scope.isDoctor() ? QVariant(scope.userId()) : QVariant();
    const QList<CriticalReport> rows
        = request.isAttempt() ? QList<CriticalReport>{selected.first()} : selected;
    // Every row of one callout carries the same meta: serialise it once (a 200-report
    // callout spent more time here than in its SQL).
    const QString metaText = jsonText(meta);
    for (const CriticalReport &report : rows) {
        QJsonArray parameters;
        for (const CriticalParameter &parameter : report.criticalParameters)
            parameters.append(parameter.toJson());
        CalloutWritePlan::AuditRow row{request.isAttempt() ? QVariant() : QVariant(report.reportId),
                                       request.isAttempt(),
                                       CriticalStatusInfo::toInt(target),
                                       comment,
                                       metaText,
                                       jsonText(parameters),
                                       plan.labUserId,
                                       plan.doctorId,
                                       {},
                                       {},
                                       {}};
        if (const std::optional<CalloutAttempt> &attempt = resolved.attempt) {
            row.attemptOutcome = AttemptOutcomeInfo::key(attempt->outcome);
            row.attemptTarget = attempt->target.name.trimmed();
            if (attempt->target.party)
                row.attemptParty = RecipientKindInfo::key(*attempt->target.party);
        }
        plan.auditRows.append(row);
    }
    for (const CriticalReport &report : std::as_const(selected))
        plan.selectedReportIds << report.reportId;
    plan.targetStatus = CriticalStatusInfo::toInt(target);
    plan.isAttempt = request.isAttempt();
    plan.activityReportId = selected.first().reportId;
    plan.userName = scope.userName();
    plan.sessionToken = scope.sessionToken();
    plan.activityText = activityText;
    plan.dumpedJson = jsonText(activity.dumpedJson());

    // SPEC N1–N3: a done callout queues its messages; a later send failure loses nothing.
    if (!request.isAttempt()) {
        QJsonArray reportIds;
        for (const CriticalReport &report : selected)
            reportIds.append(report.reportId);
        for (const CommunicationMethod method : request.methods) {
            for (const RecipientKind kind : request.recipients) {
                const ContactDetails contact = *contactOf(kind, parties, request);
                const QJsonObject payload{{u"bill_id"_s, request.billId},
                                          {u"lab_bill_id"_s, parties.labBillId},
                                          {u"lab_report_ids"_s, reportIds},
                                          {u"recipient_name"_s, contact.name}};
                plan.notifications.append(
                    {CommunicationMethodInfo::key(method), RecipientKindInfo::key(kind),
                     checkedAddress(method, contact).deliverable, jsonText(payload)});
            }
        }
    }

    outcome.notificationsQueued = int(plan.notifications.size());
    plan.requestId = request.requestId;
    plan.madeAt = request.madeAt;
    plan.requestOutcome = jsonText(CalloutRequestLedger::outcomeJson(request, outcome));

    // SPEC C4, C5, E3: draft out, then every row in, in this one transaction.
    const auto written = CalloutWriter(m_connection).write(plan);
    if (!written)
        return written.failure();
    outcome.replacedDraft = written.value().replacedDraft;
    outcome.auditRowIds = written.value().auditRowIds;
    outcome.activityLogId = written.value().activityLogId;

    stage = Stage::Commit;
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return outcome;
}

} // namespace calloutdesk
