#pragma once

#include "models/BillParties.h"
#include "models/ContactDetails.h"
#include "models/RecipientKind.h"

#include <QGroupBox>
#include <QHash>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace calloutdesk {

class ProblemLabel;

// Whom a callout reaches (SPEC C1): the parties the order has — patient, referring doctor,
// organisation — each with its contact beside it, and "Other", whose contact is typed in
// fields that are enabled only while Other is ticked.
class RecipientChooser : public QGroupBox
{
    Q_OBJECT

public:
    explicit RecipientChooser(QWidget *parent = nullptr);

    // Offers the order's parties; ticks of parties still offered, and Other, are kept.
    void setParties(const BillParties &bill);
    QList<RecipientKind> offered() const;

    QList<RecipientKind> chosen() const;
    void choose(const QList<RecipientKind> &recipients);
    ContactDetails other() const;
    void setOther(const ContactDetails &other);

    QCheckBox *checkBox(RecipientKind kind) const { return m_boxes.value(kind); }
    QLabel *contactLabel(RecipientKind kind) const { return m_contacts.value(kind); }
    // The check boxes and the other contact's fields, in tab order.
    QList<QWidget *> focusChain() const;
    QWidget *otherNameEdit() const;
    // Where a keyboard user fixes a refused choice: the first ticked recipient, whose
    // contact is what was refused, or the first check box when none is ticked.
    QWidget *problemFocus() const;
    ProblemLabel *problem() const { return m_problem; }
    ProblemLabel *otherProblem() const { return m_otherProblem; }

    static QString contactText(const ContactDetails &contact);
    static QString objectNameFor(RecipientKind kind);

private:
    void addPartyRow(RecipientKind kind, const ContactDetails &contact);
    void updateOtherFields();

    QGridLayout *m_parties = nullptr;
    QHash<RecipientKind, QCheckBox *> m_boxes;
    QHash<RecipientKind, QLabel *> m_contacts;
    QWidget *m_otherFields = nullptr;
    QLineEdit *m_otherName = nullptr;
    QLineEdit *m_otherEmail = nullptr;
    QLineEdit *m_otherFax = nullptr;
    QLineEdit *m_otherContact = nullptr;
    ProblemLabel *m_problem = nullptr;
    ProblemLabel *m_otherProblem = nullptr;
};

} // namespace calloutdesk
