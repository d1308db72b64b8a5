#include "RecipientChooser.h"

#include "ProblemLabel.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// Mnemonics chosen not to clash with the rest of the callout dialog.
QString textFor(RecipientKind kind)
{
    switch (kind) {
    case RecipientKind::Patient:
        return RecipientChooser::tr("&Patient");
    case RecipientKind::Referral:
        return RecipientChooser::tr("&Referral");
    case RecipientKind::Organization:
        return RecipientChooser::tr("&Organization");
    case RecipientKind::Other:
        return RecipientChooser::tr("Ot&her");
    }
    return RecipientKindInfo::label(kind);
}

} // namespace

RecipientChooser::RecipientChooser(QWidget *parent)
    : QGroupBox(tr("Recipients"), parent)
    , m_parties(new QGridLayout)
    , m_otherFields(new QWidget(this))
    , m_otherName(new QLineEdit(m_otherFields))
    , m_otherEmail(new QLineEdit(m_otherFields))
    , m_otherFax(new QLineEdit(m_otherFields))
    , m_otherContact(new QLineEdit(m_otherFields))
    , m_problem(new ProblemLabel(u"recipientsProblem"_s, this))
    , m_otherProblem(new ProblemLabel(u"otherProblem"_s, this))
{
    setObjectName(u"recipientChooser"_s);
    m_parties->setColumnStretch(1, 1);

    auto *other = new QCheckBox(textFor(RecipientKind::Other), this);
    other->setObjectName(objectNameFor(RecipientKind::Other));
    m_boxes.insert(RecipientKind::Other, other);

    const QList<std::pair<QLineEdit *, QString>> fields{{m_otherName, u"otherName"_s},
                                                        {m_otherEmail, u"otherEmail"_s},
                                                        {m_otherFax, u"otherFax"_s},
                                                        {m_otherContact, u"otherContact"_s}};
    for (const auto &[edit, name] : fields)
        edit->setObjectName(name);
    m_otherEmail->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    m_otherFax->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_otherContact->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    // Two columns of two fields: the contact is short, and the dialog needs its height.
    auto *form = new QGridLayout(m_otherFields);
    form->setContentsMargins(24, 0, 0, 0); // indented under the Other check box
    const QList<std::pair<QString, QLineEdit *>> labelled{{tr("&Name:"), m_otherName},
                                                          {tr("Email addr&ess:"), m_otherEmail},
                                                          {tr("Fax num&ber:"), m_otherFax},
                                                          {tr("Contact n&umber:"), m_otherContact}};
    for (qsizetype i = 0; i < labelled.size(); ++i) {
        auto *label = new QLabel(labelled.at(i).first, m_otherFields);
        label->setBuddy(labelled.at(i).second);
        const int row = int(i / 2);
        const int column = int(i % 2) * 2;
        form->addWidget(label, row, column);
        form->addWidget(labelled.at(i).second, row, column + 1);
    }
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);
    m_otherName->setAccessibleName(tr("Other contact's name"));
    m_otherEmail->setAccessibleName(tr("Other contact's email address"));
    m_otherFax->setAccessibleName(tr("Other contact's fax number"));
    m_otherContact->setAccessibleName(tr("Other contact's contact number"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_parties);
    layout->addWidget(m_problem);
    layout->addWidget(other);
    layout->addWidget(m_otherFields);
    layout->addWidget(m_otherProblem);
    layout->addStretch(1);

    connect(other, &QCheckBox::toggled, this, &RecipientChooser::updateOtherFields);
    updateOtherFields();
}

QString RecipientChooser::objectNameFor(RecipientKind kind)
{
    return u"recipient_"_s + RecipientKindInfo::key(kind);
}

QString RecipientChooser::contactText(const ContactDetails &contact)
{
    QStringList ways;
    if (!contact.email.trimmed().isEmpty())
        ways << contact.email.trimmed();
    if (!contact.contactNumber.trimmed().isEmpty())
        ways << tr("phone %1").arg(contact.contactNumber.trimmed());
    if (!contact.fax.trimmed().isEmpty())
        ways << tr("fax %1").arg(contact.fax.trimmed());
    const QString name
        = contact.name.trimmed().isEmpty() ? tr("(no name)") : contact.name.trimmed();
    if (ways.isEmpty())
        return tr("%1 — no contact details").arg(name);
    return tr("%1 — %2").arg(name, ways.join(u" · "_s));
}

void RecipientChooser::addPartyRow(RecipientKind kind, const ContactDetails &contact)
{
    auto *box = new QCheckBox(textFor(kind), this);
    box->setObjectName(objectNameFor(kind));
    auto *label = new QLabel(contactText(contact), this);
    label->setObjectName(u"recipientContact_"_s + RecipientKindInfo::key(kind));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    // A screen reader reads the contact with the check box it belongs to.
    box->setAccessibleDescription(label->text());
    const int row = m_parties->rowCount();
    m_parties->addWidget(box, row, 0);
    m_parties->addWidget(label, row, 1);
    m_boxes.insert(kind, box);
    m_contacts.insert(kind, label);
}

void RecipientChooser::setParties(const BillParties &bill)
{
    const QList<RecipientKind> kept = chosen();
    for (auto it = m_boxes.begin(); it != m_boxes.end();) {
        if (it.key() == RecipientKind::Other) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_boxes.erase(it);
    }
    qDeleteAll(m_contacts);
    m_contacts.clear();

    addPartyRow(RecipientKind::Patient, bill.patient);
    if (bill.referral)
        addPartyRow(RecipientKind::Referral, *bill.referral);
    if (bill.organization)
        addPartyRow(RecipientKind::Organization, *bill.organization);
    choose(kept);
}

QList<RecipientKind> RecipientChooser::offered() const
{
    QList<RecipientKind> kinds;
    for (const RecipientKind kind : RecipientKindInfo::all()) {
        if (m_boxes.contains(kind))
            kinds << kind;
    }
    return kinds;
}

QList<RecipientKind> RecipientChooser::chosen() const
{
    QList<RecipientKind> kinds;
    for (const RecipientKind kind : RecipientKindInfo::all()) {
        if (m_boxes.contains(kind) && m_boxes.value(kind)->isChecked())
            kinds << kind;
    }
    return kinds;
}

void RecipientChooser::choose(const QList<RecipientKind> &recipients)
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        it.value()->setChecked(recipients.contains(it.key()));
}

ContactDetails RecipientChooser::other() const
{
    return {m_otherName->text().trimmed(), m_otherEmail->text().trimmed(),
            m_otherFax->text().trimmed(), m_otherContact->text().trimmed()};
}

void RecipientChooser::setOther(const ContactDetails &other)
{
    m_otherName->setText(other.name);
    m_otherEmail->setText(other.email);
    m_otherFax->setText(other.fax);
    m_otherContact->setText(other.contactNumber);
}

QList<QWidget *> RecipientChooser::focusChain() const
{
    QList<QWidget *> chain;
    for (const RecipientKind kind : offered())
        chain << m_boxes.value(kind);
    chain << m_otherName << m_otherEmail << m_otherFax << m_otherContact;
    return chain;
}

QWidget *RecipientChooser::problemFocus() const
{
    const QList<RecipientKind> ticked = chosen();
    const QList<RecipientKind> kinds = ticked.isEmpty() ? offered() : ticked;
    return kinds.isEmpty() ? nullptr : m_boxes.value(kinds.first());
}

QWidget *RecipientChooser::otherNameEdit() const
{
    return m_otherName;
}

void RecipientChooser::updateOtherFields()
{
    // What was typed stays in the fields when Other is unticked: ticking it again brings
    // the contact back instead of asking for it twice.
    m_otherFields->setEnabled(m_boxes.value(RecipientKind::Other)->isChecked());
}

} // namespace calloutdesk
