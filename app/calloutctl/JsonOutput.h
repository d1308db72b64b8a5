#pragma once

#include "models/AuditRow.h"
#include "models/BillRecords.h"
#include "models/CalloutOutcome.h"
#include "models/HistoryEntry.h"

#include <QJsonArray>
#include <QJsonObject>

namespace calloutdesk {

// calloutctl --json: the shapes of the original API (seeds/api-reference.txt), so that
// scripts written against it read CalloutDesk's output unchanged.
class JsonOutput
{
public:
    static QJsonObject records(const BillRecords &records);
    static QJsonArray history(const QList<HistoryEntry> &entries);
    static QJsonArray audit(const QList<AuditRow> &rows);
    static QJsonObject outcome(const CalloutOutcome &outcome);
};

} // namespace calloutdesk
