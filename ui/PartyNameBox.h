#pragma once

#include "models/BillParties.h"
#include "models/PhoneCall.h"

#include <QComboBox>

namespace calloutdesk {

// Whom a call reached or an attempt tried (SPEC U9, U10): the order's parties to pick —
// patient, referring doctor, organisation, each by name — or any name typed.
class PartyNameBox : public QComboBox
{
    Q_OBJECT

public:
    static constexpr int PartyRole = Qt::UserRole + 1;

    explicit PartyNameBox(QWidget *parent = nullptr);

    // Offers the order's parties; what is typed stays.
    void setParties(const BillParties &bill);
    // The person in the box: a party when one is picked or its name typed, with the
    // party's name; else the typed name. No time.
    PhoneCall person() const;
    // Shows this person (a party by its entry).
    void setPerson(const PhoneCall &person);
    void clearPerson();
    bool isEmpty() const;

    static QString partyText(RecipientKind kind, const QString &name);

signals:
    // A party was picked or its name typed (the recipient to tick, U10).
    void partyChosen(calloutdesk::RecipientKind kind);
    // The text changed.
    void edited();
};

} // namespace calloutdesk
