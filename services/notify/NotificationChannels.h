#pragma once

#include "NotificationChannel.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <unordered_map>
#include <vector>

namespace calloutdesk {

// The channels one desk can send through, by key ("email", "fax", "sms", "whatsapp"),
// built from its configuration. A desk claims only messages of the keys it has: a message
// for a channel this desk was not set up for waits for a desk that is, visibly pending.
class NotificationChannels
{
public:
    // One channel may serve several keys (the gateway channel serves fax, SMS and WhatsApp).
    void add(const QStringList &keys, std::unique_ptr<NotificationChannel> channel)
    {
        for (const QString &key : keys)
            m_byKey[key] = channel.get();
        m_owned.push_back(std::move(channel));
    }
    NotificationChannel *find(const QString &key) const
    {
        const auto it = m_byKey.find(key);
        return it == m_byKey.end() ? nullptr : it->second;
    }
    QStringList keys() const
    {
        QStringList keys;
        for (const auto &[key, channel] : m_byKey)
            keys << key;
        keys.sort();
        return keys;
    }
    bool isEmpty() const { return m_byKey.empty(); }

private:
    std::vector<std::unique_ptr<NotificationChannel>> m_owned;
    std::unordered_map<QString, NotificationChannel *> m_byKey;
};

} // namespace calloutdesk
