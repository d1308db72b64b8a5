#include "SecretText.h"

#include <cstring>

namespace calloutdesk {

SecretText::SecretText(QString text)
    : m_text(std::move(text))
{ }

SecretText::SecretText(SecretText &&other) noexcept
    : m_text(std::exchange(other.m_text, QString()))
{ }

SecretText &SecretText::operator=(const SecretText &other)
{
    if (this != &other && !m_text.isSharedWith(other.m_text)) {
        clear();
        m_text = other.m_text;
    }
    return *this;
}

SecretText &SecretText::operator=(SecretText &&other) noexcept
{
    if (this != &other) {
        clear();
        m_text = std::exchange(other.m_text, QString());
    }
    return *this;
}

SecretText::~SecretText()
{
    clear();
}

SecretText SecretText::detached() const
{
    return SecretText(QString(m_text.constData(), m_text.size()));
}

void SecretText::clear()
{
    overwrite(m_text);
    m_text = QString();
}

bool SecretText::overwrite(QString &text)
{
    // isDetached() is false for a shared buffer and for read-only static data alike.
    if (text.isEmpty() || !text.isDetached())
        return false;
    // explicit_bzero, not memset: the compiler may drop a memset of memory freed next.
    explicit_bzero(text.data(), size_t(text.size()) * sizeof(QChar));
    return true;
}

} // namespace calloutdesk
