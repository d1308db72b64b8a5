#pragma once

#include "EmailRenderer.h"
#include "NotificationChannel.h"
#include "SmtpSettings.h"

namespace calloutdesk {

// Email over SMTP through libcurl (SPEC N1, DESIGN "mail"): one message to one
// recipient per deliver(), as multipart/alternative with a plain-text and an HTML part,
// over plain SMTP, STARTTLS or implicit TLS as the settings say. Blocks until the server
// has accepted or refused the message; call it off the UI thread. Failures follow
// NotificationChannel:
//   Unavailable  — no connection, a timeout, a dropped connection, any 4xx reply;
//   InvalidInput — the recipient or the message refused with a 5xx reply (the server's
//                  own words in the message), or an address that is no address;
//   Configuration — the settings: login refused (535), TLS demanded (530), sender
//                  refused, certificate not trusted or expired, no password known;
//   Internal     — the message could not be put together.
// The password is handed to libcurl only; it is never in a message or a log line.
class SmtpChannel : public NotificationChannel
{
public:
    SmtpChannel(SmtpSettings settings, EmailRenderer renderer);

    Status deliver(const NotificationMessage &message, const NotificationContent &content) override;

    const SmtpSettings &settings() const { return m_settings; }

private:
    SmtpSettings m_settings;
    EmailRenderer m_renderer;
};

} // namespace calloutdesk
