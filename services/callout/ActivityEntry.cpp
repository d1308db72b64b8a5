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

QString ActivityEntry::text() const
{
    QStringList tests;
    for (const CriticalReport &report : m_selected)
        tests << report.testName;
    const QString comment = m_request.comment.trimmed();
    return u"%1 by - %2, Callout for - %3, Method - %4, Recipients - %5, Comment - %6"_s.arg(
        m_request.isAttempt() ? u"Callout Attempted"_s : u"Callout done"_s, m_performedBy,
        tests.join(u", "_s), methodText(), recipientText(), comment.isEmpty() ? u"-"_s : comment);
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
    };
    if (m_request.isAttempt())
        json.insert(u"is_draft"_s, true);
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
    QJsonArray calls;
    for (const PhoneCall &call : m_request.phoneCalls)
        calls.append(QJsonObject{{u"name"_s, call.name.trimmed()}, {u"at"_s, call.at.trimmed()}});
    QJsonObject meta{{u"communication_methods"_s, methods},
                     {u"recipients"_s, recipients},
                     {u"notify_to_others"_s,
                      m_request.recipients.contains(RecipientKind::Other) ? m_request.other.toJson()
                                                                          : QJsonObject()},
                     {u"already_notified"_s, QJsonObject{{u"call"_s, calls}}},
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
    }
    return meta;
}

} // namespace calloutdesk
