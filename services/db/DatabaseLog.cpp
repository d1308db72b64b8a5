#include "DatabaseLog.h"

Q_LOGGING_CATEGORY(lcDatabase, "calloutdesk.db", QtWarningMsg)
