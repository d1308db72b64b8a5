#include "CommunicationMethod.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QList<CommunicationMethod> CommunicationMethodInfo::all()
{
    return {CommunicationMethod::Email, CommunicationMethod::Fax, CommunicationMethod::Sms,
            CommunicationMethod::WhatsApp};
}

QString CommunicationMethodInfo::label(CommunicationMethod method)
{
    switch (method) {
    case CommunicationMethod::Email:
        return u"Email"_s;
    case CommunicationMethod::Fax:
        return u"Fax"_s;
    case CommunicationMethod::Sms:
        return u"SMS"_s;
    case CommunicationMethod::WhatsApp:
        return u"WhatsApp"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString CommunicationMethodInfo::key(CommunicationMethod method)
{
    return label(method).toLower();
}

QString CommunicationMethodInfo::settingKey(CommunicationMethod method)
{
    return u"is_"_s + key(method);
}

std::optional<CommunicationMethod> CommunicationMethodInfo::fromKey(const QString &text)
{
    for (const CommunicationMethod method : all()) {
        if (key(method) == text.trimmed().toLower())
            return method;
    }
    return std::nullopt;
}

} // namespace calloutdesk
