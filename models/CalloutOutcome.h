#pragma once

#include "CriticalStatus.h"

#include <QList>

namespace calloutdesk {

// What one committed callout changed.
struct CalloutOutcome
{
    struct Transition
    {
        qint64 reportId = 0;
        CriticalStatus from = CriticalStatus::Normal;
        CriticalStatus to = CriticalStatus::Normal;
    };

    QList<Transition> transitions;
    QList<qint64> auditRowIds;
    qint64 activityLogId = 0;
    bool replacedDraft = false;
    int notificationsQueued = 0;
    // SPEC C9: the submission's request id, and whether this outcome was recorded by an
    // earlier submission with the same id (then nothing was written now).
    QString requestId;
    bool alreadyRecorded = false;
    // The connection dropped while this submission committed; the database, asked again
    // by request id, confirmed that it was saved.
    bool confirmedAfterLostConnection = false;
    // SPEC O3: the server could not take it, so the desk kept it in its offline journal
    // (this entry) to send later; nothing above was written yet.
    qint64 keptOfflineAs = 0;
};

} // namespace calloutdesk
