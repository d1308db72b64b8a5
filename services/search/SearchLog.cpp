#include "SearchLog.h"

Q_LOGGING_CATEGORY(lcIndex, "calloutdesk.index", QtWarningMsg)
