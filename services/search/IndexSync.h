#pragma once

#include "IndexEndpoint.h"
#include "IndexOutbox.h"
#include "services/Failure.h"
#include "services/queue/OutboxPruner.h"
#include "services/queue/QueueRound.h"
#include "services/queue/RetryPolicy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace calloutdesk {

class DatabaseConnection;
class IndexClient;

// Drains the index outbox into the search index (SPEC E2–E5): claims a batch, reads the
// documents it names, sends them in one _bulk request, each to its lab's own index, and
// records each row's fate.
// A bill row re-sends every report of the order (E3); a report row changes only the
// status fields (E2), or deletes the document of a report that no longer exists. Every
// write goes through the stored script apply-if-newer, which compares the document's
// rowVersion, so an older state drained late by another desk is a no-op instead of an
// overwrite (E4). Transient failures are retried with exponential backoff and jitter; a
// document the index refuses (HTTP 400, a failing item) is held and retried on a long
// backoff, and counted as an order not in the index (E5). A row of a lab whose index this
// credential may not write waits, for a desk or an administrator who may. Delivered rows
// are pruned after their lab's retention.
// Works in one thread: the connection's and the client's.
class IndexSync
{
public:
    struct Options
    {
        QString worker = QStringLiteral("desk");
        int batchSize = 500;
        int leaseSeconds = 120;
        RetryPolicy retry{1000, 5 * 60 * 1000, 0};
        // For a document the index refused: minutes, up to an hour.
        RetryPolicy refused{2 * 60 * 1000, 60 * 60 * 1000, 0};
        OutboxPruner::Options pruning;
    };

    // sent: rows done; retried: put back for later; held: refused by the index.
    struct Report : QueueRound
    {
        std::optional<Failure> problem; // why the round stopped early, if it did
        bool databaseFailed = false;    // the problem was the database's, not the index's
    };

    IndexSync(DatabaseConnection &connection, IndexClient &client, Options options);

    // One batch. An empty Report (claimed == 0) means nothing was due.
    void drainOnce(std::function<void(const Report &)> done);
    // Batches until nothing is due or the index cannot be used; the reports are summed.
    void drainAll(std::function<void(const Report &)> done);

    // The _bulk body that applies these documents, each to its lab's index, through the
    // apply-if-newer script: the whole document, or only the status fields for the ids in
    // statusOnly; and deletes the documents of `deletions` (report id → lab id).
    static QByteArray bulkBody(const IndexEndpoint &endpoint,
                               const QHash<qint64, QJsonObject> &documents,
                               const QSet<qint64> &statusOnly,
                               const QHash<qint64, qint64> &deletions = {});
    // The index a document belongs in: its lab's.
    static QString indexOf(const IndexEndpoint &endpoint, const QJsonObject &document);

private:
    struct ItemOutcome
    {
        enum Kind
        {
            Ok,
            Transient,
            Refused
        } kind
            = Ok;
        QString reason;
    };
    struct Batch
    {
        QList<IndexOutbox::Row> rows;
        QHash<qint64, QList<qint64>> documentsOfRow;
        QHash<qint64, QJsonObject> documents;
        QSet<qint64> statusOnly;
        QHash<qint64, qint64> deletions; // report id → lab id
    };

    // Makes sure each of these indices exists; `done` gets those that cannot be used, with why.
    void ensureIndices(QStringList indices, std::shared_ptr<QHash<QString, Failure>> unusable,
                       std::function<void(const QHash<QString, Failure> &)> done);
    void send(Batch batch, const QHash<QString, Failure> &unusable, std::shared_ptr<Report> report,
              std::function<void(const Report &)> done);
    static QHash<qint64, ItemOutcome> outcomesOf(const QJsonArray &items);
    void finish(const Batch &batch, const QHash<qint64, ItemOutcome> &outcomes, Report &report);
    void drainFrom(std::shared_ptr<Report> total, std::function<void(const Report &)> done);
    // Back to wait: on the retry backoff, or, refused by the index, on the long one.
    void setAside(const IndexOutbox::Row &row, const QString &reason, bool refused, Report &report);
    void putBack(const QList<IndexOutbox::Row> &rows, const Failure &why, Report &report,
                 bool refused = false);
    void prune(Report &report);

    DatabaseConnection &m_connection;
    IndexClient &m_client;
    Options m_options;
    IndexOutbox m_outbox;
    OutboxPruner m_pruner;
    bool m_schemaReady = false;
    QSet<QString> m_readyIndices;
};

} // namespace calloutdesk
