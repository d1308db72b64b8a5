#include "MethodSendingNote.h"

#include "models/DeskSending.h"

#include <QCheckBox>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

MethodSendingNote::MethodSendingNote(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"methodsDeskNote"_s);
    setWordWrap(true);
    setStyleSheet(u"QLabel { color: #8a5a00; }"_s);
    hide();
}

void MethodSendingNote::showFor(const QHash<CommunicationMethod, QCheckBox *> &boxes)
{
    const std::optional<DeskSending> &sending = DeskSending::current();
    QStringList unsent;
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        QCheckBox *box = boxes.value(method);
        if (!box || !sending)
            continue;
        const QString note = sending->cannotSendNote(method);
        box->setToolTip(note);
        if (!note.isEmpty())
            unsent << CommunicationMethodInfo::label(method);
    }
    if (unsent.isEmpty()) {
        clear();
        hide();
        return;
    }
    if (unsent.size() == 1) {
        setText(tr("This desk cannot send %1: it waits for a desk that can.").arg(unsent.first()));
    } else {
        const QString last = unsent.takeLast();
        setText(tr("This desk cannot send %1 or %2: they wait for a desk that can.")
                    .arg(unsent.join(u", "_s), last));
    }
    show();
}

} // namespace calloutdesk
