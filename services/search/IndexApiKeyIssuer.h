#pragma once

#include "services/Failure.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace calloutdesk {

class DatabaseConnection;
class IndexClient;
class IndexEndpoint;

// A key made by Elasticsearch's create API key API; `encoded` is what goes in the
// Authorization header ("ApiKey <encoded>") and in CALLOUTDESK_INDEX_API_KEY.
struct IndexApiKey
{
    QString id;
    QString name;
    QString index;
    QString encoded;
};

// Makes an Elasticsearch API key for one lab's desks, with the administrator's credential:
// the key may read and write that lab's index and no other index, and holds no cluster
// privilege. Writing is included because every desk also sends its committed changes to
// the index (IndexSyncWorker); reading because the worklist searches it; seeing the
// index's metadata because the sync checks that the index exists. The lab's index and the
// stored script are made first, since the key may make neither.
class IndexApiKeyIssuer
{
public:
    static constexpr const char *privileges[] = {"read", "write", "view_index_metadata"};

    IndexApiKeyIssuer(DatabaseConnection &connection, IndexClient &client);

    // Elasticsearch's rules for a key's name, said before anything is sent.
    static Status checkName(const QString &name);
    static QString defaultName(qint64 labId);
    // The body of POST /_security/api_key.
    static QJsonObject requestBody(const IndexEndpoint &endpoint, qint64 labId,
                                   const QString &name);

    // Refuses a lab this database does not have before the index is touched. `done` runs
    // in the client's thread, after this call returns unless the input was refused.
    void issue(qint64 labId, const QString &name,
               std::function<void(const Result<IndexApiKey> &)> done);

private:
    DatabaseConnection &m_connection;
    IndexClient &m_client;
};

} // namespace calloutdesk
