#include "EscalationContact.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QString EscalationContact::who() const
{
    return role.isEmpty() ? name : tr("%1 (%2)").arg(name, role);
}

QString EscalationContact::reach() const
{
    QStringList ways;
    for (const QString &way : {phone, email}) {
        if (!way.isEmpty())
            ways << way;
    }
    return ways.join(u" · "_s);
}

} // namespace calloutdesk
