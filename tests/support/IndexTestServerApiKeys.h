#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace calloutdesk::test {

// The API keys of the index test server (POST /_security/api_key), each with the privileges
// of its role descriptors, so that a request made with "Authorization: ApiKey <encoded>" is
// refused (403, security_exception) wherever Elasticsearch 8 would refuse it. Index names
// in a grant may be wildcard patterns, as in Elasticsearch.
class IndexTestServerApiKeys
{
public:
    struct Grant
    {
        QStringList names;
        QStringList privileges;
    };
    struct Key
    {
        QString id;
        QString name;
        QString owner; // the user it was made by, as Elasticsearch names it in refusals
        QStringList cluster;
        QList<Grant> indices;
    };
    // Why a request is refused, in Elasticsearch's error terms.
    struct Refusal
    {
        int status = 403;
        QString type;
        QString reason;
    };

    // POST /_security/api_key by `creator` (nullptr: a user with every privilege, called
    // `owner`): the answer {id, name, api_key, encoded}, or why not.
    std::optional<Refusal> create(const QJsonObject &request, const Key *creator,
                                  const QString &owner, QJsonObject *answer);

    static bool isApiKey(const QByteArray &authorization);
    // The key an "ApiKey <encoded>" header names, nullptr when it names none.
    const Key *find(const QByteArray &authorization) const;
    int count() const { return int(m_keys.size()); }

    // nullopt when `key` may do `action`; `granting` are the privileges that grant it.
    static std::optional<Refusal> checkCluster(const Key &key, const QString &action,
                                               const QStringList &granting);
    static std::optional<Refusal> checkIndices(const Key &key, const QString &action,
                                               const QStringList &indices,
                                               const QStringList &granting);

private:
    QHash<QString, Key> m_keys;        // by id
    QHash<QString, QString> m_secrets; // id → api_key
};

} // namespace calloutdesk::test
