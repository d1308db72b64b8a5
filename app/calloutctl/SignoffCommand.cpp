#include "SignoffCommand.h"

#include "CommandOutput.h"
#include "PasswordInput.h"
#include "services/db/CredentialCheck.h"
#include "services/db/DatabaseConnection.h"

#include <QJsonObject>
#include <QTextStream>


using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

SignoffCommand::SignoffCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int SignoffCommand::run(const SessionScope &scope, qint64 reportId, ReportSignoff::Action action)
{
    const bool sign = action == ReportSignoff::Action::Sign;
    if (!sign && CredentialCheck::needsPassword(m_db.url())) {
        const Status confirmed = confirmSignature();
        if (!confirmed)
            return m_output.fail(confirmed.failure());
    }
    return m_output.show(
        ReportSignoff(m_db).perform(scope, reportId, action),
        [&](const Done &) {
            return QJsonObject{{u"lab_report_id"_s, reportId},
                               {sign ? u"signed"_s : u"approved"_s, true}};
        },
        [&](const Done &) {
            m_output.out()
                << (sign ? tr("Report %1 is signed.") : tr("Report %1 is approved.")).arg(reportId)
                << Qt::endl;
        });
}

Status SignoffCommand::confirmSignature() const
{
    const QString login = m_db.url().userName();
    if (login.isEmpty()) {
        return Failure::invalidInput(
            tr("Approving on PostgreSQL asks for your password again: name your login in the "
               "database URL (postgresql://NAME@host/database)."));
    }
    const QString password = PasswordInput::read(tr("Password for %1: ").arg(login));
    if (password.isEmpty()) {
        return Failure::invalidInput(
            tr("Approving asks for the password of %1 again: give it as one line on standard "
               "input.")
                .arg(login));
    }
    return CredentialCheck(m_db.url()).verify(login, password, CredentialCheck::Proof::Password);
}

} // namespace calloutdesk
