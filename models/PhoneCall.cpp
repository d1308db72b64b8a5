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
    const QString said
        = time.isEmpty() ? tr("%1, no time given").arg(person) : tr("%1 at %2").arg(person, time);
    const QString readBack = readBackText();
    return readBack.isEmpty() ? said : u"%1 (%2)"_s.arg(said, readBack);
}

QString PhoneCall::readBackText() const
{
    QStringList parts;
    if (role)
        parts << CallTakerRoleInfo::key(*role);
    if (!readBack) {
        if (!parts.isEmpty())
            parts << tr("not read back");
        return parts.join(u", "_s);
    }
    const QString value = readBackValue.trimmed();
    if (value.isEmpty())
        parts << tr("read back");
    else if (!readBackMatches)
        parts << tr("read back %1").arg(value);
    else if (*readBackMatches)
        parts << tr("read back %1 — matches").arg(value);
    else if (readBackOverride.trimmed().isEmpty())
        parts << tr("read back %1 — does not match").arg(value);
    else
        parts << tr("read back %1 — does not match, overridden: %2")
                     .arg(value, readBackOverride.simplified());
    return parts.join(u", "_s);
}

QJsonObject PhoneCall::toJson() const
{
    QJsonObject object{{u"name"_s, name.trimmed()}, {u"at"_s, at.trimmed()}};
    if (party)
        object.insert(u"party"_s, RecipientKindInfo::key(*party));
    if (role)
        object.insert(u"role"_s, CallTakerRoleInfo::key(*role));
    object.insert(u"read_back"_s, readBack);
    if (const QString value = readBackValue.trimmed(); !value.isEmpty())
        object.insert(u"read_back_value"_s, value);
    if (readBackMatches)
        object.insert(u"read_back_matches"_s, *readBackMatches);
    if (const QString reason = readBackOverride.trimmed(); !reason.isEmpty())
        object.insert(u"read_back_override"_s, reason);
    return object;
}

PhoneCall PhoneCall::fromJson(const QJsonObject &object)
{
    PhoneCall call(object.value(u"name"_s).toString(), object.value(u"at"_s).toString(),
                   RecipientKindInfo::fromKey(object.value(u"party"_s).toString()));
    call.role = CallTakerRoleInfo::fromKey(object.value(u"role"_s).toString());
    call.readBack = object.value(u"read_back"_s).toBool();
    call.readBackValue = object.value(u"read_back_value"_s).toString();
    if (const QJsonValue matches = object.value(u"read_back_matches"_s); matches.isBool())
        call.readBackMatches = matches.toBool();
    call.readBackOverride = object.value(u"read_back_override"_s).toString();
    return call;
}

} // namespace calloutdesk
