#include "AttemptOutcome.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QList<AttemptOutcome> AttemptOutcomeInfo::all()
{
    return {AttemptOutcome::NoAnswer, AttemptOutcome::Busy, AttemptOutcome::LeftMessage,
            AttemptOutcome::WrongNumber};
}

QString AttemptOutcomeInfo::key(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::NoAnswer:
        return u"no_answer"_s;
    case AttemptOutcome::Busy:
        return u"busy"_s;
    case AttemptOutcome::LeftMessage:
        return u"left_message"_s;
    case AttemptOutcome::WrongNumber:
        return u"wrong_number"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString AttemptOutcomeInfo::label(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::NoAnswer:
        return tr("No answer");
    case AttemptOutcome::Busy:
        return tr("Busy");
    case AttemptOutcome::LeftMessage:
        return tr("Left a message");
    case AttemptOutcome::WrongNumber:
        return tr("Wrong number");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<AttemptOutcome> AttemptOutcomeInfo::fromKey(const QString &text)
{
    for (const AttemptOutcome outcome : all()) {
        if (key(outcome) == text.trimmed().toLower())
            return outcome;
    }
    return std::nullopt;
}

QString AttemptOutcomeInfo::labelOfKey(const QString &text)
{
    const std::optional<AttemptOutcome> outcome = fromKey(text);
    return outcome ? label(*outcome) : text;
}

} // namespace calloutdesk
