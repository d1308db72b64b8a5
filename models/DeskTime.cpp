#include "DeskTime.h"

using namespace Qt::StringLiterals;

namespace calloutdesk {

QString DeskTime::shown(const QDateTime &when)
{
    return when.isValid() ? when.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
}

QString DeskTime::waited(qint64 seconds)
{
    const qint64 minutes = std::max<qint64>(seconds, 0) / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes < 24 * 60)
        return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    const qint64 hours = minutes / 60;
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24, 2, 10, QLatin1Char('0'));
}

QString DeskTime::exported(const QDateTime &when)
{
    if (!when.isValid())
        return QString();
    // A local QDateTime prints no offset in ISO form; one fixed at its own offset does.
    const QDateTime local = when.toLocalTime();
    return local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
}

} // namespace calloutdesk
