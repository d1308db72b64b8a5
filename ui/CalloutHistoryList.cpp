#include "CalloutHistoryList.h"

#include "models/AttemptOutcome.h"
#include "models/DeliverySummary.h"
#include "models/DeskTime.h"
#include "models/PhoneCall.h"

#include <QIcon>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// The L2 "callout_for" is a list of test names; older rows may hold a single string.
QString joinedOrText(const QJsonValue &value)
{
    if (!value.isArray())
        return value.toString();
    QStringList parts;
    for (const QJsonValue part : value.toArray())
        parts << part.toVariant().toString();
    return parts.join(u", "_s);
}

QString orDash(const QString &text)
{
    return text.trimmed().isEmpty() ? u"-"_s : text.trimmed();
}

} // namespace

CalloutHistoryList::CalloutHistoryList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(u"historyList"_s);
    setAccessibleName(tr("Callout history"));
    setWordWrap(true);
    setUniformItemSizes(false);
    setIconSize(QSize(24, 24));
    setSpacing(2);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
}

QString CalloutHistoryList::titleOf(const HistoryEntry &entry)
{
    if (entry.isAttempt())
        return tr("Callout attempted");
    // Done is not delivered (U11): a message waiting or failed is in the title.
    const QString delivery = DeliverySummary(entry.deliveries).text();
    return delivery.isEmpty() ? tr("Callout done") : tr("Callout done · %1").arg(delivery);
}

QIcon CalloutHistoryList::iconOf(const HistoryEntry &entry)
{
    // SVG, so the icon stays sharp on high-DPI screens.
    if (entry.isAttempt())
        return QIcon(u":/calloutdesk/icons/callout-attempted.svg"_s);
    return QIcon(DeliverySummary(entry.deliveries).needsAttention()
                     ? u":/calloutdesk/icons/callout-done-undelivered.svg"_s
                     : u":/calloutdesk/icons/callout-done.svg"_s);
}

QString CalloutHistoryList::attemptLine(const QJsonObject &attempt)
{
    if (attempt.isEmpty())
        return tr("Outcome: not recorded");
    return tr("Tried: %1 — %2")
        .arg(orDash(PhoneCall::fromJson(attempt).who()),
             AttemptOutcomeInfo::labelOfKey(attempt.value(u"outcome"_s).toString()));
}

QString CalloutHistoryList::detailsOf(const HistoryEntry &entry)
{
    const QString who = entry.labUserName.isEmpty()
        ? entry.meta.value(u"callout_done_by"_s).toString()
        : entry.labUserName;
    QStringList lines;
    // SPEC O3: a callout recorded offline is dated when it was made; the server's time
    // follows.
    const bool madeOffline = entry.madeAt.isValid();
    lines << tr("%1, %2").arg(orDash(who),
                              DeskTime::shown(madeOffline ? entry.madeAt : entry.activityDate));
    if (madeOffline)
        lines << tr("Recorded offline; received by the server %1")
                     .arg(DeskTime::shown(entry.activityDate));
    lines << tr("For: %1").arg(orDash(joinedOrText(entry.meta.value(u"callout_for"_s))));
    // SPEC U9: an attempt sent nothing, so it has no method; it says whom it tried and how
    // it went.
    if (entry.isAttempt()) {
        lines << attemptLine(entry.meta.value(u"attempt"_s).toObject());
    } else {
        lines << tr("Method: %1").arg(orDash(entry.meta.value(u"method"_s).toString()));
        lines << tr("Recipients: %1").arg(orDash(joinedOrText(entry.meta.value(u"recipients"_s))));
    }
    // SPEC U10: whom a call reached, and when.
    for (const QJsonValue call : entry.meta.value(u"calls"_s).toArray())
        lines << tr("Spoke with: %1").arg(PhoneCall::fromJson(call.toObject()).text());
    lines << tr("Comment: %1").arg(orDash(entry.meta.value(u"comment"_s).toString()));
    for (const NotificationDelivery &delivery : entry.deliveries)
        lines << deliveryLine(delivery);
    return lines.join(u'\n');
}

QString CalloutHistoryList::deliveryLine(const NotificationDelivery &delivery)
{
    const QString where = tr("%1 to %2").arg(delivery.channel, delivery.address);
    if (delivery.state == u"sent")
        return tr("%1: sent %2").arg(where, DeskTime::shown(delivery.sentOn));
    if (delivery.state == u"failed")
        return tr("%1: FAILED — %2").arg(where, delivery.lastError);
    if (delivery.attempts > 0)
        return tr("%1: retrying after %2 failed attempt(s) — %3")
            .arg(where)
            .arg(delivery.attempts)
            .arg(delivery.lastError);
    return tr("%1: waiting to be sent").arg(where);
}

void CalloutHistoryList::showNote(const QString &note)
{
    clear();
    auto *item = new QListWidgetItem(note, this);
    item->setFlags(Qt::ItemIsEnabled);
}

void CalloutHistoryList::showLoading()
{
    showNote(tr("Loading the callout history…"));
}

void CalloutHistoryList::showProblem(const QString &message)
{
    showNote(tr("The callout history could not be loaded: %1").arg(message));
}

void CalloutHistoryList::setEntries(const QList<HistoryEntry> &entries)
{
    if (entries.isEmpty()) {
        showNote(tr("No callout has been recorded for this order yet."));
        return;
    }
    clear();
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        const HistoryEntry &entry = *it;
        auto *item
            = new QListWidgetItem(iconOf(entry), titleOf(entry) + u'\n' + detailsOf(entry), this);
        item->setData(IsAttemptRole, entry.isAttempt());
        item->setToolTip(entry.activityText);
        item->setData(Qt::AccessibleTextRole, item->text());
    }
    scrollToTop();
}

} // namespace calloutdesk
