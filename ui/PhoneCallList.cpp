#include "PhoneCallList.h"

#include "ProblemLabel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTime>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

PhoneCallList::PhoneCallList(QWidget *parent)
    : QGroupBox(tr("Already notified by phone"), parent)
    , m_name(new QLineEdit(this))
    , m_at(new QLineEdit(this))
    // No mnemonic: every letter of "Add" is taken in the callout dialog, and Enter in
    // either field adds the call.
    , m_add(new QPushButton(tr("Add"), this))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remo&ve"), this))
    , m_problem(new ProblemLabel(u"phoneCallsProblem"_s, this))
{
    setObjectName(u"phoneCallList"_s);
    m_name->setObjectName(u"phoneCallName"_s);
    m_name->setAccessibleName(tr("Who was called by phone"));
    m_name->setPlaceholderText(tr("e.g. Dr. Jones, ward 3 nurse"));
    m_at->setObjectName(u"phoneCallTime"_s);
    m_at->setAccessibleName(tr("When the call was made"));
    m_at->setToolTip(tr("When the call was made, as you would write it; now, to start with."));
    m_at->setMaximumWidth(m_at->fontMetrics().horizontalAdvance(u"00:00 AM"_s) * 2);
    m_at->setText(now());
    m_add->setObjectName(u"addPhoneCallButton"_s);
    m_add->setAccessibleName(tr("Add phone call"));
    m_list->setObjectName(u"phoneCallsList"_s);
    m_list->setAccessibleName(tr("Phone calls already made"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    // A few rows are enough; the records above need the dialog's height more.
    m_list->setMaximumHeight(m_list->fontMetrics().lineSpacing() * 4 + 2 * m_list->frameWidth());
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
    auto *added = new QHBoxLayout;
    added->addWidget(m_list, 1);
    added->addWidget(m_remove, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addLayout(added);
    layout->addWidget(m_problem);

    m_name->installEventFilter(this);
    m_at->installEventFilter(this);
    m_list->installEventFilter(this);
    connect(m_add, &QPushButton::clicked, this, &PhoneCallList::addEntered);
    connect(m_remove, &QPushButton::clicked, this, &PhoneCallList::removeCurrent);
    connect(m_name, &QLineEdit::textChanged, this, &PhoneCallList::updateControls);
    connect(m_list, &QListWidget::currentRowChanged, this, &PhoneCallList::updateControls);
    updateControls();
}

QString PhoneCallList::now()
{
    // A call is noted to the minute, but some short formats (the C locale's "HH:mm:ss")
    // still carry seconds: drop them, with their separator.
    static const QRegularExpression seconds(u"[:.]?ss?"_s);
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(seconds);
    return QLocale().toString(QTime::currentTime(), format.trimmed());
}

QString PhoneCallList::textOf(const PhoneCall &call)
{
    const QString name = call.name.trimmed().isEmpty() ? tr("(no name)") : call.name.trimmed();
    if (call.at.trimmed().isEmpty())
        return tr("%1, no time given").arg(name);
    return tr("%1 at %2").arg(name, call.at.trimmed());
}

QList<PhoneCall> PhoneCallList::calls() const
{
    QList<PhoneCall> result;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        result.append({item->data(NameRole).toString(), item->data(AtRole).toString()});
    }
    if (!m_name->text().trimmed().isEmpty())
        result.append({m_name->text().trimmed(), m_at->text().trimmed()});
    return result;
}

void PhoneCallList::setCalls(const QList<PhoneCall> &calls)
{
    m_list->clear();
    for (const PhoneCall &call : calls)
        appendRow(call);
    m_name->clear();
    m_at->setText(now());
    updateControls();
}

void PhoneCallList::appendRow(const PhoneCall &call)
{
    auto *item = new QListWidgetItem(textOf(call), m_list);
    item->setData(NameRole, call.name);
    item->setData(AtRole, call.at);
}

void PhoneCallList::addEntered()
{
    if (m_name->text().trimmed().isEmpty()) {
        m_name->setFocus();
        return;
    }
    appendRow({m_name->text().trimmed(), m_at->text().trimmed()});
    m_list->scrollToBottom();
    // Ready for the next call, which is made later than this one.
    m_name->clear();
    m_at->setText(now());
    m_name->setFocus();
    updateControls();
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
        m_name->setFocus(); // the list is about to hide; focus must not vanish with it
    updateControls();
}

QList<QWidget *> PhoneCallList::focusChain() const
{
    return {m_name, m_at, m_add, m_list, m_remove};
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
        if ((watched == m_name || watched == m_at)
            && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            addEntered();
            return true;
        }
        if (watched == m_list && key == Qt::Key_Delete) {
            removeCurrent();
            return true;
        }
    }
    return QGroupBox::eventFilter(watched, event);
}

void PhoneCallList::updateControls()
{
    m_add->setEnabled(!m_name->text().trimmed().isEmpty());
    // An empty list is hidden: most callouts have no call to record, and the dialog needs
    // its height for the records.
    const bool any = m_list->count() > 0;
    m_list->setVisible(any);
    m_remove->setVisible(any);
    if (any && m_list->currentRow() < 0)
        m_list->setCurrentRow(m_list->count() - 1);
    m_remove->setEnabled(any && m_list->currentRow() >= 0);
}

} // namespace calloutdesk
