#pragma once

#include "services/Failure.h"

#include <QString>

namespace calloutdesk {

// What a queue does with an item that could not be delivered (SPEC N4, E5):
//   Transient     — the server is down, busy or slow: retried with a growing delay;
//   Configuration — the settings are wrong (login refused, certificate not trusted, TLS
//                   demanded, 401/403): the lane is paused on that worker, the item waits
//                   without its attempt counted, and a probe resumes the lane once it works;
//   Permanent     — this item is refused (a recipient, a document): recorded with the
//                   server's reason; each queue says whether it gives up or retries slowly.
enum class FailureClass
{
    Transient,
    Configuration,
    Permanent,
};

inline FailureClass failureClassOf(const Failure &failure)
{
    switch (failure.kind) {
    case Failure::Kind::Unavailable:
        return FailureClass::Transient;
    case Failure::Kind::Configuration:
        return FailureClass::Configuration;
    case Failure::Kind::InvalidInput:
    case Failure::Kind::Conflict:
    case Failure::Kind::Internal:
        return FailureClass::Permanent;
    }
    return FailureClass::Permanent;
}

// The value of an outbox's failure_class column.
inline QString failureClassKey(FailureClass failureClass)
{
    switch (failureClass) {
    case FailureClass::Transient:
        return QStringLiteral("transient");
    case FailureClass::Configuration:
        return QStringLiteral("configuration");
    case FailureClass::Permanent:
        return QStringLiteral("permanent");
    }
    return {};
}

} // namespace calloutdesk
