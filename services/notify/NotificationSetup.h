#pragma once

#include "NotificationChannels.h"
#include "services/Failure.h"

#include <QMap>
#include <QStringList>

#include <memory>

class QSettings;

namespace calloutdesk {

// Builds a desk's notification channels from its configuration (SPEC N1, N2): the mail
// server (--smtp, CALLOUTDESK_SMTP, mail/url) and the fax, SMS and WhatsApp gateways
// (--fax-gateway…, CALLOUTDESK_FAX_GATEWAY…, gateways/fax…). What is not configured is
// simply absent; what is configured wrongly is a problem, said in words.
class NotificationSetup
{
public:
    struct CommandLine
    {
        QString smtp;
        QString faxGateway;
        QString smsGateway;
        QString whatsappGateway;
    };

    struct Channels
    {
        std::unique_ptr<NotificationChannels> channels;
        QStringList problems;
    };

    enum class Keychain
    {
        Read, // a login without a password looks its password up in the keychain
        Skip  // a quick check of the configuration, e.g. on the UI thread at start
    };

    static Channels fromConfiguration(const CommandLine &commandLine, const QSettings &settings,
                                      Keychain keychain = Keychain::Read);
};

} // namespace calloutdesk
