#include "DeliverySummary.h"

#include "CommunicationMethod.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString channelLabel(const QString &channel)
{
    const auto method = CommunicationMethodInfo::fromKey(channel);
    return method ? CommunicationMethodInfo::label(*method) : channel;
}

bool failedMessage(const NotificationDelivery &delivery)
{
    return delivery.state == u"failed";
}

bool waitingMessage(const NotificationDelivery &delivery)
{
    return delivery.state == u"pending" || delivery.state == u"sending";
}

} // namespace

DeliverySummary::DeliverySummary(QList<NotificationDelivery> deliveries)
    : m_deliveries(std::move(deliveries))
{ }

bool DeliverySummary::hasFailed() const
{
    return std::any_of(m_deliveries.cbegin(), m_deliveries.cend(), failedMessage);
}

bool DeliverySummary::isWaiting() const
{
    return std::any_of(m_deliveries.cbegin(), m_deliveries.cend(), waitingMessage);
}

QString DeliverySummary::text() const
{
    // Failures first: they need someone to act. Each phrase once, however many messages
    // share it (two faxes waiting read as one "Fax waiting to be sent").
    QStringList parts;
    const auto add = [&parts](const QString &part) {
        if (!parts.contains(part))
            parts << part;
    };
    for (const NotificationDelivery &delivery : m_deliveries)
        if (failedMessage(delivery))
            add(delivery.lastError.isEmpty()
                    ? tr("%1 failed").arg(channelLabel(delivery.channel))
                    : tr("%1 failed: %2").arg(channelLabel(delivery.channel), delivery.lastError));
    for (const NotificationDelivery &delivery : m_deliveries) {
        if (!waitingMessage(delivery))
            continue;
        add(delivery.attempts > 0
                ? tr("%1 waiting to retry").arg(channelLabel(delivery.channel))
                : tr("%1 waiting to be sent").arg(channelLabel(delivery.channel)));
    }
    return parts.join(u"; "_s);
}

} // namespace calloutdesk
