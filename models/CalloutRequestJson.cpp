#include "CalloutRequestJson.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// The times are kept to the millisecond, in UTC: what is read back is the instant written.
QString timeText(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

template <typename T, typename KeyOf> QJsonArray keys(const QList<T> &values, KeyOf keyOf)
{
    QJsonArray array;
    for (const T &value : values)
        array.append(keyOf(value));
    return array;
}

template <typename T, typename FromKey>
std::optional<QList<T>> fromKeys(const QJsonValue &array, FromKey fromKey)
{
    if (!array.isArray())
        return std::nullopt;
    QList<T> values;
    for (const QJsonValue key : array.toArray()) {
        const std::optional<T> value = fromKey(key.toString());
        if (!value)
            return std::nullopt;
        values << *value;
    }
    return values;
}

} // namespace

QJsonObject CalloutRequestJson::toJson(const CalloutRequest &request)
{
    QJsonArray reportIds;
    for (const qint64 id : request.reportIds)
        reportIds.append(id);
    QJsonArray calls;
    for (const PhoneCall &call : request.phoneCalls)
        calls.append(call.toJson());
    QJsonObject expected;
    for (auto it = request.expectedStatuses.cbegin(); it != request.expectedStatuses.cend(); ++it)
        expected.insert(QString::number(it.key()), CriticalStatusInfo::toInt(it.value()));
    QJsonObject json{
        {u"bill_id"_s, request.billId},
        {u"report_ids"_s, reportIds},
        {u"kind"_s, request.isAttempt() ? u"attempt"_s : u"done"_s},
        {u"methods"_s, keys(request.methods, &CommunicationMethodInfo::key)},
        {u"recipients"_s, keys(request.recipients, &RecipientKindInfo::key)},
        {u"other"_s, request.other.toJson()},
        {u"phone_calls"_s, calls},
        {u"comment"_s, request.comment},
        {u"expected_statuses"_s, expected},
        {u"request_id"_s, request.requestId},
        {u"further_communication"_s, request.furtherCommunication},
        {u"made_at"_s, timeText(request.madeAt)},
    };
    if (request.attempt)
        json.insert(u"attempt"_s, request.attempt->toJson());
    return json;
}

std::optional<CalloutRequest> CalloutRequestJson::fromJson(const QJsonObject &object)
{
    CalloutRequest request;
    request.billId = object.value(u"bill_id"_s).toInteger();
    const QString kind = object.value(u"kind"_s).toString();
    if (request.billId <= 0 || (kind != u"attempt" && kind != u"done"))
        return std::nullopt;
    request.kind = kind == u"attempt" ? CalloutRequest::Kind::Attempt : CalloutRequest::Kind::Done;
    for (const QJsonValue id : object.value(u"report_ids"_s).toArray())
        request.reportIds << id.toInteger();
    const auto methods = fromKeys<CommunicationMethod>(object.value(u"methods"_s),
                                                       &CommunicationMethodInfo::fromKey);
    const auto recipients
        = fromKeys<RecipientKind>(object.value(u"recipients"_s), &RecipientKindInfo::fromKey);
    if (!methods || !recipients)
        return std::nullopt;
    request.methods = *methods;
    request.recipients = *recipients;
    request.other = ContactDetails::fromJson(object.value(u"other"_s).toObject());
    for (const QJsonValue call : object.value(u"phone_calls"_s).toArray())
        request.phoneCalls << PhoneCall::fromJson(call.toObject());
    request.comment = object.value(u"comment"_s).toString();
    if (object.contains(u"attempt"_s)) {
        const QJsonObject attempt = object.value(u"attempt"_s).toObject();
        const auto outcome = AttemptOutcomeInfo::fromKey(attempt.value(u"outcome"_s).toString());
        if (!outcome)
            return std::nullopt;
        request.attempt = CalloutAttempt{*outcome, PhoneCall::fromJson(attempt)};
    }
    const QJsonObject expected = object.value(u"expected_statuses"_s).toObject();
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        const auto status = CriticalStatusInfo::fromInt(it.value().toInt(-1));
        if (!status)
            return std::nullopt;
        request.expectedStatuses.insert(it.key().toLongLong(), *status);
    }
    request.requestId = object.value(u"request_id"_s).toString();
    request.furtherCommunication = object.value(u"further_communication"_s).toBool();
    if (const QString madeAt = object.value(u"made_at"_s).toString(); !madeAt.isEmpty()) {
        request.madeAt = QDateTime::fromString(madeAt, Qt::ISODateWithMs);
        if (!request.madeAt.isValid())
            return std::nullopt;
    }
    return request;
}

} // namespace calloutdesk
