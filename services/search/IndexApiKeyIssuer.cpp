#include "IndexApiKeyIssuer.h"

#include "IndexClient.h"
#include "IndexSchema.h"
#include "services/db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IndexApiKeyIssuer", text);
}

} // namespace

IndexApiKeyIssuer::IndexApiKeyIssuer(DatabaseConnection &connection, IndexClient &client)
    : m_connection(connection)
    , m_client(client)
{ }

Status IndexApiKeyIssuer::checkName(const QString &name)
{
    if (name.isEmpty() || name.size() > 256 || name.trimmed() != name || name.startsWith(u'_')) {
        return Failure::invalidInput(
            tr("The API key name \"%1\" is not allowed: it must have 1 to 256 characters, not "
               "begin or end with a space, and not begin with \"_\".")
                .arg(name));
    }
    return Done{};
}

QString IndexApiKeyIssuer::defaultName(qint64 labId)
{
    return u"calloutdesk-lab-%1"_s.arg(labId);
}

QJsonObject IndexApiKeyIssuer::requestBody(const IndexEndpoint &endpoint, qint64 labId,
                                           const QString &name)
{
    QJsonArray granted;
    for (const char *privilege : privileges)
        granted.append(QLatin1StringView(privilege));
    // The index by its exact name, never a pattern: "patient_reports-lab-1*" would also
    // match lab 10's index.
    const QJsonObject role{
        {u"cluster"_s, QJsonArray{}},
        {u"indices"_s,
         QJsonArray{QJsonObject{{u"names"_s, QJsonArray{endpoint.labIndexName(labId)}},
                                {u"privileges"_s, granted},
                                {u"allow_restricted_indices"_s, false}}}}};
    return {
        {u"name"_s, name},
        {u"role_descriptors"_s, QJsonObject{{defaultName(labId), role}}},
        {u"metadata"_s, QJsonObject{{u"application"_s, u"calloutdesk"_s}, {u"lab_id"_s, labId}}}};
}

void IndexApiKeyIssuer::issue(qint64 labId, const QString &name,
                              std::function<void(const Result<IndexApiKey> &)> done)
{
    if (const Status named = checkName(name); !named) {
        done(named.failure());
        return;
    }
    auto lab
        = m_connection.run(tr("Looking up the lab"), u"SELECT id FROM lab WHERE id = ?"_s, {labId});
    if (!lab) {
        done(lab.failure());
        return;
    }
    if (!lab.value().next()) {
        done(Failure::invalidInput(tr("There is no lab with id %1 in this database.").arg(labId)));
        return;
    }
    const IndexEndpoint &endpoint = m_client.endpoint();
    const QString index = endpoint.labIndexName(labId);
    const QJsonDocument body(requestBody(endpoint, labId, name));
    // The callbacks hold the client, not this issuer: a caller may let the issuer go once
    // the request is on its way.
    IndexClient *client = &m_client;
    auto createKey = [client, index, body, done] {
        client->sendJson(
            "POST", u"/_security/api_key"_s, body, [index, done](const IndexResponse &created) {
                if (!created.ok()) {
                    done(*created.failure);
                    return;
                }
                const QJsonObject answer = created.body.object();
                const IndexApiKey key{answer.value(u"id"_s).toString(),
                                      answer.value(u"name"_s).toString(), index,
                                      answer.value(u"encoded"_s).toString()};
                if (key.encoded.isEmpty()) {
                    done(Failure::internal(tr("The search index made a key but did not return it "
                                              "encoded; is it Elasticsearch 8?")));
                    return;
                }
                done(key);
            });
    };
    IndexSchema::ensureIndex(*client, index, [client, createKey, done](const IndexResponse &made) {
        if (!made.ok()) {
            done(*made.failure);
            return;
        }
        IndexSchema::ensureScript(*client, [createKey, done](const IndexResponse &installed) {
            if (!installed.ok()) {
                done(*installed.failure);
                return;
            }
            createKey();
        });
    });
}

} // namespace calloutdesk
