#include "IndexSync.h"

#include "IndexClient.h"
#include "IndexDocumentReader.h"
#include "IndexSchema.h"
#include "SearchLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

IndexSync::IndexSync(DatabaseConnection &connection, IndexClient &client, Options options)
    : m_connection(connection)
    , m_client(client)
    , m_options(std::move(options))
    , m_outbox(connection)
    , m_random(QRandomGenerator::securelySeeded())
{ }

QString IndexSync::indexOf(const IndexEndpoint &endpoint, const QJsonObject &document)
{
    return endpoint.labIndexName(document.value(u"labId"_s).toString().toLongLong());
}

qint64 IndexSync::backoffMs(int attempts)
{
    // Exponential, capped, with jitter so that desks that failed together do not retry
    // together.
    const int exponent = std::clamp(attempts - 1, 0, 30);
    const qint64 delay = std::min(m_options.backoffCapMs, m_options.backoffBaseMs << exponent);
    return delay / 2 + qint64(m_random.bounded(double(delay / 2 + 1)));
}

void IndexSync::putBack(const QList<IndexOutbox::Row> &rows, const Failure &why, Report &report)
{
    for (const IndexOutbox::Row &row : rows) {
        if (const Status saved = m_outbox.retryLater(row.id, why.message, backoffMs(row.attempts));
            !saved) {
            qCWarning(lcIndex) << saved.failure().message;
        }
        ++report.retried;
    }
    report.problem = why;
}

QByteArray IndexSync::bulkBody(const IndexEndpoint &endpoint,
                               const QHash<qint64, QJsonObject> &documents,
                               const QSet<qint64> &statusOnly)
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
    const QList<IndexOutbox::Row> rows = claimed.value();
    report->claimed = int(rows.size());
    if (rows.isEmpty()) {
        done(*report);
        return;
    }

    QList<qint64> billIds;
    QList<qint64> reportIds;
    for (const IndexOutbox::Row &row : rows) {
        if (row.billScope)
            billIds << row.billId;
        else
            reportIds << row.reportId;
    }
    const auto billDocuments = IndexDocumentReader(m_connection).forBills(billIds);
    const auto reportDocuments = IndexDocumentReader(m_connection).forReports(reportIds);
    if (!billDocuments || !reportDocuments) {
        putBack(rows, billDocuments ? reportDocuments.failure() : billDocuments.failure(), *report);
        report->databaseFailed = true;
        done(*report);
        return;
    }

    // Which documents each row needs, and each document once, with the fields to apply:
    // all of them for a bill row, the status fields only for a report row.
    QHash<qint64, QList<qint64>> documentsOfRow;
    QHash<qint64, QJsonObject> fullDocuments;
    QSet<qint64> partial;
    QSet<qint64> full;
    QHash<qint64, QList<qint64>> reportsOfBill;
    for (auto it = billDocuments.value().cbegin(); it != billDocuments.value().cend(); ++it)
        reportsOfBill[it.value().value(u"billId"_s).toString().toLongLong()] << it.key();
    for (const IndexOutbox::Row &row : rows) {
        if (row.billScope) {
            for (const qint64 report : reportsOfBill.value(row.billId)) {
                documentsOfRow[row.id] << report;
                fullDocuments.insert(report, billDocuments.value().value(report));
                full.insert(report);
            }
        } else if (reportDocuments.value().contains(row.reportId)) {
            documentsOfRow[row.id] << row.reportId;
            fullDocuments.insert(row.reportId, reportDocuments.value().value(row.reportId));
            partial.insert(row.reportId);
        }
    }

    QSet<qint64> statusOnly = partial;
    statusOnly.subtract(full);
    if (fullDocuments.isEmpty()) {
        // Orders without reports: nothing to index, the rows are done.
        QList<qint64> ids;
        for (const IndexOutbox::Row &row : rows)
            ids << row.id;
        if (const Status completed = m_outbox.complete(ids); !completed) {
            report->problem = completed.failure();
            report->databaseFailed = true;
        } else {
            report->sent = int(rows.size());
        }
        done(*report);
        return;
    }

    // Each lab's documents go to that lab's index, which must exist first.
    QStringList missing;
    for (const QJsonObject &document : std::as_const(fullDocuments)) {
        const QString index = indexOf(m_client.endpoint(), document);
        if (!m_readyIndices.contains(index) && !missing.contains(index))
            missing << index;
    }
    ensureIndices(missing, std::make_shared<QHash<QString, Failure>>(),
                  [this, rows, documentsOfRow, fullDocuments, statusOnly, report,
                   done](const QHash<QString, Failure> &unusable) {
                      send(rows, documentsOfRow, fullDocuments, statusOnly, unusable, report, done);
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

void IndexSync::send(const QList<IndexOutbox::Row> &rows,
                     const QHash<qint64, QList<qint64>> &documentsOfRow,
                     QHash<qint64, QJsonObject> documents, const QSet<qint64> &statusOnly,
                     const QHash<QString, Failure> &unusable, std::shared_ptr<Report> report,
                     std::function<void(const Report &)> done)
{
    // A lab whose index cannot be used (not there, or not this credential's: a lab's desk
    // key reaches only its own lab) holds back only its own rows; they wait for a later
    // round or for a desk that may write there.
    QHash<qint64, ItemOutcome> heldBack;
    for (auto it = documents.begin(); it != documents.end();) {
        const auto failure = unusable.constFind(indexOf(m_client.endpoint(), it.value()));
        if (failure == unusable.cend()) {
            ++it;
            continue;
        }
        heldBack.insert(it.key(), {ItemOutcome::Transient, failure->message});
        report->problem = *failure;
        it = documents.erase(it);
    }
    if (documents.isEmpty()) {
        finish(rows, documentsOfRow, heldBack, *report);
        done(*report);
        return;
    }
    const QByteArray body = bulkBody(m_client.endpoint(), documents, statusOnly);
    m_client.send(
        "POST", u"/_bulk"_s, body,
        [this, rows, documentsOfRow, heldBack, report, done](const IndexResponse &response) {
            if (!response.ok()) {
                // Only a malformed request (400) fails the batch for good; a refused
                // sign-in or a missing index waits for someone to fix it.
                if (response.transient || response.httpStatus != 400) {
                    putBack(rows, *response.failure, *report);
                } else {
                    for (const IndexOutbox::Row &row : rows) {
                        m_outbox.fail(row.id, response.failure->message);
                        ++report->failed;
                    }
                    report->problem = response.failure;
                }
                done(*report);
                return;
            }
            QHash<qint64, ItemOutcome> outcomes = heldBack;
            for (const QJsonValue &entry : response.body.object().value(u"items"_s).toArray()) {
                const QJsonObject item = entry.toObject().begin().value().toObject();
                const qint64 id = item.value(u"_id"_s).toVariant().toLongLong();
                const int status = item.value(u"status"_s).toInt();
                ItemOutcome outcome;
                // 401/403: this credential may not write that lab's index (a lab's
                // desk key); the row waits for one that may, as for a refused
                // sign-in, instead of failing for good.
                if (status == 429 || status >= 500 || status == 401 || status == 403) {
                    outcome.kind = ItemOutcome::Transient;
                } else if (status >= 400 && status != 409) {
                    // 409: a concurrent write won; the script keeps the newest.
                    outcome.kind = ItemOutcome::Permanent;
                }
                const QJsonObject error = item.value(u"error"_s).toObject();
                outcome.reason = u"%1: %2"_s.arg(error.value(u"type"_s).toString(),
                                                 error.value(u"reason"_s).toString());
                outcomes.insert(id, outcome);
            }
            finish(rows, documentsOfRow, outcomes, *report);
            done(*report);
        });
}

void IndexSync::finish(const QList<IndexOutbox::Row> &rows,
                       const QHash<qint64, QList<qint64>> &documentsOfRow,
                       const QHash<qint64, ItemOutcome> &outcomes, Report &report)
{
    QList<qint64> completed;
    for (const IndexOutbox::Row &row : rows) {
        std::optional<QString> transient;
        std::optional<QString> permanent;
        for (const qint64 document : documentsOfRow.value(row.id)) {
            const auto outcome = outcomes.constFind(document);
            if (outcome == outcomes.cend()) {
                transient = u"the index did not answer for report %1"_s.arg(document);
            } else if (outcome->kind == ItemOutcome::Transient) {
                transient = outcome->reason;
            } else if (outcome->kind == ItemOutcome::Permanent && !permanent) {
                permanent = u"report %1: %2"_s.arg(document).arg(outcome->reason);
            }
        }
        if (transient) {
            m_outbox.retryLater(row.id, *transient, backoffMs(row.attempts));
            ++report.retried;
        } else if (permanent) {
            qCWarning(lcIndex) << "index update" << row.id << "failed for good:" << *permanent;
            m_outbox.fail(row.id, *permanent);
            ++report.failed;
        } else {
            completed << row.id;
        }
    }
    if (const Status saved = m_outbox.complete(completed); !saved) {
        report.problem = saved.failure();
        report.databaseFailed = true;
    } else {
        report.sent += int(completed.size());
    }
}

void IndexSync::drainAll(std::function<void(const Report &)> done)
{
    drainFrom(std::make_shared<Report>(), std::move(done));
}

void IndexSync::drainFrom(std::shared_ptr<Report> total, std::function<void(const Report &)> done)
{
    drainOnce([this, total, done](const Report &batch) {
        total->claimed += batch.claimed;
        total->sent += batch.sent;
        total->retried += batch.retried;
        total->failed += batch.failed;
        if (batch.problem)
            total->problem = batch.problem;
        total->databaseFailed = total->databaseFailed || batch.databaseFailed;
        // Stop when nothing was due, or when the index is failing: the rows wait for
        // their backoff.
        if (batch.claimed == 0 || batch.problem || batch.retried > 0) {
            done(*total);
            return;
        }
        drainFrom(total, done);
    });
}

} // namespace calloutdesk
