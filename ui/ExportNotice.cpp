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

void ExportNotice::showNotice(const QString &text, const QString &path)
{
    m_full = text;
    m_path = text.contains(path) ? path : QString();
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
    const QFontMetrics metrics = fontMetrics();
    const int room = std::max(0, contentsRect().width());
    if (m_path.isEmpty() || metrics.horizontalAdvance(m_full) <= room) {
        setText(metrics.elidedText(m_full, Qt::ElideMiddle, room));
        return;
    }
    const qsizetype at = m_full.indexOf(m_path);
    const QString before = m_full.left(at);
    const QString after = m_full.mid(at + m_path.size());
    const int pathRoom = room - metrics.horizontalAdvance(before + after);
    const QString path = metrics.elidedText(m_path, Qt::ElideLeft, std::max(0, pathRoom));
    // Too narrow even for that: the end of the text, where the file's name is.
    const QString text = before + path + after;
    setText(metrics.horizontalAdvance(text) <= room
                ? text
                : metrics.elidedText(m_full, Qt::ElideLeft, room));
}

} // namespace calloutdesk
