#include "MailLog.h"

Q_LOGGING_CATEGORY(lcMail, "calloutdesk.mail", QtWarningMsg)
