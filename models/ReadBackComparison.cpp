#include "ReadBackComparison.h"

#include <QRegularExpression>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

// A plain decimal number as typed: sign, digits, and the digits after the point.
struct Decimal
{
    bool negative = false;
    QString whole;
    QString fraction;

    static std::optional<Decimal> parse(const QString &text)
    {
        static const QRegularExpression pattern(u"^([+-]?)([0-9]*)(?:\\.([0-9]*))?$"_s);
        const QRegularExpressionMatch match = pattern.match(text.trimmed());
        if (!match.hasMatch() || (match.captured(2).isEmpty() && match.captured(3).isEmpty()))
            return std::nullopt;
        return Decimal{match.captured(1) == u"-", match.captured(2), match.captured(3)};
    }

    // The digits of the number rounded to `places` decimals (half away from zero), with
    // the sign in front and no leading zeros: "7.285" at 2 places is "729"; zero is "0".
    QString rounded(qsizetype places) const
    {
        QString digits = whole + fraction.left(places).leftJustified(places, u'0');
        if (fraction.size() > places && fraction.at(places) >= u'5') {
            qsizetype at = digits.size() - 1;
            while (at >= 0 && digits.at(at) == u'9')
                digits[at--] = u'0';
            if (at >= 0)
                digits[at] = QChar(digits.at(at).unicode() + 1);
            else
                digits.prepend(u'1');
        }
        while (digits.size() > 1 && digits.startsWith(u'0'))
            digits.remove(0, 1);
        if (digits.isEmpty() || digits == u"0")
            return u"0"_s;
        return negative ? u'-' + digits : digits;
    }
};

QString folded(const QString &text)
{
    return text.simplified().toCaseFolded();
}

// The value as the report holds it; a parameter restored from JSON has only its number.
QString recordedValue(const CriticalParameter &parameter)
{
    return parameter.value.trimmed().isEmpty() ? QString::number(parameter.numericValue)
                                               : parameter.value.trimmed();
}

QString valueLabel(const CriticalParameter &parameter)
{
    const QString value = recordedValue(parameter);
    return parameter.parameterName.trimmed().isEmpty()
        ? value
        : u"%1 %2"_s.arg(parameter.parameterName.trimmed(), value);
}

} // namespace

bool ReadBackComparison::sameValue(const QString &readBack, const QString &recorded)
{
    const std::optional<Decimal> typed = Decimal::parse(readBack);
    const std::optional<Decimal> held = Decimal::parse(recorded);
    if (typed && held)
        return typed->rounded(held->fraction.size()) == held->rounded(held->fraction.size());
    return folded(readBack) == folded(recorded);
}

ReadBackComparison ReadBackComparison::compare(const QString &readBack,
                                               const QList<CriticalParameter> &criticalValues)
{
    ReadBackComparison comparison;
    comparison.m_readBack = readBack.trimmed();
    if (comparison.m_readBack.isEmpty())
        return comparison;
    for (const CriticalParameter &parameter : criticalValues) {
        const QString label = valueLabel(parameter);
        comparison.m_comparedWith << label;
        if (comparison.m_matched.isEmpty()
            && sameValue(comparison.m_readBack, recordedValue(parameter)))
            comparison.m_matched = label;
    }
    return comparison;
}

QString ReadBackComparison::text() const
{
    if (!compared())
        return {};
    if (matches())
        return tr("matches %1").arg(m_matched);
    return tr("does not match %1").arg(m_comparedWith.join(tr(" or ")));
}

} // namespace calloutdesk
