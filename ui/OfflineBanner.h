#pragma once

#include <QDateTime>
#include <QLabel>

#include <functional>
#include <optional>

namespace calloutdesk {

// The banner of a desk that cannot reach its server (SPEC O2): since when it is offline
// and how old the data it shows is, "Offline since 2026-12-01 10:42 — data as of
// 2026-12-01 10:41". Hidden while the desk is online.
class OfflineBanner : public QLabel
{
    Q_OBJECT

public:
    // When the data the desk shows was last brought up to date, if known.
    using DataAsOf = std::function<std::optional<QDateTime>()>;

    explicit OfflineBanner(QWidget *parent = nullptr);

    void setDataAsOf(DataAsOf dataAsOf) { m_dataAsOf = std::move(dataAsOf); }
    void showOffline(const QDateTime &since);
    void showOnline();

private:
    DataAsOf m_dataAsOf;
};

} // namespace calloutdesk
