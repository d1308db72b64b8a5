#pragma once

#include <QList>
#include <QMetaType>

namespace calloutdesk {

// What a desk was told changed in its lab since it was last told (SPEC T1): the orders
// whose rows a desk shows changed, and those in which a report became critical. Ids
// only; what the person may see of them is read again under their own login.
struct OrderChanges
{
    QList<qint64> orders;
    QList<qint64> newlyCritical; // also in orders

    bool isEmpty() const { return orders.isEmpty(); }
};

} // namespace calloutdesk

Q_DECLARE_METATYPE(calloutdesk::OrderChanges)
