#include "DeskSending.h"

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

std::optional<DeskSending> &currentSending()
{
    static std::optional<DeskSending> sending;
    return sending;
}

QString labels(const QList<CommunicationMethod> &methods)
{
    QStringList names;
    for (const CommunicationMethod method : methods)
        names << CommunicationMethodInfo::label(method);
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return DeskSending::tr("%1 and %2").arg(names.join(u", "_s), last);
}

} // namespace

DeskSending::DeskSending(QList<CommunicationMethod> configured, bool claimsMessages)
    : m_configured(std::move(configured))
    , m_claims(claimsMessages)
{ }

DeskSending DeskSending::fromKeys(const QStringList &channels, bool claimsMessages)
{
    QList<CommunicationMethod> configured;
    for (const CommunicationMethod method : CommunicationMethodInfo::all())
        if (channels.contains(CommunicationMethodInfo::key(method)))
            configured << method;
    return DeskSending(configured, claimsMessages);
}

bool DeskSending::sends(CommunicationMethod method) const
{
    return m_claims && m_configured.contains(method);
}

QString DeskSending::summary() const
{
    if (m_configured.isEmpty())
        return tr("This desk sends no messages: they wait for a desk with mail or gateway "
                  "settings");
    if (!m_claims)
        return tr("This desk sends no messages: only a desk signed in with a support login "
                  "sends them");
    if (m_configured.size() == CommunicationMethodInfo::all().size())
        return tr("This desk sends %1").arg(labels(m_configured));
    return tr("This desk sends %1; other messages wait for another desk").arg(labels(m_configured));
}

QString DeskSending::cannotSendNote(CommunicationMethod method) const
{
    if (sends(method))
        return QString();
    const QString name = CommunicationMethodInfo::label(method);
    if (!m_claims)
        return tr("This desk cannot send %1 (only a support login's desk sends): it waits for "
                  "a desk that can.")
            .arg(name);
    return method == CommunicationMethod::Email
        ? tr("This desk cannot send %1 (it has no mail settings): it waits for a desk that "
             "can.")
              .arg(name)
        : tr("This desk cannot send %1 (it has no %1 gateway): it waits for a desk that can.")
              .arg(name);
}

void DeskSending::setCurrent(std::optional<DeskSending> sending)
{
    currentSending() = std::move(sending);
}

const std::optional<DeskSending> &DeskSending::current()
{
    return currentSending();
}

} // namespace calloutdesk
