#include "AttemptChooser.h"

#include "PartyNameBox.h"
#include "ProblemLabel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

AttemptChooser::AttemptChooser(QWidget *parent)
    : QGroupBox(tr("Attempt — nobody reached (for Save attempt)"), parent)
    , m_target(new PartyNameBox(this))
    , m_outcome(new QComboBox(this))
    , m_problem(new ProblemLabel(u"attemptProblem"_s, this))
{
    setObjectName(u"attemptChooser"_s);
    m_target->setObjectName(u"attemptTarget"_s);
    m_target->setAccessibleName(tr("Whom the attempt tried"));
    m_outcome->setObjectName(u"attemptOutcome"_s);
    m_outcome->setAccessibleName(tr("How the attempt went"));
    m_outcome->addItem(tr("— choose —"));
    for (const AttemptOutcome outcome : AttemptOutcomeInfo::all())
        m_outcome->addItem(AttemptOutcomeInfo::label(outcome), int(outcome));

    // No mnemonics: the callout dialog's letters are taken; Tab reaches both.
    auto *targetLabel = new QLabel(tr("Tried:"), this);
    targetLabel->setBuddy(m_target);
    auto *outcomeLabel = new QLabel(tr("Outcome:"), this);
    outcomeLabel->setBuddy(m_outcome);
    auto *layout = new QGridLayout(this);
    layout->addWidget(targetLabel, 0, 0);
    layout->addWidget(m_target, 0, 1);
    layout->addWidget(outcomeLabel, 0, 2);
    layout->addWidget(m_outcome, 0, 3);
    layout->setColumnStretch(1, 1);
    layout->addWidget(m_problem, 1, 0, 1, 4);

    connect(m_target, &QComboBox::editTextChanged, this, &AttemptChooser::edited);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &AttemptChooser::edited);
}

void AttemptChooser::setParties(const BillParties &bill)
{
    m_target->setParties(bill);
}

std::optional<CalloutAttempt> AttemptChooser::attempt() const
{
    const QVariant outcome = m_outcome->currentData();
    if (!outcome.isValid())
        return std::nullopt;
    return CalloutAttempt{static_cast<AttemptOutcome>(outcome.toInt()), m_target->person()};
}

void AttemptChooser::setAttempt(const std::optional<CalloutAttempt> &attempt)
{
    if (!attempt) {
        m_outcome->setCurrentIndex(0);
        m_target->clearPerson();
        return;
    }
    m_outcome->setCurrentIndex(m_outcome->findData(int(attempt->outcome)));
    m_target->setPerson(attempt->target);
}

bool AttemptChooser::isStarted() const
{
    return m_outcome->currentIndex() > 0 || !m_target->isEmpty();
}

QList<QWidget *> AttemptChooser::focusChain() const
{
    return {m_target, m_outcome};
}

} // namespace calloutdesk
