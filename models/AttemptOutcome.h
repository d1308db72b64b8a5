#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// SPEC U9: how an attempt to reach someone went. The keys are what the database stores
// and checks (migration 0010); the labels are what a person reads.
enum class AttemptOutcome
{
    NoAnswer,
    Busy,
    LeftMessage,
    WrongNumber
};

class AttemptOutcomeInfo
{
    Q_DECLARE_TR_FUNCTIONS(AttemptOutcomeInfo)

public:
    static QList<AttemptOutcome> all();
    static QString key(AttemptOutcome outcome);   // "no_answer", "busy", …
    static QString label(AttemptOutcome outcome); // "No answer", "Busy", …
    static std::optional<AttemptOutcome> fromKey(const QString &key);
    // The label of a stored key; the key itself when it is unknown to this version.
    static QString labelOfKey(const QString &key);
};

} // namespace calloutdesk
