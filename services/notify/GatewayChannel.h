#pragma once

#include "GatewayEndpoint.h"
#include "NotificationChannel.h"

#include <QCoreApplication>
#include <QMap>

class QSettings;

namespace calloutdesk {

// Fax, SMS and WhatsApp through HTTP gateways (SPEC N2): each message is POSTed as
// GatewayPayload JSON to the gateway of its channel, with the endpoint's secret header and
// "Idempotency-Key: <outbox id>", so that a retry after a lost answer cannot send twice
// through a gateway that honours the key.
//
// deliver() blocks: it runs its own event loop for the request, on whatever thread calls
// it (the outbox worker's, which has no event loop of its own). A GatewayChannel holds
// only configuration, so several threads may deliver through one at the same time.
//
// Answers, as NotificationChannel's contract wants them:
//   2xx                                       → done
//   refused, unreachable, timed out, 408, 429, 5xx → Unavailable (retry)
//   401, 403, certificate not trusted or expired → Configuration (pause the channel)
//   any other 4xx                             → InvalidInput, with the status and the start
//                                               of the gateway's answer
//   3xx, no gateway for the channel, unknown channel → Internal
// Redirects are not followed: they would carry the secret to wherever the gateway points.
class GatewayChannel final : public NotificationChannel
{
    Q_DECLARE_TR_FUNCTIONS(GatewayChannel)

public:
    // The longest part of a gateway's answer quoted in a failure.
    static constexpr qsizetype quotedAnswerLength = 300;

    GatewayChannel() = default;
    explicit GatewayChannel(const QList<GatewayEndpoint> &endpoints);

    // The gateways of fax, SMS and WhatsApp as configured (GatewayEndpoint::configured),
    // `commandLineUrls` holding the --fax-gateway … values given. A channel without a
    // gateway is left out; one whose configuration is wrong fails the whole, so that a
    // typo shows at start and not at the first callout.
    static Result<GatewayChannel>
    configured(const QMap<CommunicationMethod, QString> &commandLineUrls,
               const QSettings &settings);

    // Sets (or replaces) the gateway of endpoint.method().
    void setEndpoint(const GatewayEndpoint &endpoint);
    bool hasGateway(CommunicationMethod method) const { return m_endpoints.contains(method); }

    Status deliver(const NotificationMessage &message, const NotificationContent &content) override;

private:
    QMap<CommunicationMethod, GatewayEndpoint> m_endpoints;
};

} // namespace calloutdesk
