#pragma once

#include "NotificationChannel.h"

#include <unordered_map>
#include <QString>

#include <memory>

namespace calloutdesk {

// The channels one desk can send through, by key ("email", "fax", "sms", "whatsapp"),
// built from its configuration. A key without a channel is one this desk cannot send:
// its messages are recorded as failed with that reason, not silently kept.
class NotificationChannels
{
public:
    void add(const QString &key, std::unique_ptr<NotificationChannel> channel)
    {
        m_channels[key] = std::move(channel);
    }
    NotificationChannel *find(const QString &key) const
    {
        const auto it = m_channels.find(key);
        return it == m_channels.end() ? nullptr : it->second.get();
    }
    bool isEmpty() const { return m_channels.empty(); }

private:
    std::unordered_map<QString, std::unique_ptr<NotificationChannel>> m_channels;
};

} // namespace calloutdesk
