#pragma once

#include <QString>

namespace calloutdesk {

// True when `text` holds a character that ends a line or drives a device rather than
// shows a letter: C0/C1 controls (CR, LF, tab, ESC…), DEL, and the Unicode line and
// paragraph separators. Typed contact data never needs one, and in an address or a name
// one can start a new SMTP command or header line, or a terminal escape sequence.
inline bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        switch (c.category()) {
        case QChar::Other_Control:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return true;
        default:
            break;
        }
    }
    return false;
}

} // namespace calloutdesk
