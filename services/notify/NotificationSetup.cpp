#include "NotificationSetup.h"

#include "EmailRenderer.h"
#include "GatewayChannel.h"
#include "SmtpChannel.h"
#include "SmtpSettings.h"
#include "models/CommunicationMethod.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

NotificationSetup::Channels NotificationSetup::fromConfiguration(const CommandLine &commandLine,
                                                                 const QSettings &settings)
{
    Channels result{std::make_unique<NotificationChannels>(), {}};

    if (const auto smtp = SmtpSettings::configured(commandLine.smtp, settings)) {
        auto renderer = EmailRenderer::fromResources();
        if (!*smtp)
            result.problems << smtp->failure().message;
        else if (!renderer)
            result.problems << renderer.failure().message;
        else
            result.channels->add({CommunicationMethodInfo::key(CommunicationMethod::Email)},
                                 std::make_unique<SmtpChannel>(smtp->value(), renderer.value()));
    }

    const QMap<CommunicationMethod, QString> gatewayUrls{
        {CommunicationMethod::Fax, commandLine.faxGateway},
        {CommunicationMethod::Sms, commandLine.smsGateway},
        {CommunicationMethod::WhatsApp, commandLine.whatsappGateway}};
    auto gateways = GatewayChannel::configured(gatewayUrls, settings);
    if (!gateways) {
        result.problems << gateways.failure().message;
    } else {
        QStringList keys;
        for (const CommunicationMethod method :
             {CommunicationMethod::Fax, CommunicationMethod::Sms, CommunicationMethod::WhatsApp})
            if (gateways.value().hasGateway(method))
                keys << CommunicationMethodInfo::key(method);
        if (!keys.isEmpty())
            result.channels->add(keys, std::make_unique<GatewayChannel>(std::move(gateways).value()));
    }
    return result;
}

} // namespace calloutdesk
