#include "OfflineJournal.h"

#include "models/CalloutRequestJson.h"
#include "services/JsonText.h"
#include "services/callout/CalloutEngine.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlRecord>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OfflineJournal", text);
}

constexpr int maxReasonLength = 2000;

// The cache stores times as the SQLite engine does: UTC, ISO 8601 with milliseconds.
QString cacheTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QString nowText()
{
    return cacheTime(QDateTime::currentDateTimeUtc());
}

const QString columns
    = u"id, lab_id, request, made_by, made_at, state, attempts, last_error, activity_log_id, "
      "resolution, resolution_reason, resolved_by, resolved_on, resolved_into, order_number, "
      "patient_name"_s;

} // namespace

OutboxQueue::Table OfflineJournal::table()
{
    return {u"offline_journal"_s, u"sending"_s, u"applied"_s, u"applied_on"_s, QString()};
}

OfflineJournal::OfflineJournal(DatabaseConnection &cache)
    : m_cache(cache)
{ }

OutboxQueue OfflineJournal::queue() const
{
    return OutboxQueue(m_cache, table());
}

QString OfflineJournal::claimColumns()
{
    return columns;
}

Result<qint64> OfflineJournal::record(const SessionScope &scope, CalloutRequest request,
                                      const BillParties &order)
{
    return insert(scope, std::move(request), order.labBillId, order.patient.name);
}

Result<qint64> OfflineJournal::insert(const SessionScope &scope, CalloutRequest request,
                                      const QString &orderNumber, const QString &patientName)
{
    if (!scope.isValid())
        return Failure::invalidInput(tr("No user is signed in."));
    if (request.requestId.isEmpty()) {
        return Failure::invalidInput(
            tr("A callout kept offline needs the request id made when Save was pressed, so "
               "that it is recorded once."));
    }
    if (!request.madeAt.isValid())
        request.madeAt = QDateTime::currentDateTimeUtc();
    // What the server would refuse whatever the order holds is refused now, while the
    // person is at the form; the rest is the server's to judge.
    if (const QList<Failure> problems = CalloutEngine::requestProblems(request);
        !problems.isEmpty()) {
        return problems.first();
    }
    auto known
        = m_cache.run(tr("Reading the offline journal"),
                      u"SELECT 1 FROM offline_journal WHERE request_id = ?"_s, {request.requestId});
    if (!known)
        return known.failure();
    if (known.value().next()) {
        return Failure::conflict(tr("The offline journal already holds the callout with the "
                                    "request id %1: it is recorded once.")
                                     .arg(request.requestId));
    }
    known.value().finish();
    auto inserted = m_cache.run(
        tr("Keeping the callout in the offline journal"),
        u"INSERT INTO offline_journal (lab_id, request_id, request, bill_id, made_by, made_at, "
        "order_number, patient_name) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, ''), COALESCE(?, '')) "
        "RETURNING id"_s,
        {scope.labId(), request.requestId, jsonText(CalloutRequestJson::toJson(request)),
         request.billId, scope.userName(), cacheTime(request.madeAt), orderNumber, patientName});
    if (!inserted)
        return inserted.failure();
    if (!inserted.value().next())
        return Failure::internal(tr("The offline journal gave no id back."));
    const qint64 id = inserted.value().value(0).toLongLong();
    inserted.value().finish();
    return id;
}

OfflineJournal::Entry OfflineJournal::entryOf(const QSqlRecord &record)
{
    Entry entry;
    entry.id = record.value(u"id"_s).toLongLong();
    const auto request = CalloutRequestJson::fromJson(
        QJsonDocument::fromJson(record.value(u"request"_s).toString().toUtf8()).object());
    if (request) {
        entry.request = *request;
    } else {
        entry.unreadable
            = tr("Offline journal entry %1 cannot be read: it was not written by this program.")
                  .arg(entry.id);
    }
    entry.labId = record.value(u"lab_id"_s).toLongLong();
    entry.madeBy = record.value(u"made_by"_s).toString();
    entry.madeAt = record.value(u"made_at"_s).toDateTime();
    entry.state = record.value(u"state"_s).toString();
    entry.attempts = record.value(u"attempts"_s).toInt();
    entry.lastError = record.value(u"last_error"_s).toString();
    entry.activityLogId = record.value(u"activity_log_id"_s).toLongLong();
    entry.resolution = record.value(u"resolution"_s).toString();
    entry.resolutionReason = record.value(u"resolution_reason"_s).toString();
    entry.resolvedBy = record.value(u"resolved_by"_s).toString();
    entry.resolvedOn = record.value(u"resolved_on"_s).toDateTime();
    entry.resolvedInto = record.value(u"resolved_into"_s).toLongLong();
    entry.orderNumber = record.value(u"order_number"_s).toString();
    entry.patientName = record.value(u"patient_name"_s).toString();
    return entry;
}

Result<QList<OfflineJournal::Entry>> OfflineJournal::read(const QString &where,
                                                          const QVariantList &values)
{
    auto query = m_cache.run(
        tr("Reading the offline journal"),
        u"SELECT %1 FROM offline_journal WHERE %2 ORDER BY id"_s.arg(columns, where), values);
    if (!query)
        return query.failure();
    QList<Entry> entries;
    while (query.value().next())
        entries << entryOf(query.value().record());
    return entries;
}

Result<QList<OfflineJournal::Entry>> OfflineJournal::entries()
{
    return read(u"1 = 1"_s, {});
}

Result<QList<OfflineJournal::Entry>> OfflineJournal::needsAttention()
{
    return read(u"state = 'failed'"_s, {});
}

Result<OfflineJournal::Entry> OfflineJournal::unresolved(qint64 id)
{
    auto found = read(u"id = ?"_s, {id});
    if (!found)
        return found.failure();
    if (found.value().isEmpty())
        return Failure::invalidInput(tr("The offline journal has no entry %1.").arg(id));
    const Entry &entry = found.value().first();
    if (!entry.needsAttention()) {
        return Failure::conflict(
            tr("Offline journal entry %1 does not need attention (it is %2).")
                .arg(id)
                .arg(entry.state == u"resolved" ? tr("resolved already") : entry.state));
    }
    return entry;
}

Result<qint64> OfflineJournal::recordAgain(qint64 id, const SessionScope &scope)
{
    if (!scope.isValid())
        return Failure::invalidInput(tr("No user is signed in."));
    WriteTransaction transaction(m_cache);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    auto entry = unresolved(id);
    if (!entry)
        return entry.failure();
    if (!entry.value().unreadable.isEmpty())
        return Failure::invalidInput(entry.value().unreadable + u' '
                                     + tr("Discard it with a reason."));
    if (entry.value().request.isAttempt()) {
        // An attempt moves its reports to Attempted: on reports that moved on since, that
        // would undo what another desk recorded.
        return Failure::invalidInput(
            tr("Offline journal entry %1 is an attempt that reached nobody; it cannot be "
               "recorded on reports that changed since. Discard it with a reason.")
                .arg(id));
    }
    // The same call, on the reports as they are now, made when it was made; a new
    // submission, so a new request id (C9).
    CalloutRequest again = entry.value().request;
    again.furtherCommunication = true;
    again.expectedStatuses.clear();
    again.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto added = insert(scope, again, entry.value().orderNumber, entry.value().patientName);
    if (!added)
        return added.failure();
    auto resolved = m_cache.run(
        tr("Resolving the offline journal entry"),
        u"UPDATE offline_journal SET state = 'resolved', resolution = 'recorded_again', "
        "resolved_by = ?, resolved_on = ?, resolved_into = ?, claimed_until = NULL "
        "WHERE id = ? AND state = 'failed'"_s,
        {scope.userName(), nowText(), added.value(), id});
    if (!resolved)
        return resolved.failure();
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return added.value();
}

Status OfflineJournal::discard(qint64 id, const QString &reason, const SessionScope &scope)
{
    if (!scope.isValid())
        return Failure::invalidInput(tr("No user is signed in."));
    const QString why = reason.trimmed();
    if (why.isEmpty())
        return Failure::invalidInput(tr("Say why the callout is discarded: the reason is kept."));
    if (why.size() > maxReasonLength) {
        return Failure::invalidInput(tr("The reason has %1 characters; at most %2 are allowed.")
                                         .arg(why.size())
                                         .arg(maxReasonLength));
    }
    WriteTransaction transaction(m_cache);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    if (auto entry = unresolved(id); !entry)
        return entry.failure();
    auto discarded = m_cache.run(
        tr("Discarding the offline journal entry"),
        u"UPDATE offline_journal SET state = 'resolved', resolution = 'discarded', "
        "resolution_reason = ?, resolved_by = ?, resolved_on = ?, claimed_until = NULL "
        "WHERE id = ? AND state = 'failed'"_s,
        {why, scope.userName(), nowText(), id});
    if (!discarded)
        return discarded.failure();
    return transaction.commit();
}

Result<bool> OfflineJournal::hasOpenEntryBefore(qint64 id)
{
    auto open = m_cache.run(tr("Reading the offline journal"),
                            u"SELECT EXISTS (SELECT 1 FROM offline_journal WHERE id < ? "
                            "AND state IN ('pending', 'sending'))"_s,
                            {id});
    if (!open)
        return open.failure();
    return open.value().next() && open.value().value(0).toBool();
}

Result<bool> OfflineJournal::markApplied(qint64 id, qint64 activityLogId, const QString &worker)
{
    WriteTransaction transaction(m_cache);
    if (const Status begun = transaction.begin(); !begun)
        return begun.failure();
    auto linked = m_cache.run(tr("Recording the offline callout as applied"),
                              u"UPDATE offline_journal SET activity_log_id = ? WHERE id = ? "
                              "AND state = 'sending' AND claimed_by = ?"_s,
                              {activityLogId, id, worker});
    if (!linked)
        return linked.failure();
    auto done = queue().complete({id}, worker);
    if (!done)
        return done.failure();
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return done.value() == 1;
}

} // namespace calloutdesk
