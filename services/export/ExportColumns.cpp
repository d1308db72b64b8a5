#include "ExportColumns.h"

#include "models/CriticalStatus.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QStringList texts(const QJsonArray &array)
{
    QStringList list;
    for (const QJsonValue value : array) {
        const QString text = value.toString().trimmed();
        if (!text.isEmpty())
            list << text;
    }
    return list;
}

} // namespace

QStringList ExportColumns::titles()
{
    return {
        tr("Order number"),      tr("Patient"),           tr("Test"),
        tr("Department"),        tr("Result time"),       tr("Callout Status"),
        tr("Latest callout at"), tr("Latest callout by"), tr("Recipients"),
        tr("Methods"),           tr("Comment"),           tr("Spoke with"),
        tr("Call time"),         tr("Read back"),         tr("Attempt"),
        tr("Made offline at"),
    };
}

QList<double> ExportColumns::widths()
{
    return {14, 28, 28, 18, 20, 14, 20, 22, 30, 22, 50, 30, 26, 40, 34, 20};
}

QString ExportColumns::performedBy(const AuditRow &row)
{
    return row.performedByDoctorName.isEmpty() ? row.performedByUserName
                                               : row.performedByDoctorName;
}

QString ExportColumns::recipients(const AuditRow &row)
{
    QStringList recipients = texts(row.criticalCalloutMeta.value(u"recipients"_s).toArray());
    // "Other" alone does not say who: the dialog's other contact is stored beside it.
    const QString other = row.criticalCalloutMeta.value(u"notify_to_others"_s)
                              .toObject()
                              .value(u"name"_s)
                              .toString()
                              .trimmed();
    if (!other.isEmpty()) {
        const qsizetype at = recipients.indexOf(u"Other"_s);
        const QString named = u"Other (%1)"_s.arg(other);
        if (at >= 0)
            recipients[at] = named;
        else
            recipients << named;
    }
    return recipients.join(u", "_s);
}

QString ExportColumns::methods(const AuditRow &row)
{
    QStringList methods
        = texts(row.criticalCalloutMeta.value(u"communication_methods"_s).toArray());
    // Calls already made are part of how the result was communicated, as the activity log
    // text says (ActivityEntry::methodText).
    const QJsonArray calls = row.criticalCalloutMeta.value(u"already_notified"_s)
                                 .toObject()
                                 .value(u"call"_s)
                                 .toArray();
    if (!calls.isEmpty())
        methods << u"Phone call"_s;
    return methods.join(u", "_s);
}

QList<PhoneCall> ExportColumns::calls(const AuditRow &row)
{
    QList<PhoneCall> calls;
    const QJsonArray stored = row.criticalCalloutMeta.value(u"already_notified"_s)
                                  .toObject()
                                  .value(u"call"_s)
                                  .toArray();
    for (const QJsonValue call : stored)
        calls << PhoneCall::fromJson(call.toObject());
    return calls;
}

QString ExportColumns::spokeWith(const AuditRow &row)
{
    QStringList names;
    for (const PhoneCall &call : calls(row))
        names << call.who();
    return names.join(u"; "_s);
}

QString ExportColumns::callTimes(const AuditRow &row)
{
    // SPEC U12: ISO 8601 with the offset; a time typed before calls had real times is
    // given as it was typed.
    QStringList times;
    for (const PhoneCall &call : calls(row))
        times << call.exportedTime();
    return times.join(u"; "_s);
}

QString ExportColumns::readBack(const AuditRow &row)
{
    // SPEC T4: one entry per call, in the order of "Spoke with"; a call recorded before
    // read-back was kept says it was not read back.
    QStringList calls;
    for (const PhoneCall &call : ExportColumns::calls(row)) {
        const QString text = call.readBackText();
        calls << (text.isEmpty() ? tr("not read back") : text);
    }
    return calls.join(u"; "_s);
}

QString ExportColumns::attempt(const AuditRow &row)
{
    if (!row.attempt)
        return {};
    return tr("%1 — tried %2")
        .arg(AttemptOutcomeInfo::label(row.attempt->outcome), row.attempt->target.who());
}

QList<ExportCell> ExportColumns::cells(const WorklistRow &row,
                                       const std::optional<AuditRow> &latest)
{
    QList<ExportCell> cells{
        ExportCell::fromText(row.labBillId),
        ExportCell::fromText(row.patientName),
        ExportCell::fromText(row.testName),
        ExportCell::fromText(row.departmentName),
        ExportCell::fromTime(row.resultOn),
        ExportCell::fromText(CriticalStatusInfo::label(row.status)),
    };
    if (!latest) {
        for (int i = 0; i < 9; ++i)
            cells << (i == 0 ? ExportCell::fromTime({}) : ExportCell::fromText({}));
        cells << ExportCell::fromTime({});
        return cells;
    }
    cells << ExportCell::fromTime(latest->createdOn) << ExportCell::fromText(performedBy(*latest))
          << ExportCell::fromText(recipients(*latest)) << ExportCell::fromText(methods(*latest))
          << ExportCell::fromText(latest->comment) << ExportCell::fromText(spokeWith(*latest))
          << ExportCell::fromText(callTimes(*latest)) << ExportCell::fromText(readBack(*latest))
          << ExportCell::fromText(attempt(*latest))
          // SPEC O3: "Latest callout at" is when the server received it; this is when it
          // was made, for a callout recorded offline.
          << ExportCell::fromTime(latest->madeAt);
    return cells;
}

} // namespace calloutdesk
