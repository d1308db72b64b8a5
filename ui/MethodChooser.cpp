#include "MethodChooser.h"

#include "MethodSendingNote.h"
#include "ProblemLabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// Mnemonics chosen not to clash with the rest of the callout dialog.
QString textFor(CommunicationMethod method)
{
    switch (method) {
    case CommunicationMethod::Email:
        return MethodChooser::tr("E&mail");
    case CommunicationMethod::Fax:
        return MethodChooser::tr("Fa&x");
    case CommunicationMethod::Sms:
        return MethodChooser::tr("&SMS");
    case CommunicationMethod::WhatsApp:
        return MethodChooser::tr("&WhatsApp");
    }
    return CommunicationMethodInfo::label(method);
}

} // namespace

MethodChooser::MethodChooser(QWidget *parent)
    : QGroupBox(tr("Communication methods"), parent)
    , m_row(new QHBoxLayout)
    , m_problem(new ProblemLabel(u"methodsProblem"_s, this))
    , m_sendingNote(new MethodSendingNote(this))
{
    setObjectName(u"methodChooser"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_row);
    layout->addWidget(m_sendingNote);
    layout->addWidget(m_problem);
}

QString MethodChooser::objectNameFor(CommunicationMethod method)
{
    return u"method_"_s + CommunicationMethodInfo::key(method);
}

void MethodChooser::setSettings(const NotificationSettings &settings)
{
    const QList<CommunicationMethod> kept = chosen();
    m_boxes.clear();
    while (QLayoutItem *item = m_row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        if (!settings.allows(method))
            continue;
        auto *box = new QCheckBox(textFor(method), this);
        box->setObjectName(objectNameFor(method));
        box->setChecked(kept.contains(method));
        m_row->addWidget(box);
        m_boxes.insert(method, box);
    }
    if (m_boxes.isEmpty()) {
        auto *none = new QLabel(tr("This lab has no communication method enabled."), this);
        none->setObjectName(u"noMethods"_s);
        m_row->addWidget(none);
    }
    m_row->addStretch(1);
    m_sendingNote->showFor(m_boxes);
}

QList<CommunicationMethod> MethodChooser::offered() const
{
    QList<CommunicationMethod> methods;
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        if (m_boxes.contains(method))
            methods << method;
    }
    return methods;
}

QList<CommunicationMethod> MethodChooser::chosen() const
{
    QList<CommunicationMethod> methods;
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        if (m_boxes.contains(method) && m_boxes.value(method)->isChecked())
            methods << method;
    }
    return methods;
}

void MethodChooser::choose(const QList<CommunicationMethod> &methods)
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        it.value()->setChecked(methods.contains(it.key()));
}

QList<QWidget *> MethodChooser::focusChain() const
{
    QList<QWidget *> chain;
    for (const CommunicationMethod method : offered())
        chain << m_boxes.value(method);
    return chain;
}

} // namespace calloutdesk
