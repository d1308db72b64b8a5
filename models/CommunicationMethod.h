#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// SPEC C1/N2: the channels a callout can use. A new channel is a new value here and a
// new notification setting key (D6); no existing key changes meaning.
enum class CommunicationMethod
{
    Email,
    Fax,
    Sms,
    WhatsApp
};

class CommunicationMethodInfo
{
public:
    static QList<CommunicationMethod> all();
    static QString label(CommunicationMethod method);      // "Email", "SMS", …
    static QString key(CommunicationMethod method);        // "email", "sms", …
    static QString settingKey(CommunicationMethod method); // "is_email", …
    static std::optional<CommunicationMethod> fromKey(const QString &key);
};

} // namespace calloutdesk
