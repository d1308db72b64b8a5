#include "NotificationSetup.h"

#include "EmailRenderer.h"
#include "GatewayChannel.h"
#include "MailPasswordStore.h"
#include "SmtpChannel.h"
#include "SmtpSettings.h"
#include "models/CommunicationMethod.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

NotificationSetup::Channels NotificationSetup::fromConfiguration(const CommandLine &commandLine,
                                                                 const QSettings &settings,
                                                                 Keychain keychain)
{
    Channels result{std::make_unique<NotificationChannels>(), {}};

    if (const auto smtp = SmtpSettings::configured(commandLine.smtp, settings)) {
        auto renderer = EmailRenderer::fromResources();
        std::optional<SmtpSettings> mail;
        if (*smtp)
            mail = smtp->value();
        if (mail && mail->needsPassword() && keychain == Keychain::Read) {
            const Result<QString> password = MailPasswordStore::read(*mail);
            if (password) {
                mail->setPassword(password.value());
            } else {
                // Without its password the channel could only fail every message; leave
                // them for a desk that can log in.
                result.problems << QCoreApplication::translate(
                                       "NotificationSetup",
                                       "The mail server wants a password for %1: store it with "
                                       "\"calloutctl mail-password\" or set %2. %3")
                                       .arg(mail->userName(),
                                            QLatin1StringView(SmtpSettings::passwordVariable),
                                            password.failure().message);
                mail.reset();
            }
        }
        if (!*smtp)
            result.problems << smtp->failure().message;
        else if (!renderer)
            result.problems << renderer.failure().message;
        else if (mail)
            result.channels->add({CommunicationMethodInfo::key(CommunicationMethod::Email)},
                                 std::make_unique<SmtpChannel>(*mail, renderer.value()));
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
