#include "ActivityEntry.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ActivityEntry::ActivityEntry(const CalloutRequest &request, const BillParties &bill,
                             const QList<CriticalReport> &selected, const QString &performedBy)
    : m_request(request)
    , m_bill(bill)
    , m_selected(selected)
    , m_performedBy(performedBy)
{ }

QString ActivityEntry::methodText() const
{
    QStringList methods;
    for (const CommunicationMethod method : m_request.methods)
        methods << CommunicationMethodInfo::label(method);
    if (!m_request.phoneCalls.isEmpty())
        methods << u"Phone call"_s;
    return methods.isEmpty() ? u"-"_s : methods.join(u", "_s);
}

QString ActivityEntry::recipientText() const
{
    QStringList recipients;
    for (const RecipientKind kind : m_request.recipients)
        recipients << RecipientKindInfo::label(kind);
    return recipients.isEmpty() ? u"-"_s : recipients.join(u", "_s);
}

QString ActivityEntry::callText() const
{
    QStringList calls;
    for (const PhoneCall &call : m_request.phoneCalls) {
        // SPEC T4: "(nurse, read back 7.2 — matches)" after whom and when.
        const QString readBack = call.readBackText();
        calls << (readBack.isEmpty()
                      ? u"%1 at %2"_s.arg(call.who(), call.at.trimmed())
                      : u"%1 at %2 (%3)"_s.arg(call.who(), call.at.trimmed(), readBack));
    }
    return calls.join(u"; "_s);
}

QString ActivityEntry::attemptText() const
{
    if (!m_request.attempt)
        return {};
    return u"Tried - %1, Outcome - %2"_s.arg(m_request.attempt->target.who(),
                                             AttemptOutcomeInfo::label(m_request.attempt->outcome));
}

QString ActivityEntry::text() const
{
    QStringList tests;
    for (const CriticalReport &report : m_selected)
        tests << report.testName;
    const QString comment = m_request.comment.trimmed();
    QStringList parts{
        u"%1 by - %2"_s.arg(m_request.isAttempt() ? u"Callout Attempted"_s : u"Callout done"_s,
                            m_performedBy),
        u"Callout for - %1"_s.arg(tests.join(u", "_s))};
    // SPEC U9: an attempt with an outcome sent nothing; it says whom it tried and how it
    // went instead of methods and recipients it did not use.
    if (m_request.attempt) {
        parts << attemptText();
    } else {
        parts << u"Method - %1"_s.arg(methodText()) << u"Recipients - %1"_s.arg(recipientText());
    }
    // SPEC U10: whom a call reached and when is the evidence of the callout.
    if (!m_request.phoneCalls.isEmpty())
        parts << u"Spoke with - %1"_s.arg(callText());
    // Last: the comment is free text and may hold anything, commas included.
    parts << u"Comment - %1"_s.arg(comment.isEmpty() ? u"-"_s : comment);
    return parts.join(u", "_s);
}

QJsonArray ActivityEntry::callsJson() const
{
    QJsonArray calls;
    for (const PhoneCall &call : m_request.phoneCalls)
        calls.append(call.toJson());
    return calls;
}

QJsonObject ActivityEntry::dumpedJson() const
{
    QJsonArray reportIds;
    QJsonArray tests;
    for (const CriticalReport &report : m_selected) {
        reportIds.append(report.reportId);
        tests.append(report.testName);
    }
    const ContactDetails none;
    const ContactDetails &organization = m_bill.organization ? *m_bill.organization : none;
    const ContactDetails &referral = m_bill.referral ? *m_bill.referral : none;
    QJsonObject json{
        {u"bill_id"_s, m_bill.billId},
        {u"lab_report_ids"_s, reportIds},
        {u"callout_for"_s, tests},
        {u"method"_s, methodText()},
        {u"callout_done_by"_s, m_performedBy},
        {u"recipients"_s, recipientText()},
        {u"comment"_s, m_request.comment.trimmed()},
        {u"organization"_s,
         QJsonObject{{u"name"_s, organization.name},
                     {u"email"_s, organization.email},
                     {u"fax"_s, organization.fax}}},
        {u"referral"_s,
         QJsonObject{
             {u"name"_s, referral.name}, {u"email"_s, referral.email}, {u"fax"_s, referral.fax}}},
        {u"patient"_s,
         QJsonObject{{u"name"_s, m_bill.patient.name},
                     {u"email"_s, m_bill.patient.email},
                     {u"contact"_s, m_bill.patient.contactNumber}}},
        {u"other"_s, m_request.other.toJson()},
        {u"calls"_s, callsJson()},
    };
    if (m_request.isAttempt())
        json.insert(u"is_draft"_s, true);
    if (m_request.attempt)
        json.insert(u"attempt"_s, m_request.attempt->toJson());
    return json;
}

QJsonObject ActivityEntry::calloutMeta() const
{
    QJsonArray methods;
    for (const CommunicationMethod method : m_request.methods)
        methods.append(CommunicationMethodInfo::label(method));
    QJsonArray recipients;
    for (const RecipientKind kind : m_request.recipients)
        recipients.append(RecipientKindInfo::label(kind));
    QJsonObject meta{{u"communication_methods"_s, methods},
                     {u"recipients"_s, recipients},
                     {u"notify_to_others"_s,
                      m_request.recipients.contains(RecipientKind::Other) ? m_request.other.toJson()
                                                                          : QJsonObject()},
                     {u"already_notified"_s, QJsonObject{{u"call"_s, callsJson()}}},
                     {u"log_message"_s, text()}};
    if (m_request.isAttempt()) {
        // callout_for (tests) is the seeds' pre-selection; lab_report_ids names the exact
        // reports the draft keeps Attempted, which the database checks (C11).
        QJsonArray calloutFor;
        QJsonArray reportIds;
        for (const CriticalReport &report : m_selected) {
            calloutFor.append(report.testId);
            reportIds.append(report.reportId);
        }
        meta.insert(u"callout_for"_s, calloutFor);
        meta.insert(u"lab_report_ids"_s, reportIds);
        if (m_request.attempt)
            meta.insert(u"attempt"_s, m_request.attempt->toJson());
    }
    return meta;
}

} // namespace calloutdesk
