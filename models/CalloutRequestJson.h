#pragma once

#include "CalloutRequest.h"

#include <QJsonObject>

#include <optional>

namespace calloutdesk {

// A whole CalloutRequest as JSON and back, for a request kept to be submitted later (the
// offline journal, SPEC O3): every part, the request id (C9), the statuses the person saw
// (C6) and the time it was made, so the request submitted later is the one made.
class CalloutRequestJson
{
public:
    static QJsonObject toJson(const CalloutRequest &request);
    // Empty when the object is not a request this program wrote (a part missing or
    // unknown): a request is submitted as it was made or not at all.
    static std::optional<CalloutRequest> fromJson(const QJsonObject &object);
};

} // namespace calloutdesk
