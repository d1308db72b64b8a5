#include "UrlPassword.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// Where the password sits in the text: from after the ':' of the user info to the '@'
// that ends it, or an empty range. The user info ends at the last '@' before the query,
// so a password with an unencoded '@' is still covered whole; the query may hold
// addresses (?from=lab@example.org) and is left alone. Mistyped URLs are exactly the ones
// quoted in messages, so two more are covered: a password holding an unencoded '?' or
// '#' (then no '@' comes before them), and a scheme without "://" ("postgresql//lab:pw@db",
// "lab:pw@db"), where the user info starts at the beginning.
struct Span
{
    qsizetype start = 0;
    qsizetype length = 0;
};

Span passwordSpan(const QString &url)
{
    const qsizetype schemeEnd = url.indexOf(u"://"_s);
    const qsizetype begin = schemeEnd < 0 ? 0 : schemeEnd + 3;
    qsizetype end = url.size();
    for (const QChar stop : {u'?', u'#'}) {
        const qsizetype at = url.indexOf(stop, begin);
        if (at >= 0 && at < end)
            end = at;
    }
    const qsizetype colon = url.indexOf(u':', begin);
    if (colon < 0 || colon > end)
        return {};
    qsizetype at = url.lastIndexOf(u'@', end - 1);
    if (at < begin) {
        // No '@' before the query: a host and port ("host:25/?from=lab@example.org"), or a
        // password that holds the '?' or '#'.
        qsizetype digits = colon + 1;
        while (digits < url.size() && url.at(digits).isDigit())
            ++digits;
        if (digits > colon + 1 && (digits == url.size() || u"/?#"_s.contains(url.at(digits))))
            return {};
        at = url.indexOf(u'@', colon);
        if (at < 0)
            return {};
    }
    if (colon > at)
        return {};
    return {colon + 1, at - colon - 1};
}

} // namespace

bool UrlPassword::isPresent(const QString &url)
{
    return passwordSpan(url).length > 0;
}

QString UrlPassword::masked(const QString &url)
{
    const Span span = passwordSpan(url);
    if (span.length == 0)
        return url;
    return QString(url).replace(span.start, span.length, u"****"_s);
}

} // namespace calloutdesk
