#include "RecipientKind.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QList<RecipientKind> RecipientKindInfo::all()
{
    return {RecipientKind::Patient, RecipientKind::Referral, RecipientKind::Organization,
            RecipientKind::Other};
}

QString RecipientKindInfo::label(RecipientKind kind)
{
    switch (kind) {
    case RecipientKind::Patient:
        return u"Patient"_s;
    case RecipientKind::Referral:
        return u"Referral"_s;
    case RecipientKind::Organization:
        return u"Organization"_s;
    case RecipientKind::Other:
        return u"Other"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString RecipientKindInfo::key(RecipientKind kind)
{
    return label(kind).toLower();
}

QString RecipientKindInfo::noun(RecipientKind kind)
{
    switch (kind) {
    case RecipientKind::Patient:
        return QCoreApplication::translate("RecipientKind", "patient");
    case RecipientKind::Referral:
        return QCoreApplication::translate("RecipientKind", "referring doctor");
    case RecipientKind::Organization:
        return QCoreApplication::translate("RecipientKind", "organisation");
    case RecipientKind::Other:
        return QCoreApplication::translate("RecipientKind", "other contact");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<RecipientKind> RecipientKindInfo::fromKey(const QString &text)
{
    for (const RecipientKind kind : all()) {
        if (key(kind) == text.trimmed().toLower())
            return kind;
    }
    return std::nullopt;
}

} // namespace calloutdesk
