#pragma once

#include "NotificationContent.h"
#include "NotificationMessage.h"
#include "services/Failure.h"

namespace calloutdesk {

// A way out for notifications (SPEC N1, N2): email over SMTP, or a fax, SMS or WhatsApp
// gateway. deliver() blocks until the message is accepted or refused; the outbox worker
// calls it off the UI thread. Its failure kind tells the worker what to do (SPEC N4):
//   Unavailable   — transient (server down, timeout, 4xx SMTP, 5xx HTTP): retry later;
//   Configuration — the settings are refused (login, TLS, certificate, HTTP 401/403):
//                   pause the channel on this desk, keep the message waiting;
//   InvalidInput  — permanent for this message (address refused, 4xx HTTP): record as
//                   failed with the message, never retry;
//   Internal      — a bug: record as failed.
class NotificationChannel
{
public:
    virtual ~NotificationChannel() = default;
    virtual Status deliver(const NotificationMessage &message,
                           const NotificationContent &content) = 0;
};

} // namespace calloutdesk
