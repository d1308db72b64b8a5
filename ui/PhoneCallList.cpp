#include "PhoneCallList.h"

#include "PartyNameBox.h"
#include "ProblemLabel.h"
#include "models/DeskTime.h"
#include "models/ReadBackComparison.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// Now, to the minute: a call is noted to the minute.
QDateTime thisMinute()
{
    QDateTime now = QDateTime::currentDateTime();
    now.setTime(QTime(now.time().hour(), now.time().minute()));
    return now;
}

} // namespace

PhoneCallList::PhoneCallList(QWidget *parent)
    : QGroupBox(tr("Already notified by phone"), parent)
    , m_name(new PartyNameBox(this))
    , m_at(new QDateTimeEdit(this))
    // No mnemonic: every letter of "Add" is taken in the callout dialog, and Enter in
    // either field adds the call.
    , m_add(new QPushButton(tr("Add"), this))
    , m_role(new QComboBox(this))
    // No mnemonics for the read-back fields: their letters are taken in the dialog.
    , m_readBack(new QCheckBox(tr("Read back"), this))
    , m_readBackValue(new QLineEdit(this))
    , m_finding(new QLabel(this))
    , m_override(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remo&ve"), this))
    , m_problem(new ProblemLabel(u"phoneCallsProblem"_s, this))
{
    setObjectName(u"phoneCallList"_s);
    m_name->setObjectName(u"phoneCallName"_s);
    m_name->setAccessibleName(tr("Who was reached by phone"));
    m_name->lineEdit()->setPlaceholderText(tr("a party of the order, or a name"));
    m_at->setObjectName(u"phoneCallTime"_s);
    m_at->setAccessibleName(tr("When the call was made"));
    m_at->setToolTip(tr("When the call was made; now, to start with. It cannot be in the future."));
    // The same form as every time the desk shows (DeskTime::shown).
    m_at->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_at->setCalendarPopup(true);
    resetTime();
    m_add->setObjectName(u"addPhoneCallButton"_s);
    m_add->setAccessibleName(tr("Add phone call"));
    m_role->setObjectName(u"phoneCallRole"_s);
    m_role->setAccessibleName(tr("Role of who took the call"));
    m_role->addItem(tr("(role)"));
    for (const CallTakerRole role : CallTakerRoleInfo::all())
        m_role->addItem(CallTakerRoleInfo::label(role));
    m_readBack->setObjectName(u"phoneCallReadBack"_s);
    m_readBack->setToolTip(tr("They read the result back to you."));
    m_readBackValue->setObjectName(u"phoneCallReadBackValue"_s);
    m_readBackValue->setAccessibleName(tr("Value read back"));
    m_readBackValue->setPlaceholderText(tr("value read back (optional)"));
    m_readBackValue->setMaxLength(60);
    m_finding->setObjectName(u"phoneCallReadBackFinding"_s);
    m_finding->setTextFormat(Qt::PlainText);
    m_finding->setWordWrap(true);
    m_override->setObjectName(u"phoneCallReadBackOverride"_s);
    m_override->setAccessibleName(tr("Reason to record a read-back mismatch anyway"));
    m_override->setPlaceholderText(tr("reason to record the mismatch anyway"));
    m_list->setObjectName(u"phoneCallsList"_s);
    m_list->setAccessibleName(tr("Phone calls already made"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    // Always shown, at a fixed height: a list that appeared with the first call would move
    // everything below it under the user's cursor.
    m_list->setFixedHeight(m_list->fontMetrics().lineSpacing() * 3 + 2 * m_list->frameWidth() + 4);
    m_remove->setObjectName(u"removePhoneCallButton"_s);
    m_remove->setAccessibleName(tr("Remove phone call"));
    m_remove->setToolTip(tr("Remove the selected call (Delete)."));
    // Enter in a field adds a call; it must never reach the dialog as "press the default
    // button". The fields' Enter is consumed in eventFilter(), and these never become
    // the default.
    for (QPushButton *button : {m_add, m_remove}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }

    auto *nameLabel = new QLabel(tr("Spo&ke with:"), this);
    nameLabel->setBuddy(m_name);
    // "T" is also "Try again", which lives on the dialog's load-failure page: the two are
    // never shown together.
    auto *atLabel = new QLabel(tr("At &time:"), this);
    atLabel->setBuddy(m_at);
    auto *fields = new QHBoxLayout;
    fields->addWidget(nameLabel);
    fields->addWidget(m_name, 1);
    fields->addWidget(atLabel);
    fields->addWidget(m_at);
    fields->addWidget(m_add);
    auto *roleLabel = new QLabel(tr("Role:"), this);
    auto *readBack = new QHBoxLayout;
    readBack->addWidget(roleLabel);
    readBack->addWidget(m_role);
    readBack->addWidget(m_readBack);
    readBack->addWidget(m_readBackValue, 1);
    auto *added = new QHBoxLayout;
    added->addWidget(m_list, 1);
    added->addWidget(m_remove, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addLayout(readBack);
    layout->addWidget(m_finding);
    layout->addWidget(m_override);
    layout->addLayout(added);
    layout->addWidget(m_problem);

    for (QObject *watched :
         {static_cast<QObject *>(m_name), static_cast<QObject *>(m_name->lineEdit()),
          static_cast<QObject *>(m_at), static_cast<QObject *>(m_list),
          static_cast<QObject *>(m_readBackValue), static_cast<QObject *>(m_override)})
        watched->installEventFilter(this);
    connect(m_add, &QPushButton::clicked, this, &PhoneCallList::addEntered);
    connect(m_remove, &QPushButton::clicked, this, &PhoneCallList::removeCurrent);
    connect(m_name, &QComboBox::editTextChanged, this, &PhoneCallList::updateControls);
    connect(m_name, &PartyNameBox::partyChosen, this, &PhoneCallList::partyChosen);
    connect(m_name, &QComboBox::editTextChanged, this, &PhoneCallList::edited);
    connect(m_at, &QDateTimeEdit::dateTimeChanged, this, &PhoneCallList::edited);
    connect(m_list, &QListWidget::currentRowChanged, this, &PhoneCallList::updateControls);
    connect(m_role, &QComboBox::currentIndexChanged, this, &PhoneCallList::edited);
    connect(m_readBack, &QCheckBox::toggled, this, &PhoneCallList::updateReadBack);
    connect(m_readBackValue, &QLineEdit::textChanged, this, &PhoneCallList::updateReadBack);
    connect(m_override, &QLineEdit::textChanged, this, &PhoneCallList::edited);
    updateControls();
    updateReadBack();
}

void PhoneCallList::setCriticalValues(const QList<CriticalParameter> &values)
{
    m_criticalValues = values;
    updateReadBack();
}

void PhoneCallList::updateReadBack()
{
    // A value is what was read back: typing one ticks "Read back".
    if (!m_readBackValue->text().trimmed().isEmpty() && !m_readBack->isChecked())
        m_readBack->setChecked(true);
    const ReadBackComparison comparison
        = ReadBackComparison::compare(m_readBackValue->text(), m_criticalValues);
    m_finding->setVisible(comparison.compared());
    if (comparison.matches()) {
        m_finding->setText(
            tr("✔ Read back %1: %2.").arg(m_readBackValue->text().trimmed(), comparison.text()));
        m_finding->setStyleSheet(QString());
    } else if (comparison.mismatch()) {
        m_finding->setText(tr("✘ Read back %1: %2. Correct it, or give the reason to record "
                              "the callout anyway.")
                               .arg(m_readBackValue->text().trimmed(), comparison.text()));
        m_finding->setStyleSheet(u"color: #b00020;"_s);
    }
    // The reason overrides a mismatch only: it is asked for, and kept, then.
    m_override->setVisible(comparison.mismatch());
    emit edited();
}

void PhoneCallList::clearReadBack()
{
    m_role->setCurrentIndex(0);
    m_readBackValue->clear();
    m_override->clear();
    m_readBack->setChecked(false);
}

void PhoneCallList::setParties(const BillParties &bill)
{
    m_name->setParties(bill);
}

void PhoneCallList::resetTime()
{
    const QDateTime now = thisMinute();
    m_at->setMaximumDateTime(now.addSecs(59));
    m_at->setDateTime(now);
}

PhoneCall PhoneCallList::entered() const
{
    PhoneCall call = m_name->person();
    call.at = DeskTime::exported(m_at->dateTime());
    // The first entry is "(role)": none given.
    if (m_role->currentIndex() > 0)
        call.role = CallTakerRoleInfo::all().value(m_role->currentIndex() - 1);
    call.readBack = m_readBack->isChecked();
    call.readBackValue = m_readBackValue->text().trimmed();
    if (!m_override->isHidden())
        call.readBackOverride = m_override->text().trimmed();
    return call;
}

QList<PhoneCall> PhoneCallList::calls() const
{
    QList<PhoneCall> result;
    for (int row = 0; row < m_list->count(); ++row)
        result << m_list->item(row)->data(CallRole).value<PhoneCall>();
    if (!m_name->isEmpty())
        result << entered();
    return result;
}

void PhoneCallList::setCalls(const QList<PhoneCall> &calls)
{
    m_list->clear();
    for (const PhoneCall &call : calls)
        appendRow(call);
    m_name->clearPerson();
    clearReadBack();
    resetTime();
    updateControls();
}

void PhoneCallList::appendRow(const PhoneCall &call)
{
    auto *item = new QListWidgetItem(call.text(), m_list);
    item->setData(CallRole, QVariant::fromValue(call));
}

void PhoneCallList::addEntered()
{
    if (m_name->isEmpty()) {
        m_name->setFocus();
        return;
    }
    appendRow(entered());
    m_list->scrollToBottom();
    // Ready for the next call, which is made later than this one.
    m_name->clearPerson();
    clearReadBack();
    resetTime();
    m_name->setFocus();
    updateControls();
    emit edited();
}

void PhoneCallList::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    // The next call becomes current, so Delete pressed again removes it too.
    if (m_list->count() > 0)
        m_list->setCurrentRow(qMin(row, m_list->count() - 1));
    else
        m_name->setFocus(); // Remove is about to be disabled; focus must not vanish with it
    updateControls();
    emit edited();
}

QList<QWidget *> PhoneCallList::focusChain() const
{
    return {m_name, m_at, m_role, m_readBack, m_readBackValue, m_override, m_add, m_list, m_remove};
}

QWidget *PhoneCallList::problemFocus() const
{
    if (m_list->count() > 0)
        return m_list;
    return m_name;
}

bool PhoneCallList::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((watched == m_name || watched == m_name->lineEdit() || watched == m_at
             || watched == m_readBackValue || watched == m_override)
            && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            addEntered();
            return true;
        }
        if (watched == m_list && key == Qt::Key_Delete) {
            removeCurrent();
            return true;
        }
    }
    // The latest time allowed is now, whenever the field is used: the dialog may have been
    // open a while.
    if (watched == m_at && event->type() == QEvent::FocusIn)
        m_at->setMaximumDateTime(thisMinute().addSecs(59));
    return QGroupBox::eventFilter(watched, event);
}

void PhoneCallList::updateControls()
{
    m_add->setEnabled(!m_name->isEmpty());
    const bool any = m_list->count() > 0;
    m_list->setEnabled(any);
    if (any && m_list->currentRow() < 0)
        m_list->setCurrentRow(m_list->count() - 1);
    m_remove->setEnabled(any && m_list->currentRow() >= 0);
}

} // namespace calloutdesk
