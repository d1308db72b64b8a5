#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace calloutdesk {

// Why an operation did not happen, in words a lab user can act on. The kind lets
// callers choose a reaction (calloutctl maps it to an exit code) without parsing text.
struct Failure
{
    enum class Kind
    {
        InvalidInput, // the request itself is wrong; nothing was written
        Conflict,     // the data changed meanwhile or a rule of the database refused it
        Unavailable,  // a server could not be reached
        Internal,     // a bug or an unexpected state
        // The setup is wrong (a login refused, a certificate not trusted, TLS demanded):
        // the same request fails until someone changes the settings or the server.
        Configuration,
    };

    Kind kind = Kind::Internal;
    QString message;
    // The part of the input the failure is about ("comment", "methods", … — each service
    // names its own), empty when it is about no one part. A form uses it to show the
    // message next to the control that holds that input instead of in a general banner.
    QString field;

    static Failure invalidInput(QString message)
    {
        return {Kind::InvalidInput, std::move(message), {}};
    }
    static Failure conflict(QString message) { return {Kind::Conflict, std::move(message), {}}; }
    static Failure unavailable(QString message)
    {
        return {Kind::Unavailable, std::move(message), {}};
    }
    static Failure internal(QString message) { return {Kind::Internal, std::move(message), {}}; }
    static Failure configuration(QString message)
    {
        return {Kind::Configuration, std::move(message), {}};
    }

    // The same failure, said to be about `inputField`.
    Failure about(QString inputField) &&
    {
        field = std::move(inputField);
        return std::move(*this);
    }
};

// A value or the Failure that prevented it (std::expected is C++23).
template <typename T> class Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    { }
    Result(Failure failure)
        : m_state(std::move(failure))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const Failure &failure() const { return std::get<Failure>(m_state); }

private:
    std::variant<T, Failure> m_state;
};

struct Done
{
};
using Status = Result<Done>;

} // namespace calloutdesk
