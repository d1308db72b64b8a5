#include "ProblemLabel.h"

namespace calloutdesk {

ProblemLabel::ProblemLabel(const QString &objectName, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Red text on the window's own background: readable in light and dark palettes alike.
    QPalette warning = palette();
    warning.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    setPalette(warning);
    setAccessibleName(tr("Problem"));
    hide();
}

void ProblemLabel::say(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
}

void ProblemLabel::dismiss()
{
    clear();
    hide();
}

} // namespace calloutdesk
