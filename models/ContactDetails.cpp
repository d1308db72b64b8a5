#include "ContactDetails.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QJsonObject ContactDetails::toJson() const
{
    return {{u"name"_s, name}, {u"email"_s, email}, {u"fax"_s, fax}, {u"contact"_s, contactNumber}};
}

ContactDetails ContactDetails::fromJson(const QJsonObject &object)
{
    return {object.value(u"name"_s).toString(), object.value(u"email"_s).toString(),
            object.value(u"fax"_s).toString(), object.value(u"contact"_s).toString()};
}

} // namespace calloutdesk
