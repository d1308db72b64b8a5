#include "SqlScriptSplitter.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

} // namespace

QStringList SqlScriptSplitter::split(const QString &script)
{
    QStringList statements;
    QString current;
    int blockDepth = 0; // BEGIN/CASE … END nesting outside quotes
    const qsizetype n = script.size();
    qsizetype i = 0;

    auto flush = [&] {
        const QString statement = current.trimmed();
        if (!statement.isEmpty())
            statements << statement;
        current.clear();
    };

    while (i < n) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();

        if (c == u'-' && next == u'-') { // line comment: dropped
            while (i < n && script.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && next == u'*') { // block comment: dropped
            const qsizetype end = script.indexOf(u"*/"_s, i + 2);
            i = end < 0 ? n : end + 2;
            current += u' ';
            continue;
        }
        if (c == u'\'' || c == u'"') { // quoted text or identifier, '' escapes a quote
            qsizetype j = i + 1;
            while (j < n) {
                if (script.at(j) == c) {
                    if (j + 1 < n && script.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            current += script.mid(i, j + 1 - i);
            i = j + 1;
            continue;
        }
        if (c == u'$') { // PostgreSQL dollar quote: $$ … $$ or $tag$ … $tag$
            qsizetype j = i + 1;
            while (j < n && isWordChar(script.at(j)))
                ++j;
            if (j < n && script.at(j) == u'$' && (i == 0 || !isWordChar(script.at(i - 1)))) {
                const QString tag = script.mid(i, j + 1 - i);
                const qsizetype close = script.indexOf(tag, j + 1);
                const qsizetype end = close < 0 ? n : close + tag.size();
                current += script.mid(i, end - i);
                i = end;
                continue;
            }
        }
        if (c.isLetter() && (i == 0 || !isWordChar(script.at(i - 1)))) {
            qsizetype j = i;
            while (j < n && isWordChar(script.at(j)))
                ++j;
            const QString word = script.mid(i, j - i);
            if (word.compare(u"BEGIN"_s, Qt::CaseInsensitive) == 0
                || word.compare(u"CASE"_s, Qt::CaseInsensitive) == 0) {
                ++blockDepth;
            } else if (word.compare(u"END"_s, Qt::CaseInsensitive) == 0 && blockDepth > 0) {
                --blockDepth;
            }
            current += word;
            i = j;
            continue;
        }
        if (c == u';' && blockDepth == 0) {
            flush();
            ++i;
            continue;
        }
        current += c;
        ++i;
    }
    flush();
    return statements;
}

} // namespace calloutdesk
