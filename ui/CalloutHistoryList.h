#pragma once

#include "models/HistoryEntry.h"

#include <QListWidget>

namespace calloutdesk {

// The callout timeline of an order (SPEC R4, U2), newest first so the latest callout is
// seen without scrolling. Attempts and completed callouts differ by icon and by title,
// so neither colour nor shape alone carries the difference.
class CalloutHistoryList : public QListWidget
{
    Q_OBJECT

public:
    // On entry rows: true for an attempt, false for a completed callout. Absent on the
    // rows that only say "loading" or "nothing yet".
    static constexpr int IsAttemptRole = Qt::UserRole + 1;

    explicit CalloutHistoryList(QWidget *parent = nullptr);

    void showLoading();
    void showProblem(const QString &message);
    // `entries` oldest first, as the history reader returns them.
    void setEntries(const QList<HistoryEntry> &entries);

    static QString titleOf(const HistoryEntry &entry);
    static QIcon iconOf(const HistoryEntry &entry);
    static QString detailsOf(const HistoryEntry &entry);
    // "Tried: Dr. Jones (Referral) — No answer", from the attempt of an entry's meta.
    static QString attemptLine(const QJsonObject &attempt);
    // One line per message of a done callout: how it went (SPEC N3).
    static QString deliveryLine(const NotificationDelivery &delivery);

private:
    void showNote(const QString &note);
};

} // namespace calloutdesk
