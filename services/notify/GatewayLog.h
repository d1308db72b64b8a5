#pragma once

#include <QLoggingCategory>

// Fax, SMS and WhatsApp gateways (SPEC N2): QT_LOGGING_RULES="calloutdesk.gateway.debug=true".
// Messages name a gateway by its URL without credentials; no secret is ever logged.
Q_DECLARE_LOGGING_CATEGORY(lcGateway)
