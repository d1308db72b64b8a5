#pragma once

#include "IndexEndpoint.h"
#include "IndexOutbox.h"
#include "services/Failure.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace calloutdesk {

class DatabaseConnection;
class IndexClient;

// Drains the index outbox into the search index (SPEC E2–E4): claims a batch, reads the
// documents it names, sends them in one _bulk request, each to its lab's own index, and
// records each row's fate.
// A bill row re-sends every report of the order (E3); a report row changes only the
// status fields (E2). Every write goes through the stored script apply-if-newer, which
// compares the document's rowVersion, so an older state drained late by another desk is a
// no-op instead of an overwrite (E4). Transient failures are retried with exponential
// backoff and jitter; a permanent per-item failure is recorded with its reason. A row of a
// lab whose index this credential may not write waits, for a desk or an administrator who
// may.
// Works in one thread: the connection's and the client's.
class IndexSync
{
public:
    struct Options
    {
        QString worker = QStringLiteral("desk");
        int batchSize = 500;
        int leaseSeconds = 120;
        qint64 backoffBaseMs = 1000;
        qint64 backoffCapMs = 5 * 60 * 1000;
    };

    struct Report
    {
        int claimed = 0;
        int sent = 0;                   // rows done
        int retried = 0;                // rows put back for later
        int failed = 0;                 // rows failed for good
        std::optional<Failure> problem; // why the round stopped early, if it did
        bool databaseFailed = false;    // the problem was the database's, not the index's
    };

    IndexSync(DatabaseConnection &connection, IndexClient &client, Options options);

    // One batch. An empty Report (claimed == 0) means nothing was due.
    void drainOnce(std::function<void(const Report &)> done);
    // Batches until nothing is due or the index cannot be used; the reports are summed.
    void drainAll(std::function<void(const Report &)> done);

    qint64 backoffMs(int attempts);

    // The _bulk body that applies these documents, each to its lab's index, through the
    // apply-if-newer script: the whole document, or only the status fields for the ids in
    // statusOnly.
    static QByteArray bulkBody(const IndexEndpoint &endpoint,
                               const QHash<qint64, QJsonObject> &documents,
                               const QSet<qint64> &statusOnly);
    // The index a document belongs in: its lab's.
    static QString indexOf(const IndexEndpoint &endpoint, const QJsonObject &document);

private:
    struct ItemOutcome
    {
        enum Kind
        {
            Ok,
            Transient,
            Permanent
        } kind
            = Ok;
        QString reason;
    };

    // Makes sure each of these indices exists; `done` gets those that cannot be used, with why.
    void ensureIndices(QStringList indices, std::shared_ptr<QHash<QString, Failure>> unusable,
                       std::function<void(const QHash<QString, Failure> &)> done);
    void send(const QList<IndexOutbox::Row> &rows,
              const QHash<qint64, QList<qint64>> &documentsOfRow,
              QHash<qint64, QJsonObject> documents, const QSet<qint64> &statusOnly,
              const QHash<QString, Failure> &unusable, std::shared_ptr<Report> report,
              std::function<void(const Report &)> done);
    void finish(const QList<IndexOutbox::Row> &rows,
                const QHash<qint64, QList<qint64>> &documentsOfRow,
                const QHash<qint64, ItemOutcome> &outcomes, Report &report);
    void drainFrom(std::shared_ptr<Report> total, std::function<void(const Report &)> done);
    void putBack(const QList<IndexOutbox::Row> &rows, const Failure &why, Report &report);

    DatabaseConnection &m_connection;
    IndexClient &m_client;
    Options m_options;
    IndexOutbox m_outbox;
    QRandomGenerator m_random;
    bool m_schemaReady = false;
    QSet<QString> m_readyIndices;
};

} // namespace calloutdesk
