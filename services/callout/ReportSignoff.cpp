#include "ReportSignoff.h"

#include "BillReader.h"
#include "CalloutHistoryReader.h"
#include "VisibilityClause.h"
#include "models/AlwaysNotifyRule.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReportSignoff", text);
}

} // namespace

ReportSignoff::ReportSignoff(DatabaseConnection &connection)
    : m_connection(connection)
{ }

QString ReportSignoff::doneCountSql(const QString &reportId)
{
    return u"(SELECT COUNT(*) FROM critical_callout c WHERE c.lab_report_id = %1 "
           "AND NOT c.is_draft)"_s.arg(reportId);
}

Status ReportSignoff::perform(const SessionScope &scope, qint64 reportId, Action action)
{
    if (action == Action::Approve && !scope.isDoctor() && scope.kind() != SessionKind::Support)
        return Failure::invalidInput(tr("Only a doctor or a support login can approve reports."));

    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();

    const VisibilityClause visible = VisibilityClause::forReports(scope);
    const QString unknown
        = tr("Report %1 is not a report of your lab that you may see.").arg(reportId);
    qint64 billId = 0;
    {
        auto order = m_connection.run(
            tr("Finding the report's order"),
            u"SELECT r.bill_id FROM report r JOIN lab_test t ON t.id = r.lab_test_id "
            "JOIN bill b ON b.id = r.bill_id WHERE r.id = ? AND r.lab_id = ? "
            "AND NOT r.dismissed AND %1"_s.arg(visible.sql),
            QVariantList{reportId, scope.labId()} + visible.values);
        if (!order)
            return order.failure();
        if (!order.value().next())
            return Failure::invalidInput(unknown);
        billId = order.value().value(0).toLongLong();
    }
    // Under the order's lock nothing can add or remove a callout while this decides.
    auto bill = BillReader(m_connection).read(scope, billId, BillReader::Lock::ForUpdate);
    if (!bill)
        return bill.failure();

    OrderOverview::Report report;
    {
        auto state = m_connection.run(
            tr("Reading the report"),
            u"SELECT r.completed, r.critical_values, r.is_signed, r.is_approved, %1, t.name, %2 "
            "FROM report r JOIN lab_test t ON t.id = r.lab_test_id WHERE r.id = ?"_s.arg(
                CalloutHistoryReader::countSql(u"r.id"_s), doneCountSql(u"r.id"_s)),
            {reportId});
        if (!state)
            return state.failure();
        if (!state.value().next())
            return Failure::invalidInput(unknown);
        const QSqlQuery &row = state.value();
        report.reportId = reportId;
        report.completed = row.value(0).toBool();
        report.status
            = CriticalStatusInfo::fromInt(row.value(1).toInt()).value_or(CriticalStatus::Normal);
        report.isSigned = row.value(2).toBool();
        report.isApproved = row.value(3).toBool();
        report.calloutHistoryCount = row.value(4).toInt();
        report.testName = row.value(5).toString();
        report.doneCalloutCount = row.value(6).toInt();
    }

    if (action == Action::Sign) {
        if (!report.completed)
            return Failure::invalidInput(
                tr("%1 cannot be signed: not all of its values are entered.").arg(report.testName));
        if (report.isSigned)
            return Failure::conflict(tr("%1 is already signed.").arg(report.testName));
    } else {
        if (!report.isSigned)
            return Failure::invalidInput(
                tr("%1 cannot be approved before it is signed.").arg(report.testName));
        if (report.isApproved)
            return Failure::conflict(tr("%1 is already approved.").arg(report.testName));
    }
    // A refusal by rule, not a change by someone else: what is asked for cannot be done
    // until a callout is saved, so asking again unchanged cannot succeed.
    if (AlwaysNotifyRule::calloutRequired(bill.value().settings, report)) {
        if (bill.value().settings.gateRequiresDone())
            return Failure::invalidInput(
                tr("%1 has a critical result and this lab calls out every one: save a done "
                   "callout before it is signed or approved; an attempt is not enough.")
                    .arg(report.testName));
        return Failure::invalidInput(
            tr("%1 has a critical result and this lab calls out every one: save a callout "
               "before it is signed or approved.")
                .arg(report.testName));
    }

    const SqlDialect dialect(m_connection);
    const QString column = action == Action::Sign ? u"is_signed"_s : u"is_approved"_s;
    auto updated = m_connection.run(
        action == Action::Sign ? tr("Signing the report") : tr("Approving the report"),
        u"UPDATE report SET %1 = ?, last_updated = %2 WHERE id = ?"_s.arg(
            column, dialect.currentTimestamp()),
        {true, reportId});
    if (!updated)
        return updated.failure();
    // A4: who signed or approved, when, and what it means, kept apart from the flag. On
    // PostgreSQL the database puts the login's person in it, whatever is sent here.
    auto signature = m_connection.run(
        tr("Recording the signature"),
        u"INSERT INTO report_signature (lab_id, report_id, meaning, lab_user_id, doctor_id) "
        "VALUES (?, ?, ?, ?, ?)"_s,
        {scope.labId(), reportId, action == Action::Sign ? u"signed"_s : u"approved"_s,
         scope.isDoctor() ? QVariant() : QVariant(scope.userId()),
         scope.isDoctor() ? QVariant(scope.userId()) : QVariant()});
    if (!signature)
        return signature.failure();
    // The index carries the report's state too (E4): queue it in the same transaction.
    auto queued = m_connection.run(
        tr("Queueing the order for the search index"),
        u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (?, 'bill', ?)"_s,
        {scope.labId(), billId});
    if (!queued)
        return queued.failure();
    return transaction.commit();
}

} // namespace calloutdesk
