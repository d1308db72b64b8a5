#pragma once

#include "CommunicationMethod.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// What this desk itself sends (SPEC U11): the channels it is configured for (mail
// settings, gateways), and only if its login may send at all (on PostgreSQL only a
// login that sees the whole lab claims messages). A message this desk cannot send is
// not lost: it waits in the outbox for a desk that can. The status bar and the callout
// dialog's methods say so, instead of a bare "sends nothing".
class DeskSending
{
    Q_DECLARE_TR_FUNCTIONS(DeskSending)

public:
    DeskSending(QList<CommunicationMethod> configured, bool claimsMessages);
    // From channel keys ("email", "sms"); unknown keys are ignored.
    static DeskSending fromKeys(const QStringList &channels, bool claimsMessages);

    bool sends(CommunicationMethod method) const;
    // For the status bar: "This desk sends Email and SMS; other messages wait for another
    // desk".
    QString summary() const;
    // Beside a method this desk cannot send; empty when it can.
    QString cannotSendNote(CommunicationMethod method) const;

    // The desk's own, once the program knows it; none before (then nothing is said).
    static void setCurrent(std::optional<DeskSending> sending);
    static const std::optional<DeskSending> &current();

private:
    QList<CommunicationMethod> m_configured;
    bool m_claims = true;
};

} // namespace calloutdesk
