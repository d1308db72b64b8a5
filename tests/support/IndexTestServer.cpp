#include "IndexTestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

namespace {

const QString applyIfNewer = u"calloutdesk-apply-if-newer"_s;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// Compares two JSON values the way a sort or a range does: numbers as numbers, the rest
// as text (ISO dates sort as text).
int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isNull() || a.isUndefined())
        return (b.isNull() || b.isUndefined()) ? 0 : -1;
    if (b.isNull() || b.isUndefined())
        return 1;
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    const QString left
        = a.isDouble() ? QString::number(a.toDouble(), 'g', 17) : a.toVariant().toString();
    const QString right
        = b.isDouble() ? QString::number(b.toDouble(), 'g', 17) : b.toVariant().toString();
    return QString::compare(left, right);
}

bool sameValue(const QJsonValue &field, const QJsonValue &wanted)
{
    if (field.isArray()) {
        const QJsonArray values = field.toArray();
        return std::any_of(values.begin(), values.end(),
                           [&](const QJsonValue &v) { return sameValue(v, wanted); });
    }
    return compareValues(field, wanted) == 0
        || (field.isString() && wanted.isDouble()
            && field.toString() == QString::number(wanted.toDouble(), 'g', 17))
        || (field.isDouble() && wanted.isString()
            && QString::number(field.toDouble(), 'g', 17) == wanted.toString());
}

bool matches(const QJsonObject &source, const QJsonObject &clause);

// The Elasticsearch action of a request to /{index}[/{operation}…] and the index privileges
// that grant it; no action for the bulk API, whose items are checked one by one.
std::pair<QString, QStringList> indexAction(const QByteArray &method, const QStringList &parts)
{
    const QString operation = parts.value(1);
    if (parts.size() == 1 && method == "HEAD")
        return {u"indices:admin/get"_s, {u"view_index_metadata"_s, u"manage"_s, u"all"_s}};
    if (parts.size() == 1 && method == "PUT")
        return {u"indices:admin/create"_s, {u"create_index"_s, u"manage"_s, u"all"_s}};
    if (parts.size() == 1 && method == "DELETE")
        return {u"indices:admin/delete"_s, {u"delete_index"_s, u"manage"_s, u"all"_s}};
    if (operation == u"_refresh")
        return {u"indices:admin/refresh"_s, {u"maintenance"_s, u"manage"_s, u"all"_s}};
    if (operation == u"_search" || operation == u"_count")
        return {u"indices:data/read/search"_s, {u"read"_s, u"all"_s}};
    if (operation == u"_doc")
        return {u"indices:data/read/get"_s, {u"read"_s, u"all"_s}};
    return {};
}

bool matchesAll(const QJsonObject &source, const QJsonValue &clauses)
{
    const QJsonArray list = clauses.isArray() ? clauses.toArray() : QJsonArray{clauses};
    return std::all_of(list.begin(), list.end(), [&](const QJsonValue &clause) {
        return matches(source, clause.toObject());
    });
}

bool matches(const QJsonObject &source, const QJsonObject &clause)
{
    if (clause.contains(u"term"_s)) {
        const QJsonObject term = clause[u"term"_s].toObject();
        const QString field = term.begin().key();
        QJsonValue wanted = term.begin().value();
        if (wanted.isObject())
            wanted = wanted.toObject()[u"value"_s];
        return sameValue(source.value(field), wanted);
    }
    if (clause.contains(u"terms"_s)) {
        const QJsonObject terms = clause[u"terms"_s].toObject();
        const QString field = terms.begin().key();
        const QJsonArray wanted = terms.begin().value().toArray();
        return std::any_of(wanted.begin(), wanted.end(), [&](const QJsonValue &value) {
            return sameValue(source.value(field), value);
        });
    }
    if (clause.contains(u"range"_s)) {
        const QJsonObject range = clause[u"range"_s].toObject();
        const QJsonValue value = source.value(range.begin().key());
        const QJsonObject bounds = range.begin().value().toObject();
        if (value.isNull() || value.isUndefined())
            return false;
        if (bounds.contains(u"gte"_s) && compareValues(value, bounds[u"gte"_s]) < 0)
            return false;
        if (bounds.contains(u"gt"_s) && compareValues(value, bounds[u"gt"_s]) <= 0)
            return false;
        if (bounds.contains(u"lte"_s) && compareValues(value, bounds[u"lte"_s]) > 0)
            return false;
        if (bounds.contains(u"lt"_s) && compareValues(value, bounds[u"lt"_s]) >= 0)
            return false;
        return true;
    }
    if (clause.contains(u"multi_match"_s)) {
        // Case-insensitive substring over the named fields: enough for the worklist's
        // free-text box, which searches patient names and order numbers.
        const QJsonObject match = clause[u"multi_match"_s].toObject();
        const QString query = match[u"query"_s].toString().toLower();
        const QJsonArray fields = match[u"fields"_s].toArray();
        return std::any_of(fields.begin(), fields.end(), [&](const QJsonValue &field) {
            QString name = field.toString();
            name = name.section(u'^', 0, 0);
            if (name.endsWith(u".keyword"_s))
                name.chop(8);
            return source.value(name).toVariant().toString().toLower().contains(query);
        });
    }
    if (clause.contains(u"prefix"_s)) {
        const QJsonObject prefix = clause[u"prefix"_s].toObject();
        const QJsonValue spec = prefix.begin().value();
        const QString wanted = spec.isObject() ? spec[u"value"_s].toString() : spec.toString();
        const bool caseInsensitive = spec.isObject() && spec[u"case_insensitive"_s].toBool();
        const QString value = source.value(prefix.begin().key()).toString();
        return value.startsWith(wanted, caseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive);
    }
    if (clause.contains(u"wildcard"_s)) {
        // * and ? as wildcards, a backslash escaping the next character.
        const QJsonObject wildcard = clause[u"wildcard"_s].toObject();
        const QJsonValue spec = wildcard.begin().value();
        const QString pattern = spec.isObject() ? spec[u"value"_s].toString() : spec.toString();
        QString expression;
        for (qsizetype i = 0; i < pattern.size(); ++i) {
            const QChar c = pattern.at(i);
            if (c == u'\\' && i + 1 < pattern.size())
                expression += QRegularExpression::escape(QString(pattern.at(++i)));
            else if (c == u'*')
                expression += u".*"_s;
            else if (c == u'?')
                expression += u'.';
            else
                expression += QRegularExpression::escape(QString(c));
        }
        const bool caseInsensitive = spec.isObject() && spec[u"case_insensitive"_s].toBool();
        const QRegularExpression regex(QRegularExpression::anchoredPattern(expression),
                                       caseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                       : QRegularExpression::NoPatternOption);
        return regex.match(source.value(wildcard.begin().key()).toString()).hasMatch();
    }
    if (clause.contains(u"match_phrase_prefix"_s)) {
        // A word of the field starting with the phrase, case-insensitive: what the
        // standard analyzer gives for the one- and two-word phrases the desk sends.
        const QJsonObject match = clause[u"match_phrase_prefix"_s].toObject();
        const QJsonValue spec = match.begin().value();
        const QString wanted
            = (spec.isObject() ? spec[u"query"_s].toString() : spec.toString()).toLower();
        const QString value = source.value(match.begin().key()).toString().toLower();
        return value.startsWith(wanted) || value.contains(u' ' + wanted);
    }
    if (clause.contains(u"match_none"_s))
        return false;
    if (clause.contains(u"match_all"_s))
        return true;
    if (clause.contains(u"bool"_s)) {
        const QJsonObject boolean = clause[u"bool"_s].toObject();
        if (boolean.contains(u"filter"_s) && !matchesAll(source, boolean[u"filter"_s]))
            return false;
        if (boolean.contains(u"must"_s) && !matchesAll(source, boolean[u"must"_s]))
            return false;
        if (boolean.contains(u"must_not"_s)) {
            const QJsonValue mustNot = boolean[u"must_not"_s];
            const QJsonArray list = mustNot.isArray() ? mustNot.toArray() : QJsonArray{mustNot};
            for (const QJsonValue &one : list) {
                if (matches(source, one.toObject()))
                    return false;
            }
        }
        if (boolean.contains(u"should"_s)) {
            const QJsonArray should = boolean[u"should"_s].toArray();
            if (!should.isEmpty()
                && std::none_of(should.begin(), should.end(), [&](const QJsonValue &one) {
                       return matches(source, one.toObject());
                   })) {
                return false;
            }
        }
        return true;
    }
    return false;
}

// The aggregations the program sends, over the documents the query matched: terms (field,
// size, order by _key or by doc_count), filter, each with sub-aggregations; with the
// response shape of Elasticsearch (buckets, doc_count, sum_other_doc_count).
QJsonObject aggregate(const QJsonObject &aggregations, const QList<QJsonObject> &documents)
{
    QJsonObject results;
    for (auto it = aggregations.begin(); it != aggregations.end(); ++it) {
        const QJsonObject spec = it.value().toObject();
        const QJsonObject subAggregations = spec[u"aggs"_s].toObject();
        if (spec.contains(u"filter"_s)) {
            QList<QJsonObject> kept;
            for (const QJsonObject &document : documents)
                if (matches(document, spec[u"filter"_s].toObject()))
                    kept << document;
            QJsonObject result = aggregate(subAggregations, kept);
            result.insert(u"doc_count"_s, qint64(kept.size()));
            results.insert(it.key(), result);
            continue;
        }
        const QJsonObject terms = spec[u"terms"_s].toObject();
        const QString field = terms[u"field"_s].toString();
        QMap<QString, QList<QJsonObject>> groups;
        QHash<QString, QJsonValue> keys;
        for (const QJsonObject &document : documents) {
            const QJsonValue value = document.value(field);
            if (value.isNull() || value.isUndefined())
                continue;
            const QString key = value.toVariant().toString();
            groups[key] << document;
            keys.insert(key, value);
        }
        QStringList order = groups.keys();
        const QJsonObject wanted = terms[u"order"_s].toObject();
        if (wanted.contains(u"_key"_s)) {
            const bool descending = wanted[u"_key"_s].toString() == u"desc";
            std::stable_sort(order.begin(), order.end(), [&](const QString &a, const QString &b) {
                const int compared = compareValues(keys.value(a), keys.value(b));
                return descending ? compared > 0 : compared < 0;
            });
        } else {
            std::stable_sort(order.begin(), order.end(), [&](const QString &a, const QString &b) {
                return groups.value(a).size() > groups.value(b).size();
            });
        }
        const qsizetype size = terms[u"size"_s].toInt(10);
        QJsonArray buckets;
        qint64 others = 0;
        for (qsizetype i = 0; i < order.size(); ++i) {
            const QList<QJsonObject> &group = groups.value(order.at(i));
            if (i >= size) {
                others += group.size();
                continue;
            }
            QJsonObject bucket = aggregate(subAggregations, group);
            bucket.insert(u"key"_s, keys.value(order.at(i)));
            bucket.insert(u"doc_count"_s, qint64(group.size()));
            buckets.append(bucket);
        }
        results.insert(it.key(),
                       QJsonObject{{u"buckets"_s, buckets}, {u"sum_other_doc_count"_s, others}});
    }
    return results;
}

} // namespace

IndexTestServer::IndexTestServer(QObject *parent)
    : QObject(parent)
{ }

IndexTestServer::~IndexTestServer()
{
    // The sockets signal "disconnected" as they go; they must not reach members that are
    // already destroyed.
    if (!m_server)
        return;
    const auto sockets = m_server->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        delete socket;
    }
}

bool IndexTestServer::startTls(const QSslCertificate &certificate, const QSslKey &key)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
    return start();
}

bool IndexTestServer::start(quint16 port)
{
    if (!m_server)
        m_server = std::make_unique<QTcpServer>();
    // Emitted for plain connections at once and for TLS ones after the handshake.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &IndexTestServer::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

QString IndexTestServer::url() const
{
    return (m_tls ? u"https://127.0.0.1:%1"_s : u"http://127.0.0.1:%1"_s).arg(m_port);
}

void IndexTestServer::setRefusingConnections(bool refuse)
{
    if (refuse)
        m_server->close();
    else if (!m_server->isListening())
        m_server->listen(QHostAddress::LocalHost, m_port);
}

void IndexTestServer::failNextRequests(int count, int status)
{
    m_failNext = count;
    m_failStatus = status;
}

void IndexTestServer::setStallMilliseconds(int milliseconds)
{
    m_stallMs = milliseconds;
}

void IndexTestServer::dropNextConnections(int count)
{
    m_dropNext = count;
}

void IndexTestServer::answerNextRequests(int count, const QString &pathSuffix, int status,
                                         const QByteArray &contentType, const QByteArray &body)
{
    m_canned = {count, pathSuffix, status, contentType, body};
}

void IndexTestServer::failBulkItems(const QSet<QString> &ids, int status, const QString &errorType)
{
    m_failingItems = ids;
    m_failingItemStatus = status;
    m_failingItemType = errorType;
}

QJsonObject IndexTestServer::document(const QString &index, const QString &id) const
{
    return m_indices.value(index).documents.value(id).source;
}

qint64 IndexTestServer::documentCount(const QString &index) const
{
    return m_indices.value(index).documents.size();
}

void IndexTestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_dropNext > 0) {
            --m_dropNext;
            socket->abort();
            socket->deleteLater();
            continue;
        }
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void IndexTestServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() < 2) {
            socket->abort();
            return;
        }
        qsizetype length = 0;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        Request request;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "authorization")
                request.authorization = line.mid(colon + 1).trimmed();
        }
        request.method = requestLine.at(0);
        const QUrl target(QString::fromUtf8(requestLine.at(1)));
        request.path = target.path();
        for (const auto &[key, value] : QUrlQuery(target).queryItems())
            request.query.insert(key, value);
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        ++m_requests;
        m_log << QString::fromUtf8(request.method) + u' ' + request.path;

        if (m_stallMs > 0) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(m_stallMs, this, [this, guarded, request] {
                if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
                    answer(guarded, request);
            });
        } else {
            answer(socket, request);
        }
    }
}

void IndexTestServer::answer(QTcpSocket *socket, const Request &request)
{
    if (m_canned.count > 0 && request.path.endsWith(m_canned.pathSuffix)) {
        --m_canned.count;
        socket->write("HTTP/1.1 " + QByteArray::number(m_canned.status) + ' '
                      + reasonPhrase(m_canned.status) + "\r\nContent-Type: " + m_canned.contentType
                      + "\r\nContent-Length: " + QByteArray::number(m_canned.body.size())
                      + "\r\n\r\n" + m_canned.body);
        socket->flush();
        return;
    }
    Response response;
    if (m_failNext > 0) {
        --m_failNext;
        response = error(m_failStatus,
                         m_failStatus == 429 ? u"es_rejected_execution_exception"_s
                                             : u"unavailable_shards_exception"_s,
                         u"the test server was told to fail"_s);
    } else {
        const bool fixedCredential
            = !m_authorization.isEmpty() && request.authorization == m_authorization;
        const IndexTestServerApiKeys::Key *key
            = fixedCredential ? nullptr : m_apiKeys.find(request.authorization);
        if (!fixedCredential && !key && IndexTestServerApiKeys::isApiKey(request.authorization)) {
            response = error(401, u"security_exception"_s,
                             u"unable to authenticate with provided credentials and anonymous "
                             "access is not allowed for this request"_s);
        } else if (!fixedCredential && !key && !m_authorization.isEmpty()) {
            response = error(401, u"security_exception"_s,
                             u"missing authentication credentials for REST request"_s);
        } else {
            response = route(request, key);
        }
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reasonPhrase(response.status) + "\r\n";
    head += "Content-Type: application/json\r\n";
    head += "X-elastic-product: Elasticsearch\r\n";
    const QByteArray body = request.method == "HEAD" ? QByteArray() : response.body;
    head += "Content-Length: " + QByteArray::number(request.method == "HEAD" ? 0 : body.size())
        + "\r\n\r\n";
    socket->write(head + body);
    socket->flush();
}

IndexTestServer::Response IndexTestServer::json(const QJsonObject &object, int status)
{
    return {status, QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

IndexTestServer::Response IndexTestServer::error(int status, const QString &type,
                                                 const QString &reason)
{
    const QJsonObject cause{{u"type"_s, type}, {u"reason"_s, reason}};
    return json(
        {{u"error"_s,
          QJsonObject{
              {u"root_cause"_s, QJsonArray{cause}}, {u"type"_s, type}, {u"reason"_s, reason}}},
         {u"status"_s, status}},
        status);
}

IndexTestServer::Response IndexTestServer::error(const IndexTestServerApiKeys::Refusal &refusal)
{
    return error(refusal.status, refusal.type, refusal.reason);
}

IndexTestServer::Response IndexTestServer::createApiKey(const Request &request,
                                                        const IndexTestServerApiKeys::Key *key)
{
    if (key) {
        if (const auto refused = IndexTestServerApiKeys::checkCluster(
                *key, u"cluster:admin/xpack/security/api_key/create"_s,
                {u"manage_own_api_key"_s, u"manage_api_key"_s, u"manage_security"_s, u"all"_s}))
            return error(*refused);
    }
    QString owner = u"elastic"_s;
    if (request.authorization.startsWith("Basic ")) {
        const QByteArray user = QByteArray::fromBase64(request.authorization.mid(6));
        owner = QString::fromUtf8(user.left(user.indexOf(':')));
    }
    QJsonObject answer;
    if (const auto refused
        = m_apiKeys.create(QJsonDocument::fromJson(request.body).object(), key, owner, &answer))
        return error(*refused);
    return json(answer);
}

IndexTestServer::Response IndexTestServer::route(const Request &request,
                                                 const IndexTestServerApiKeys::Key *key)
{
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts);
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();

    if (parts.size() == 2 && parts.at(0) == u"_scripts"
        && (request.method == "PUT" || request.method == "POST")) {
        if (key) {
            if (const auto refused = IndexTestServerApiKeys::checkCluster(
                    *key, u"cluster:admin/script/put"_s, {u"manage"_s, u"all"_s}))
                return error(*refused);
        }
        m_scripts.insert(parts.at(1), body[u"script"_s].toObject());
        return json({{u"acknowledged"_s, true}});
    }
    if (parts == QStringList{u"_security"_s, u"api_key"_s}
        && (request.method == "PUT" || request.method == "POST"))
        return createApiKey(request, key);
    if (parts.size() == 1 && parts.at(0) == u"_bulk" && request.method == "POST")
        return bulk(QString(), request.body, key);
    if (parts.isEmpty())
        return json({{u"name"_s, u"index-test-server"_s},
                     {u"version"_s, QJsonObject{{u"number"_s, u"8.11.0"_s}}},
                     {u"tagline"_s, u"You Know, for Search"_s}});

    const QString index = parts.at(0);
    const QString operation = parts.value(1);
    // As Elasticsearch: a key is refused before it can learn whether the index exists.
    if (const auto [action, granting] = indexAction(request.method, parts);
        key && !action.isEmpty()) {
        if (const auto refused
            = IndexTestServerApiKeys::checkIndices(*key, action, index.split(u','), granting))
            return error(*refused);
    }
    if (parts.size() == 1) {
        if (request.method == "HEAD")
            return {m_indices.contains(index) ? 200 : 404, {}};
        if (request.method == "PUT") {
            if (m_indices.contains(index)) {
                return error(400, u"resource_already_exists_exception"_s,
                             u"index [%1] already exists"_s.arg(index));
            }
            m_indices.insert(index, {body[u"mappings"_s].toObject(), {}});
            return json(
                {{u"acknowledged"_s, true}, {u"shards_acknowledged"_s, true}, {u"index"_s, index}});
        }
        if (request.method == "DELETE") {
            if (!m_indices.remove(index))
                return error(404, u"index_not_found_exception"_s,
                             u"no such index [%1]"_s.arg(index));
            return json({{u"acknowledged"_s, true}});
        }
    }
    if (!m_indices.contains(index) && parts.value(1) != u"_bulk") {
        return error(404, u"index_not_found_exception"_s, u"no such index [%1]"_s.arg(index));
    }
    if (operation == u"_bulk" && request.method == "POST")
        return bulk(index, request.body, key);
    if (operation == u"_refresh")
        return json(
            {{u"_shards"_s, QJsonObject{{u"total"_s, 1}, {u"successful"_s, 1}, {u"failed"_s, 0}}}});
    if (operation == u"_count") {
        return json({{u"count"_s, qint64(m_indices.value(index).documents.size())}});
    }
    if (operation == u"_doc" && parts.size() == 3 && request.method == "GET") {
        const auto &documents = m_indices[index].documents;
        const auto found = documents.constFind(parts.at(2));
        if (found == documents.constEnd())
            return json({{u"_index"_s, index}, {u"_id"_s, parts.at(2)}, {u"found"_s, false}}, 404);
        return json({{u"_index"_s, index},
                     {u"_id"_s, parts.at(2)},
                     {u"_version"_s, found->version},
                     {u"found"_s, true},
                     {u"_source"_s, found->source}});
    }
    if (operation == u"_search" && (request.method == "POST" || request.method == "GET"))
        return search(index, body);
    return error(400, u"illegal_argument_exception"_s,
                 u"the test server does not implement %1 %2"_s.arg(
                     QString::fromUtf8(request.method), request.path));
}

IndexTestServer::Response IndexTestServer::bulk(const QString &defaultIndex, const QByteArray &body,
                                                const IndexTestServerApiKeys::Key *key)
{
    m_lastBulkBody = body;
    const QList<QByteArray> lines = body.split('\n');
    QJsonArray items;
    bool errors = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        const QJsonObject header = QJsonDocument::fromJson(lines.at(i)).object();
        if (header.isEmpty())
            return error(400, u"parse_exception"_s, u"malformed action/metadata line"_s);
        const QString action = header.begin().key();
        const QJsonObject meta = header.begin().value().toObject();
        QJsonObject source;
        if (action != u"delete") {
            ++i;
            source = QJsonDocument::fromJson(lines.value(i)).object();
        }
        ++m_bulkItems;
        ++m_itemCounts[meta.value(u"_id"_s).toVariant().toString()];
        const QJsonObject item = bulkItem(action, meta, source, defaultIndex, key);
        if (item.contains(u"error"_s))
            errors = true;
        items.append(QJsonObject{{action, item}});
    }
    return json({{u"took"_s, 1}, {u"errors"_s, errors}, {u"items"_s, items}});
}

QJsonObject IndexTestServer::bulkItem(const QString &action, const QJsonObject &meta,
                                      const QJsonObject &body, const QString &defaultIndex,
                                      const IndexTestServerApiKeys::Key *key)
{
    const QString indexName = meta.value(u"_index"_s).toString(defaultIndex);
    const QString id = meta.value(u"_id"_s).toVariant().toString();
    QJsonObject item{{u"_index"_s, indexName}, {u"_id"_s, id}};
    auto fail = [&](int status, const QString &type, const QString &reason) {
        item.insert(u"status"_s, status);
        item.insert(u"error"_s, QJsonObject{{u"type"_s, type}, {u"reason"_s, reason}});
        return item;
    };
    if (m_failingItems.contains(id))
        return fail(m_failingItemStatus, m_failingItemType,
                    u"the test server was told to fail this item"_s);
    // As Elasticsearch: an item of an index the key may not write fails alone.
    if (key) {
        const QStringList granting = action == u"delete"
            ? QStringList{u"delete"_s, u"write"_s, u"all"_s}
            : QStringList{u"index"_s, u"write"_s, u"all"_s};
        if (const auto refused = IndexTestServerApiKeys::checkIndices(
                *key, u"indices:data/write/%1"_s.arg(action), {indexName}, granting))
            return fail(refused->status, refused->type, refused->reason);
    }
    if (!m_indices.contains(indexName))
        return fail(404, u"index_not_found_exception"_s, u"no such index [%1]"_s.arg(indexName));
    auto &documents = m_indices[indexName].documents;
    const bool exists = documents.contains(id);

    if (action == u"index") {
        qint64 version = exists ? documents[id].version + 1 : 1;
        if (meta.value(u"version_type"_s).toString() == u"external") {
            const qint64 wanted = meta.value(u"version"_s).toInteger();
            if (exists && wanted <= documents[id].version) {
                return fail(409, u"version_conflict_engine_exception"_s,
                            u"[%1]: version conflict, current version [%2] is higher or equal to "
                            "the one provided [%3]"_s.arg(id)
                                .arg(documents[id].version)
                                .arg(wanted));
            }
            version = wanted;
        }
        documents[id] = {body, version};
        item.insert(u"_version"_s, version);
        item.insert(u"result"_s, exists ? u"updated"_s : u"created"_s);
        item.insert(u"status"_s, exists ? 200 : 201);
        return item;
    }
    if (action == u"update") {
        const QJsonObject script = body.value(u"script"_s).toObject();
        if (script.value(u"id"_s).toString() != applyIfNewer || !m_scripts.contains(applyIfNewer)) {
            return fail(400, u"illegal_argument_exception"_s,
                        u"the test server runs only the stored script %1"_s.arg(applyIfNewer));
        }
        if (!exists && !body.contains(u"upsert"_s)) {
            return fail(404, u"document_missing_exception"_s, u"[%1]: document missing"_s.arg(id));
        }
        if (!exists && !body.value(u"scripted_upsert"_s).toBool()) {
            // As Elasticsearch: a missing document is created from "upsert", unscripted.
            documents[id] = {body.value(u"upsert"_s).toObject(), 1};
            item.insert(u"result"_s, u"created"_s);
            item.insert(u"status"_s, 201);
            item.insert(u"_version"_s, 1);
            return item;
        }
        // The stored script: apply params.fields and params.rowVersion unless the document
        // already holds an equal or newer rowVersion.
        const QJsonObject params = script.value(u"params"_s).toObject();
        Document document
            = exists ? documents[id] : Document{body.value(u"upsert"_s).toObject(), 0};
        const QJsonValue current = document.source.value(u"rowVersion"_s);
        if (exists && current.isDouble()
            && current.toInteger() >= params.value(u"rowVersion"_s).toInteger()) {
            item.insert(u"result"_s, u"noop"_s);
            item.insert(u"status"_s, 200);
            item.insert(u"_version"_s, document.version);
            return item;
        }
        const QJsonObject fields = params.value(u"fields"_s).toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            document.source.insert(it.key(), it.value());
        document.source.insert(u"rowVersion"_s, params.value(u"rowVersion"_s));
        document.version += 1;
        documents[id] = document;
        item.insert(u"result"_s, exists ? u"updated"_s : u"created"_s);
        item.insert(u"status"_s, exists ? 200 : 201);
        item.insert(u"_version"_s, document.version);
        return item;
    }
    if (action == u"delete") {
        if (!exists) {
            item.insert(u"result"_s, u"not_found"_s);
            item.insert(u"status"_s, 404);
            return item;
        }
        documents.remove(id);
        item.insert(u"result"_s, u"deleted"_s);
        item.insert(u"status"_s, 200);
        return item;
    }
    return fail(400, u"illegal_argument_exception"_s, u"unknown bulk action [%1]"_s.arg(action));
}

IndexTestServer::Response IndexTestServer::search(const QString &index, const QJsonObject &body)
{
    const auto &documents = m_indices[index].documents;
    const QJsonObject properties = m_indices[index].mapping.value(u"properties"_s).toObject();
    const QJsonObject query = body.value(u"query"_s).toObject();
    const QJsonObject postFilter = body.value(u"post_filter"_s).toObject();
    QList<QPair<QString, QJsonObject>> hits;
    for (auto it = documents.constBegin(); it != documents.constEnd(); ++it) {
        if ((query.isEmpty() || matches(it->source, query))
            && (postFilter.isEmpty() || matches(it->source, postFilter))) {
            hits.append({it.key(), it->source});
        }
    }
    // A keyword field (or .keyword subfield) with the lowercase normalizer sorts lower-cased.
    const auto sortValue = [&properties](const QJsonObject &source, const QString &field) {
        const bool subfield = field.endsWith(u".keyword"_s);
        const QString base = subfield ? field.chopped(8) : field;
        const QJsonObject mapped = properties.value(base).toObject();
        const QString normalizer = subfield
            ? mapped[u"fields"_s][u"keyword"_s][u"normalizer"_s].toString()
            : mapped[u"normalizer"_s].toString();
        const QJsonValue value = source.value(base);
        return normalizer == u"lowercase" ? QJsonValue(value.toString().toLower()) : value;
    };

    QList<QPair<QString, bool>> sort; // field, descending
    for (const QJsonValue &entry : body.value(u"sort"_s).toArray()) {
        if (entry.isString()) {
            sort.append({entry.toString(), false});
            continue;
        }
        const QJsonObject object = entry.toObject();
        const QJsonValue order = object.begin().value();
        const QString direction
            = order.isObject() ? order.toObject()[u"order"_s].toString() : order.toString();
        sort.append({object.begin().key(), direction == u"desc"});
    }
    auto sortValues = [&](const QJsonObject &source, const QString &id) {
        QJsonArray values;
        for (const auto &[field, descending] : sort) {
            Q_UNUSED(descending);
            values.append(field == u"_id" ? QJsonValue(id) : sortValue(source, field));
        }
        return values;
    };
    auto compareHits = [&](const QJsonArray &a, const QJsonArray &b) {
        for (qsizetype i = 0; i < sort.size(); ++i) {
            const int order = compareValues(a.at(i), b.at(i));
            if (order != 0)
                return sort.at(i).second ? -order : order;
        }
        return 0;
    };
    std::stable_sort(hits.begin(), hits.end(), [&](const auto &a, const auto &b) {
        const int order = compareHits(sortValues(a.second, a.first), sortValues(b.second, b.first));
        return order != 0 ? order < 0 : a.first < b.first;
    });
    const qint64 total = hits.size();
    if (body.contains(u"search_after"_s)) {
        const QJsonArray after = body.value(u"search_after"_s).toArray();
        hits.erase(std::remove_if(hits.begin(), hits.end(),
                                  [&](const auto &hit) {
                                      return compareHits(sortValues(hit.second, hit.first), after)
                                          <= 0;
                                  }),
                   hits.end());
    }
    const qsizetype size = body.value(u"size"_s).toInt(10);
    QJsonArray hitArray;
    for (qsizetype i = 0; i < std::min(size, hits.size()); ++i) {
        QJsonObject hit{
            {u"_index"_s, index}, {u"_id"_s, hits.at(i).first}, {u"_source"_s, hits.at(i).second}};
        if (!sort.isEmpty())
            hit.insert(u"sort"_s, sortValues(hits.at(i).second, hits.at(i).first));
        hitArray.append(hit);
    }

    QJsonObject result{
        {u"took"_s, 1},
        {u"timed_out"_s, false},
        {u"hits"_s,
         QJsonObject{{u"total"_s, QJsonObject{{u"value"_s, total}, {u"relation"_s, u"eq"_s}}},
                     {u"hits"_s, hitArray}}}};
    const QJsonObject aggregations = body.value(u"aggs"_s).toObject();
    if (!aggregations.isEmpty()) {
        QList<QJsonObject> matched;
        for (auto doc = documents.constBegin(); doc != documents.constEnd(); ++doc) {
            if (query.isEmpty() || matches(doc->source, query))
                matched << doc->source;
        }
        result.insert(u"aggregations"_s, aggregate(aggregations, matched));
    }
    return json(result);
}

} // namespace calloutdesk::test
