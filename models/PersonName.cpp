#include "PersonName.h"

#include "ControlCharacter.h"

namespace calloutdesk {

PersonName PersonName::parse(const QString &text)
{
    PersonName name;
    if (hasControlCharacter(text)) {
        name.m_problem = Problem::ControlCharacter;
        return name;
    }
    name.m_text = text.trimmed();
    if (name.m_text.size() > maxLength)
        name.m_problem = Problem::TooLong;
    return name;
}

QString PersonName::problemText() const
{
    switch (m_problem) {
    case Problem::None:
        return {};
    case Problem::TooLong:
        return tr("it has %1 characters; a name has at most %2").arg(m_text.size()).arg(maxLength);
    case Problem::ControlCharacter:
        return tr("it contains a line break or another control character");
    }
    return {};
}

} // namespace calloutdesk
