#include "CommandOutput.h"

#include "CommandLineTool.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace calloutdesk {

namespace {

bool breaksTheLine(char32_t c)
{
    return c == u'\n' || c == u'\r' || c == u'\t' || c == u'\v' || c == u'\f' || c == 0x85
        || c == 0x2028 || c == 0x2029;
}

// Bidirectional embeddings, overrides and isolates reorder what follows them on screen.
bool reordersTheLine(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

CommandOutput::CommandOutput(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int CommandOutput::fail(const Failure &failure)
{
    // A message may quote what was typed or what the database holds.
    m_err << "calloutctl: " << oneLine(failure.message) << Qt::endl;
    return CommandLineTool::exitCodeFor(failure);
}

void CommandOutput::print(const QJsonValue &json)
{
    const QJsonDocument document
        = json.isArray() ? QJsonDocument(json.toArray()) : QJsonDocument(json.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

QString CommandOutput::oneLine(const QString &text)
{
    QString line;
    line.reserve(text.size());
    for (const char32_t c : text.toUcs4()) {
        if (breaksTheLine(c))
            line += u' ';
        else if (QChar::category(c) != QChar::Other_Control && !reordersTheLine(c))
            line += QString::fromUcs4(&c, 1);
    }
    return line;
}

} // namespace calloutdesk
