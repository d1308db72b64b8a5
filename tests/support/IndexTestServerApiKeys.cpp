#include "IndexTestServerApiKeys.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &entry : value.toArray())
        list << entry.toString();
    return list;
}

bool nameMatches(const QString &pattern, const QString &index)
{
    if (!pattern.contains(u'*') && !pattern.contains(u'?'))
        return pattern == index;
    return QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern))
        .match(index)
        .hasMatch();
}

bool grants(const QStringList &held, const QStringList &granting)
{
    return std::any_of(held.begin(), held.end(),
                       [&](const QString &privilege) { return granting.contains(privilege); });
}

QString randomToken()
{
    return QString::fromLatin1(QUuid::createUuid().toRfc4122().toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

std::optional<IndexTestServerApiKeys::Refusal>
IndexTestServerApiKeys::create(const QJsonObject &request, const Key *creator, const QString &owner,
                               QJsonObject *answer)
{
    const QString name = request.value(u"name"_s).toString();
    if (name.isEmpty() || name.size() > 256 || name.trimmed() != name || name.startsWith(u'_')) {
        return Refusal{400, u"action_request_validation_exception"_s,
                       u"Validation Failed: 1: api key name may not be empty, longer than 256 "
                       "characters, begin or end with whitespace, or begin with an underscore;"_s};
    }
    const QJsonObject descriptors = request.value(u"role_descriptors"_s).toObject();
    Key key{randomToken().left(20), name, creator ? creator->owner : owner, {}, {}};
    bool hasPrivileges = false;
    for (const QJsonValue &descriptor : descriptors) {
        key.cluster << strings(descriptor[u"cluster"_s]);
        for (const QJsonValue &grant : descriptor[u"indices"_s].toArray()) {
            key.indices << Grant{strings(grant[u"names"_s]), strings(grant[u"privileges"_s])};
            hasPrivileges = true;
        }
    }
    hasPrivileges = hasPrivileges || !key.cluster.isEmpty();
    if (creator && hasPrivileges) {
        return Refusal{400, u"illegal_argument_exception"_s,
                       u"creating derived api keys requires an explicit role descriptor that is "
                       "empty (has no privileges)"_s};
    }
    if (descriptors.isEmpty()) {
        // No role descriptors: a snapshot of the creator's own privileges.
        if (creator) {
            key.cluster = creator->cluster;
            key.indices = creator->indices;
        } else {
            key.cluster = {u"all"_s};
            key.indices = {Grant{{u"*"_s}, {u"all"_s}}};
        }
    }
    const QString secret = randomToken();
    m_keys.insert(key.id, key);
    m_secrets.insert(key.id, secret);
    *answer = {{u"id"_s, key.id},
               {u"name"_s, name},
               {u"api_key"_s, secret},
               {u"encoded"_s, QString::fromLatin1((key.id + u':' + secret).toUtf8().toBase64())}};
    return std::nullopt;
}

bool IndexTestServerApiKeys::isApiKey(const QByteArray &authorization)
{
    return authorization.startsWith("ApiKey ");
}

const IndexTestServerApiKeys::Key *
IndexTestServerApiKeys::find(const QByteArray &authorization) const
{
    if (!isApiKey(authorization))
        return nullptr;
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(7).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return nullptr;
    const QString id = QString::fromUtf8(decoded.left(colon));
    const auto found = m_keys.constFind(id);
    if (found == m_keys.cend() || m_secrets.value(id) != QString::fromUtf8(decoded.mid(colon + 1)))
        return nullptr;
    return &found.value();
}

std::optional<IndexTestServerApiKeys::Refusal>
IndexTestServerApiKeys::checkCluster(const Key &key, const QString &action,
                                     const QStringList &granting)
{
    if (grants(key.cluster, granting))
        return std::nullopt;
    return Refusal{403, u"security_exception"_s,
                   u"action [%1] is unauthorized for API key id [%2] of user [%3], this action is "
                   "granted by the cluster privileges [%4]"_s.arg(action, key.id, key.owner,
                                                                  granting.join(u','))};
}

std::optional<IndexTestServerApiKeys::Refusal>
IndexTestServerApiKeys::checkIndices(const Key &key, const QString &action,
                                     const QStringList &indices, const QStringList &granting)
{
    QStringList refused;
    for (const QString &index : indices) {
        const bool allowed
            = std::any_of(key.indices.begin(), key.indices.end(), [&](const Grant &g) {
                  return grants(g.privileges, granting)
                      && std::any_of(g.names.begin(), g.names.end(), [&](const QString &pattern) {
                             return nameMatches(pattern, index);
                         });
              });
        if (!allowed)
            refused << index;
    }
    if (refused.isEmpty())
        return std::nullopt;
    return Refusal{403, u"security_exception"_s,
                   u"action [%1] is unauthorized for API key id [%2] of user [%3] on indices "
                   "[%4], this action is granted by the index privileges [%5]"_s.arg(
                       action, key.id, key.owner, refused.join(u", "_s), granting.join(u','))};
}

} // namespace calloutdesk::test
