#pragma once

#include <QString>

namespace calloutdesk {

// A password in this process's memory (SPEC A6). Copies share one buffer, as QString's
// do, and the last copy to let go overwrites the characters before the memory is freed,
// so a password does not linger in freed memory after sign-out or lock. A buffer that a
// plain QString still shares is left to that holder, which may still need it; text in
// read-only memory (a literal) cannot be overwritten and is left as it is.
class SecretText
{
public:
    SecretText() = default;
    explicit SecretText(QString text);
    SecretText(const SecretText &) = default;
    SecretText(SecretText &&other) noexcept;
    SecretText &operator=(const SecretText &other);
    SecretText &operator=(SecretText &&other) noexcept;
    ~SecretText();

    const QString &text() const { return m_text; }
    bool isEmpty() const { return m_text.isEmpty(); }
    // A copy in a buffer of its own, which no other holder shares: the keeper of a
    // password overwrites it when it wants to, whoever else still holds theirs.
    SecretText detached() const;
    // Lets go of the text now, overwriting it if this was its last holder.
    void clear();

    // Overwrites the characters of text with zeros in place when text alone holds its
    // buffer, and says whether it did; text keeps its length.
    static bool overwrite(QString &text);

private:
    QString m_text;
};

} // namespace calloutdesk
