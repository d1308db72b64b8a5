#pragma once

#include "models/BillParties.h"
#include "models/CalloutAttempt.h"

#include <QGroupBox>

#include <optional>

class QComboBox;

namespace calloutdesk {

class PartyNameBox;
class ProblemLabel;

// How an attempt went (SPEC U9): whom it tried — a party of the order or a name — and the
// outcome (no answer, busy, left a message, wrong number). Used by "Save attempt" only:
// a failed call is an attempt, not a phone call that notified someone.
class AttemptChooser : public QGroupBox
{
    Q_OBJECT

public:
    explicit AttemptChooser(QWidget *parent = nullptr);

    void setParties(const BillParties &bill);
    // The attempt as entered; none until an outcome is chosen.
    std::optional<CalloutAttempt> attempt() const;
    void setAttempt(const std::optional<CalloutAttempt> &attempt);
    // Whether anything is entered (an outcome or whom).
    bool isStarted() const;

    QList<QWidget *> focusChain() const;
    QComboBox *outcomeBox() const { return m_outcome; }
    PartyNameBox *targetBox() const { return m_target; }
    ProblemLabel *problem() const { return m_problem; }

signals:
    void edited();

private:
    PartyNameBox *m_target = nullptr;
    QComboBox *m_outcome = nullptr;
    ProblemLabel *m_problem = nullptr;
};

} // namespace calloutdesk
