#include "GatewayLog.h"

Q_LOGGING_CATEGORY(lcGateway, "calloutdesk.gateway", QtWarningMsg)
