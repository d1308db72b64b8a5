#include "PhoneCall.h"

#include "DeskTime.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PhoneCall", text);
}

} // namespace

QString PhoneCall::who() const
{
    return party ? u"%1 (%2)"_s.arg(name.trimmed(), RecipientKindInfo::label(*party))
                 : name.trimmed();
}

QDateTime PhoneCall::when() const
{
    return QDateTime::fromString(at.trimmed(), Qt::ISODate);
}

QString PhoneCall::shownTime() const
{
    const QDateTime parsed = when();
    return parsed.isValid() ? DeskTime::shown(parsed) : at.trimmed();
}

QString PhoneCall::exportedTime() const
{
    const QDateTime parsed = when();
    return parsed.isValid() ? DeskTime::exported(parsed) : at.trimmed();
}

QString PhoneCall::text() const
{
    const QString person = name.trimmed().isEmpty() ? tr("(no name)") : who();
    const QString time = shownTime();
    if (time.isEmpty())
        return tr("%1, no time given").arg(person);
    return tr("%1 at %2").arg(person, time);
}

QJsonObject PhoneCall::toJson() const
{
    QJsonObject object{{u"name"_s, name.trimmed()}, {u"at"_s, at.trimmed()}};
    if (party)
        object.insert(u"party"_s, RecipientKindInfo::key(*party));
    return object;
}

PhoneCall PhoneCall::fromJson(const QJsonObject &object)
{
    return {object.value(u"name"_s).toString(), object.value(u"at"_s).toString(),
            RecipientKindInfo::fromKey(object.value(u"party"_s).toString())};
}

} // namespace calloutdesk
