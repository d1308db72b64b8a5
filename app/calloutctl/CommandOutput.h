#pragma once

#include "CommandLineTool.h"
#include "services/Failure.h"

#include <QJsonValue>
#include <QTextStream>

namespace calloutdesk {

// Where a calloutctl command writes: results to standard output (text, or JSON with
// --json), refusals to standard error as one line, with the exit code of the failure.
class CommandOutput
{
public:
    CommandOutput(QTextStream &out, QTextStream &err);

    QTextStream &out() { return m_out; }
    // Whether results are printed as JSON (--json).
    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }

    // Says why on standard error and returns the exit code for it.
    int fail(const Failure &failure);
    void print(const QJsonValue &json);

    // What every reading command does with its result: the failure on standard error, or
    // the value as JSON with --json, else as text. Returns the exit code.
    template <typename T, typename ToJson, typename ToText>
    int show(const Result<T> &result, ToJson toJson, ToText toText)
    {
        if (!result)
            return fail(result.failure());
        if (m_json)
            print(toJson(result.value()));
        else
            toText(result.value());
        return CommandLineTool::Success;
    }

    // Text from the database for a terminal: comments and names are typed by people and
    // may hold control characters. An escape sequence would be run by the terminal (a
    // changed title, hidden or rewritten lines) and a line break would forge a line of
    // output, so control characters are dropped and line breaks become spaces. JSON output
    // needs none of this: it escapes them.
    static QString oneLine(const QString &text);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    bool m_json = false;
};

} // namespace calloutdesk
