#pragma once

#include <QString>

namespace calloutdesk {

// A call already made by phone before the callout is recorded ("already notified",
// SPEC C1). Both texts are kept as the user wrote them: a desk writes "14:05" or
// "after lunch", and the audit row must say what the caller said.
struct PhoneCall
{
    QString name; // who was called
    QString at;   // when, as the user wrote it

    friend bool operator==(const PhoneCall &, const PhoneCall &) = default;
};

} // namespace calloutdesk
