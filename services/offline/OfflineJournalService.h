#pragma once

#include "OfflineCacheLocation.h"
#include "OfflineJournal.h"
#include "services/callout/CalloutKeeper.h"

#include <QFuture>

#include <functional>

namespace calloutdesk {

// The desk's way into one person's offline journal (SPEC O3), off the UI thread: it keeps
// the callouts the server cannot take now (a CalloutKeeper for the callout dialog), and it
// reads and resolves what the server refused, for "Needs attention". Each job opens the
// person's cache on its own thread and closes it there, so it never shares a connection
// with the journal's replay on the writing lane.
class OfflineJournalService : public CalloutKeeper
{
public:
    // `offline` says, on the UI thread, whether the desk knows its server is out of reach.
    OfflineJournalService(OfflineCacheLocation cache, std::function<bool()> offline);

    const OfflineCacheLocation &location() const { return m_location; }

    bool isOffline() const override;
    Result<qint64> keep(const SessionScope &scope, const CalloutRequest &request,
                        const BillParties &order) const override;

    QFuture<Result<QList<OfflineJournal::Entry>>> needsAttention() const;
    QFuture<Result<qint64>> recordAgain(qint64 id, const SessionScope &scope) const;
    QFuture<Status> discard(qint64 id, const QString &reason, const SessionScope &scope) const;

private:
    OfflineCacheLocation m_location;
    std::function<bool()> m_offline;
};

} // namespace calloutdesk
