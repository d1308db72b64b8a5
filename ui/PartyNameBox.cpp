#include "PartyNameBox.h"

#include <QLineEdit>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

PartyNameBox::PartyNameBox(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    // Typing a name must not add it to the list of parties.
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(18);
    connect(lineEdit(), &QLineEdit::textEdited, this, [this] {
        emit edited();
        if (const PhoneCall typed = person(); typed.party)
            emit partyChosen(*typed.party);
    });
    connect(this, &QComboBox::activated, this, [this](int index) {
        emit edited();
        const QVariant party = itemData(index, PartyRole);
        if (party.isValid())
            emit partyChosen(static_cast<RecipientKind>(party.toInt()));
    });
}

QString PartyNameBox::partyText(RecipientKind kind, const QString &name)
{
    return tr("%1 — %2").arg(name.trimmed(), RecipientKindInfo::noun(kind));
}

void PartyNameBox::setParties(const BillParties &bill)
{
    const QString typed = currentText();
    clear();
    const auto add = [this](RecipientKind kind, const std::optional<ContactDetails> &contact) {
        if (contact && !contact->name.trimmed().isEmpty()) {
            addItem(partyText(kind, contact->name));
            setItemData(count() - 1, int(kind), PartyRole);
            setItemData(count() - 1, contact->name.trimmed(), Qt::UserRole);
        }
    };
    add(RecipientKind::Referral, bill.referral);
    add(RecipientKind::Organization, bill.organization);
    add(RecipientKind::Patient, bill.patient);
    setCurrentIndex(-1);
    setEditText(typed);
}

PhoneCall PartyNameBox::person() const
{
    const QString typed = currentText().trimmed();
    if (typed.isEmpty())
        return {};
    for (int i = 0; i < count(); ++i) {
        const QString name = itemData(i, Qt::UserRole).toString();
        if (typed == itemText(i) || typed.compare(name, Qt::CaseInsensitive) == 0)
            return {name, QString(), static_cast<RecipientKind>(itemData(i, PartyRole).toInt())};
    }
    return {typed, QString(), std::nullopt};
}

void PartyNameBox::setPerson(const PhoneCall &person)
{
    setCurrentIndex(-1);
    setEditText(person.party ? partyText(*person.party, person.name) : person.name);
}

void PartyNameBox::clearPerson()
{
    setCurrentIndex(-1);
    setEditText(QString());
}

bool PartyNameBox::isEmpty() const
{
    return currentText().trimmed().isEmpty();
}

} // namespace calloutdesk
