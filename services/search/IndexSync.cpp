#include "IndexSync.h"

#include "IndexClient.h"
#include "IndexDocumentReader.h"
#include "IndexSchema.h"
#include "SearchLog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IndexSync", text);
}

} // namespace

IndexSync::IndexSync(DatabaseConnection &connection, IndexClient &client, Options options)
    : m_connection(connection)
    , m_client(client)
    , m_options(std::move(options))
    , m_outbox(connection)
    , m_pruner(m_options.pruning)
{ }

QString IndexSync::indexOf(const IndexEndpoint &endpoint, const QJsonObject &document)
{
    return endpoint.labIndexName(document.value(u"labId"_s).toString().toLongLong());
}

void IndexSync::setAside(const IndexOutbox::Row &row, const QString &reason, bool refused,
                         Report &report)
{
    const auto saved = refused ? m_outbox.hold(row.id, m_options.worker, reason,
                                               m_options.refused.delayAfter(row.attempts))
                               : m_outbox.retryLater(row.id, m_options.worker, reason,
                                                     m_options.retry.delayAfter(row.attempts));
    if (!saved)
        qCWarning(lcIndex) << saved.failure().message;
    ++(refused ? report.held : report.retried);
}

void IndexSync::putBack(const QList<IndexOutbox::Row> &rows, const Failure &why, Report &report,
                        bool refused)
{
    for (const IndexOutbox::Row &row : rows)
        setAside(row, why.message, refused, report);
    report.problem = why;
}

QByteArray IndexSync::bulkBody(const IndexEndpoint &endpoint,
                               const QHash<qint64, QJsonObject> &documents,
                               const QSet<qint64> &statusOnly,
                               const QHash<qint64, qint64> &deletions)
{
    QList<qint64> order = documents.keys();
    std::sort(order.begin(), order.end());
    QByteArray body;
    for (const qint64 id : std::as_const(order)) {
        const QJsonObject document = documents.value(id);
        QJsonObject fields = document;
        if (statusOnly.contains(id)) {
            fields = QJsonObject{{u"criticalValues"_s, document.value(u"criticalValues"_s)},
                                 {u"lastUpdated"_s, document.value(u"lastUpdated"_s)}};
        }
        fields.remove(u"rowVersion"_s);
        const QJsonObject action{{u"update"_s,
                                  QJsonObject{{u"_index"_s, indexOf(endpoint, document)},
                                              {u"_id"_s, QString::number(id)},
                                              {u"retry_on_conflict"_s, 3}}}};
        // A missing document is created whole from "upsert".
        const QJsonObject update{
            {u"script"_s,
             QJsonObject{{u"id"_s, QLatin1StringView(IndexSchema::applyIfNewerScript)},
                         {u"params"_s,
                          QJsonObject{{u"rowVersion"_s, document.value(u"rowVersion"_s)},
                                      {u"fields"_s, fields}}}}},
            {u"upsert"_s, document}};
        body += QJsonDocument(action).toJson(QJsonDocument::Compact) + '\n';
        body += QJsonDocument(update).toJson(QJsonDocument::Compact) + '\n';
    }
    QList<qint64> gone = deletions.keys();
    std::sort(gone.begin(), gone.end());
    for (const qint64 id : std::as_const(gone)) {
        const QJsonObject action{
            {u"delete"_s,
             QJsonObject{{u"_index"_s, endpoint.labIndexName(deletions.value(id))},
                         {u"_id"_s, QString::number(id)}}}};
        body += QJsonDocument(action).toJson(QJsonDocument::Compact) + '\n';
    }
    return body;
}

void IndexSync::drainOnce(std::function<void(const Report &)> finished)
{
    // Always answer from the event loop, never from inside this call: a caller may call
    // drainOnce() and then start waiting.
    const auto done = [finished = std::move(finished)](const Report &report) {
        QTimer::singleShot(0, [finished, report] { finished(report); });
    };
    if (!m_schemaReady) {
        IndexSchema::ensureScript(m_client, [this, done](const IndexResponse &response) {
            // 403: a lab's desk key, which may not store scripts; the administrator's
            // credential stored it when the key was made (calloutctl index api-key).
            if (!response.ok() && response.httpStatus != 403) {
                Report report;
                report.problem = response.failure;
                done(report);
                return;
            }
            m_schemaReady = true;
            drainOnce(done);
        });
        return;
    }

    auto report = std::make_shared<Report>();
    const auto claimed
        = m_outbox.claim(m_options.worker, m_options.batchSize, m_options.leaseSeconds);
    if (!claimed) {
        report->problem = claimed.failure();
        report->databaseFailed = true;
        done(*report);
        return;
    }
    Batch batch;
    batch.rows = claimed.value();
    report->claimed = int(batch.rows.size());
    if (batch.rows.isEmpty()) {
        done(*report);
        return;
    }

    QList<qint64> billIds;
    QList<qint64> reportIds;
    for (const IndexOutbox::Row &row : std::as_const(batch.rows)) {
        if (row.billScope)
            billIds << row.billId;
        else
            reportIds << row.reportId;
    }
    const auto billDocuments = IndexDocumentReader(m_connection).forBills(billIds);
    const auto reportDocuments = IndexDocumentReader(m_connection).forReports(reportIds);
    if (!billDocuments || !reportDocuments) {
        putBack(batch.rows, billDocuments ? reportDocuments.failure() : billDocuments.failure(),
                *report);
        report->databaseFailed = true;
        done(*report);
        return;
    }

    // Which documents each row needs, and each document once, with the fields to apply:
    // all of them for a bill row, the status fields only for a report row. A report row
    // whose report is gone (deleted by the laboratory system) deletes its document.
    QSet<qint64> partial;
    QSet<qint64> full;
    QHash<qint64, QList<qint64>> reportsOfBill;
    for (auto it = billDocuments.value().cbegin(); it != billDocuments.value().cend(); ++it)
        reportsOfBill[it.value().value(u"billId"_s).toString().toLongLong()] << it.key();
    for (const IndexOutbox::Row &row : std::as_const(batch.rows)) {
        if (row.billScope) {
            for (const qint64 document : reportsOfBill.value(row.billId)) {
                batch.documentsOfRow[row.id] << document;
                batch.documents.insert(document, billDocuments.value().value(document));
                full.insert(document);
            }
        } else if (reportDocuments.value().contains(row.reportId)) {
            batch.documentsOfRow[row.id] << row.reportId;
            batch.documents.insert(row.reportId, reportDocuments.value().value(row.reportId));
            partial.insert(row.reportId);
        } else {
            batch.documentsOfRow[row.id] << row.reportId;
            batch.deletions.insert(row.reportId, row.labId);
        }
    }
    batch.statusOnly = partial;
    batch.statusOnly.subtract(full);
    if (batch.documents.isEmpty() && batch.deletions.isEmpty()) {
        // Orders without reports: nothing to index, the rows are done.
        finish(batch, {}, *report);
        done(*report);
        return;
    }

    // Each lab's documents go to that lab's index, which must exist first. A deletion needs
    // none: from an index that is not there, nothing is left to delete.
    QStringList missing;
    for (const QJsonObject &document : std::as_const(batch.documents)) {
        const QString index = indexOf(m_client.endpoint(), document);
        if (!m_readyIndices.contains(index) && !missing.contains(index))
            missing << index;
    }
    ensureIndices(missing, std::make_shared<QHash<QString, Failure>>(),
                  [this, batch, report, done](const QHash<QString, Failure> &unusable) {
                      send(batch, unusable, report, done);
                  });
}

void IndexSync::ensureIndices(QStringList indices,
                              std::shared_ptr<QHash<QString, Failure>> unusable,
                              std::function<void(const QHash<QString, Failure> &)> done)
{
    if (indices.isEmpty()) {
        done(*unusable);
        return;
    }
    const QString index = indices.takeFirst();
    IndexSchema::ensureIndex(m_client, index,
                             [this, index, indices, unusable, done](const IndexResponse &response) {
                                 if (response.ok()) {
                                     m_readyIndices.insert(index);
                                 } else {
                                     // A HEAD answer has no body to say which index it was.
                                     Failure failure = *response.failure;
                                     failure.message += u" (index %1)"_s.arg(index);
                                     unusable->insert(index, failure);
                                 }
                                 ensureIndices(indices, unusable, done);
                             });
}

void IndexSync::send(Batch batch, const QHash<QString, Failure> &unusable,
                     std::shared_ptr<Report> report, std::function<void(const Report &)> done)
{
    // A lab whose index cannot be used (not there, or not this credential's: a lab's desk
    // key reaches only its own lab) holds back only its own rows; they wait for a later
    // round or for a desk that may write there.
    QHash<qint64, ItemOutcome> heldBack;
    for (auto it = batch.documents.begin(); it != batch.documents.end();) {
        const auto failure = unusable.constFind(indexOf(m_client.endpoint(), it.value()));
        if (failure == unusable.cend()) {
            ++it;
            continue;
        }
        heldBack.insert(it.key(), {ItemOutcome::Transient, failure->message});
        report->problem = *failure;
        it = batch.documents.erase(it);
    }
    if (batch.documents.isEmpty() && batch.deletions.isEmpty()) {
        finish(batch, heldBack, *report);
        done(*report);
        return;
    }
    const QByteArray body
        = bulkBody(m_client.endpoint(), batch.documents, batch.statusOnly, batch.deletions);
    m_client.send(
        "POST", u"/_bulk"_s, body,
        [this, batch, heldBack, report, done](const IndexResponse &response) {
            const QJsonValue items = response.body.object().value(u"items"_s);
            if (response.ok() && !items.isArray()) {
                // A 200 that is not a bulk answer: something in between answered.
                putBack(
                    batch.rows,
                    Failure::unavailable(tr("The search index at %1 answered the update without "
                                            "saying what became of it.")
                                             .arg(m_client.endpoint().displayString())),
                    *report);
            } else if (!response.ok() && !response.transient && response.httpStatus == 400) {
                // The index refuses the request: held on the long backoff, an
                // alarm, until it or the data is fixed.
                putBack(batch.rows, *response.failure, *report, true);
            } else if (!response.ok()) {
                // Down, busy, or a refused sign-in or a missing index that waits
                // for someone to fix it.
                putBack(batch.rows, *response.failure, *report);
            } else {
                QHash<qint64, ItemOutcome> outcomes = outcomesOf(items.toArray());
                outcomes.insert(heldBack);
                finish(batch, outcomes, *report);
            }
            done(*report);
        });
}

QHash<qint64, IndexSync::ItemOutcome> IndexSync::outcomesOf(const QJsonArray &items)
{
    QHash<qint64, ItemOutcome> outcomes;
    for (const QJsonValue &entry : items) {
        const QString action = entry.toObject().begin().key();
        const QJsonObject item = entry.toObject().begin().value().toObject();
        const qint64 id = item.value(u"_id"_s).toVariant().toLongLong();
        const int status = item.value(u"status"_s).toInt();
        ItemOutcome outcome;
        if (action == u"delete" && status == 404) {
            // The document, or the whole index, was not there: nothing is left to delete.
        } else if (status == 429 || status >= 500 || status == 401 || status == 403) {
            // 401/403: this credential may not write that lab's index (a lab's desk key);
            // the row waits for one that may, as for a refused sign-in.
            outcome.kind = ItemOutcome::Transient;
        } else if (status >= 400 && status != 409) {
            // 409: a concurrent write won; the script keeps the newest.
            outcome.kind = ItemOutcome::Refused;
        }
        const QJsonObject error = item.value(u"error"_s).toObject();
        outcome.reason = u"%1: %2"_s.arg(error.value(u"type"_s).toString(),
                                         error.value(u"reason"_s).toString());
        outcomes.insert(id, outcome);
    }
    return outcomes;
}

void IndexSync::finish(const Batch &batch, const QHash<qint64, ItemOutcome> &outcomes,
                       Report &report)
{
    QList<qint64> completed;
    for (const IndexOutbox::Row &row : batch.rows) {
        std::optional<QString> transient;
        std::optional<QString> refused;
        for (const qint64 document : batch.documentsOfRow.value(row.id)) {
            const auto outcome = outcomes.constFind(document);
            if (outcome == outcomes.cend()) {
                transient = tr("the index did not answer for report %1").arg(document);
            } else if (outcome->kind == ItemOutcome::Transient) {
                transient = outcome->reason;
            } else if (outcome->kind == ItemOutcome::Refused && !refused) {
                refused = tr("report %1: %2").arg(document).arg(outcome->reason);
            }
        }
        if (transient) {
            setAside(row, *transient, false, report);
        } else if (refused) {
            qCWarning(lcIndex) << "index update" << row.id << "refused:" << *refused;
            setAside(row, *refused, true, report);
        } else {
            completed << row.id;
        }
    }
    const auto saved = m_outbox.complete(completed, m_options.worker);
    if (!saved) {
        report.problem = saved.failure();
        report.databaseFailed = true;
    } else {
        report.sent += saved.value();
        report.lostClaims += int(completed.size()) - saved.value();
    }
}

void IndexSync::prune(Report &report)
{
    const auto pruned = m_pruner.pruneIfDue(m_outbox.queue());
    if (!pruned) {
        report.problem = pruned.failure();
        report.databaseFailed = true;
    } else if (pruned.value() > 0) {
        qCInfo(lcIndex) << "removed" << pruned.value() << "index updates sent long ago";
    }
}

void IndexSync::drainAll(std::function<void(const Report &)> done)
{
    drainFrom(std::make_shared<Report>(), std::move(done));
}

void IndexSync::drainFrom(std::shared_ptr<Report> total, std::function<void(const Report &)> done)
{
    drainOnce([this, total, done](const Report &batch) {
        total->add(batch);
        if (batch.problem)
            total->problem = batch.problem;
        total->databaseFailed = total->databaseFailed || batch.databaseFailed;
        // Stop when nothing was due, or when the index is failing: the rows wait for
        // their backoff.
        if (batch.claimed == 0 || batch.problem || batch.retried > 0) {
            if (!total->databaseFailed)
                prune(*total);
            done(*total);
            return;
        }
        drainFrom(total, done);
    });
}

} // namespace calloutdesk
