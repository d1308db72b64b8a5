#include "OfflineBanner.h"

#include "models/DeskTime.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

OfflineBanner::OfflineBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"offlineBanner"_s);
    setWordWrap(true);
    setAccessibleName(tr("Offline"));
    setStyleSheet(u"QLabel { background: #fff4d6; color: #6b4a00; padding: 8px; "
                  "border: 1px solid #e0c070; border-radius: 4px; font-weight: bold; }"_s);
    hide();
}

void OfflineBanner::showOffline(const QDateTime &since)
{
    const std::optional<QDateTime> asOf = m_dataAsOf ? m_dataAsOf() : std::nullopt;
    setText(asOf ? tr("Offline since %1 — data as of %2")
                       .arg(DeskTime::shown(since), DeskTime::shown(*asOf))
                 : tr("Offline since %1").arg(DeskTime::shown(since)));
    show();
}

void OfflineBanner::showOnline()
{
    hide();
    clear();
}

} // namespace calloutdesk
