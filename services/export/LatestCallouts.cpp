#include "LatestCallouts.h"

namespace calloutdesk {

QHash<qint64, AuditRow> LatestCallouts::pick(const QList<AuditRow> &rows)
{
    // "Latest" is the newest row, draft or completed alike, not "the newest completed
    // one": every submit deletes the order's draft (SPEC C4), so a draft that still
    // exists is newer than every completed row of its order, and it concerns only the
    // reports it was saved for. An Attempted report therefore shows the attempt that
    // made it Attempted, a Done report the completion that made it Done, and a report
    // sent back to Pending its last completed callout, if any: what a lab would answer
    // when asked "what was the last thing done about this result?".
    QHash<qint64, AuditRow> latest;
    for (const AuditRow &row : rows) {
        const auto known = latest.constFind(row.labReportId);
        if (known == latest.cend() || known->createdOn < row.createdOn
            || (known->createdOn == row.createdOn && known->id < row.id)) {
            latest.insert(row.labReportId, row);
        }
    }
    return latest;
}

} // namespace calloutdesk
