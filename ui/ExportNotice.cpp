#include "ExportNotice.h"

#include <QResizeEvent>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ExportNotice::ExportNotice(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"exportNotice"_s);
    // Takes the room the bar has, never asks for more: the window's width is not the
    // path's to decide.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void ExportNotice::showNotice(const QString &text)
{
    m_full = text;
    setToolTip(text);
    setAccessibleName(text);
    elide();
}

void ExportNotice::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ExportNotice::elide()
{
    setText(fontMetrics().elidedText(m_full, Qt::ElideMiddle, std::max(0, contentsRect().width())));
}

} // namespace calloutdesk
