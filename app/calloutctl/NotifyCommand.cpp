#include "NotifyCommand.h"

#include "CommandLineTool.h"
#include "CommandOutput.h"
#include "services/db/MigrationRunner.h"
#include "services/notify/MailPasswordStore.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/NotificationDispatcher.h"
#include "services/notify/NotificationOutbox.h"
#include "services/notify/SmtpSettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

NotifyCommand::NotifyCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int NotifyCommand::run(const Options &options)
{
    if (options.status)
        return showStatus();
    if (options.retryId > 0)
        return retry(options.retryId, options.labId);
    if (options.retryFailed)
        return retryFailed(options.labId, options.since);
    return send(options);
}

int NotifyCommand::storeMailPassword(const QString &commandLineUrl, CommandOutput &output)
{
    const auto configured = SmtpSettings::configured(commandLineUrl, QSettings());
    if (!configured) {
        return output.fail(
            Failure::invalidInput(tr("No mail server given: use --smtp URL or set %1.")
                                      .arg(QLatin1StringView(SmtpSettings::environmentVariable))));
    }
    if (!*configured)
        return output.fail(Failure::invalidInput(configured->failure().message));
    const SmtpSettings &settings = configured->value();
    if (settings.userName().isEmpty()) {
        return output.fail(Failure::invalidInput(
            tr("The mail server URL names no user, so there is no password to store.")));
    }
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (password.isEmpty())
        return output.fail(Failure::invalidInput(tr("No password on standard input.")));
    const Status stored = MailPasswordStore::store(settings, password);
    if (!stored)
        return output.fail(stored.failure());
    output.out()
        << tr("Stored the password of %1 in the keychain.").arg(MailPasswordStore::keyFor(settings))
        << Qt::endl;
    return CommandLineTool::Success;
}

int NotifyCommand::showStatus()
{
    const auto summary = NotificationOutbox(m_db).summary();
    if (!summary)
        return m_output.fail(summary.failure());
    const NotificationOutbox::Summary &s = summary.value();
    if (m_output.json()) {
        QJsonArray failures;
        for (const NotificationDelivery &failure : s.failures)
            failures.append(QJsonObject{{u"id"_s, failure.id},
                                        {u"channel"_s, failure.channel},
                                        {u"recipient"_s, failure.recipientKind},
                                        {u"address"_s, failure.address},
                                        {u"attempts"_s, failure.attempts},
                                        {u"reason"_s, failure.lastError}});
        QJsonArray paused;
        for (const OutboxQueue::Waiting &channel : s.paused)
            paused.append(QJsonObject{{u"channel"_s, channel.lane},
                                      {u"waiting"_s, channel.laneWaiting},
                                      {u"reason"_s, channel.reason}});
        m_output.print(QJsonObject{{u"pending"_s, s.pending},
                                   {u"retrying"_s, s.waitingToRetry},
                                   {u"sending"_s, s.sending},
                                   {u"sent"_s, s.sent},
                                   {u"failed"_s, s.failed},
                                   {u"failures"_s, failures},
                                   {u"paused"_s, paused}});
        return CommandLineTool::Success;
    }
    m_output.out() << tr("Notifications: %1 pending (%2 retrying), %3 sending, %4 sent, %5 failed.")
                          .arg(s.pending)
                          .arg(s.waitingToRetry)
                          .arg(s.sending)
                          .arg(s.sent)
                          .arg(s.failed)
                   << Qt::endl;
    for (const OutboxQueue::Waiting &channel : s.paused)
        m_output.out() << tr("Paused: %1, %2 waiting; the settings of a desk were refused: %3")
                              .arg(channel.lane)
                              .arg(channel.laneWaiting)
                              .arg(CommandOutput::oneLine(channel.reason))
                       << Qt::endl;
    for (const NotificationDelivery &failure : s.failures)
        m_output.out() << tr("Failed: #%1 %2 to %3 (%4) after %5 attempt(s): %6")
                              .arg(failure.id)
                              .arg(failure.channel, failure.address, failure.recipientKind)
                              .arg(failure.attempts)
                              .arg(CommandOutput::oneLine(failure.lastError))
                       << Qt::endl;
    return CommandLineTool::Success;
}

int NotifyCommand::retry(qint64 id, qint64 labId)
{
    const auto retried = NotificationOutbox(m_db).retryFailed(id, labId);
    if (!retried)
        return m_output.fail(retried.failure());
    if (!retried.value()) {
        return m_output.fail(Failure::invalidInput(
            tr("Notification %1 is not a failed notification of your lab.").arg(id)));
    }
    m_output.out()
        << tr("Notification %1 will be sent again by the next desk that drains the outbox.").arg(id)
        << Qt::endl;
    return CommandLineTool::Success;
}

int NotifyCommand::retryFailed(qint64 labId, const std::optional<QDate> &since)
{
    const auto retried = NotificationOutbox(m_db).retryFailed(
        labId, since ? std::optional(since->startOfDay()) : std::nullopt);
    if (!retried)
        return m_output.fail(retried.failure());
    if (m_output.json()) {
        m_output.print(QJsonObject{{u"retried"_s, retried.value()}});
        return CommandLineTool::Success;
    }
    m_output.out() << tr("%n failed notification(s) will be sent again by the next desk that "
                         "drains the outbox.",
                         "", int(retried.value()))
                   << Qt::endl;
    return CommandLineTool::Success;
}

void NotifyCommand::showPauses(const QString &pauses, QString &shown)
{
    if (pauses == shown)
        return;
    shown = pauses;
    if (pauses.isEmpty())
        m_output.out() << tr("Every channel sends again.") << Qt::endl;
    else
        m_output.fail(Failure::configuration(
            tr("Messages wait, not failed, until the settings work: %1").arg(pauses)));
}

int NotifyCommand::send(const Options &options)
{
    NotificationSetup::Channels setup
        = NotificationSetup::fromConfiguration(options.channels, QSettings());
    int refused = CommandLineTool::Success;
    for (const QString &problem : setup.problems)
        refused = m_output.fail(Failure::invalidInput(problem));
    if (refused != CommandLineTool::Success)
        return refused;
    if (setup.channels->isEmpty()) {
        return m_output.fail(Failure::invalidInput(
            tr("No channel configured: give --smtp, --fax-gateway, --sms-gateway or "
               "--whatsapp-gateway (or their environment variables or settings).")));
    }
    NotificationDispatcher::Options dispatch;
    dispatch.worker = u"calloutctl@%1:%2"_s.arg(QHostInfo::localHostName())
                          .arg(QCoreApplication::applicationPid());
    NotificationDispatcher dispatcher(
        m_db,
        [](DatabaseConnection &connection, const NotificationMessage &message) {
            return NotificationContentReader(connection).read(message);
        },
        *setup.channels, dispatch);
    m_output.out() << tr("Sending through: %1").arg(setup.channels->keys().join(u", "_s))
                   << Qt::endl;
    int failed = 0;
    QString pauses;
    const QString settingsFile = QSettings().fileName();
    QDateTime settingsRead = QFileInfo(settingsFile).lastModified();
    for (;;) {
        // An upgrade while this runs for hours: stop rather than write with the old schema.
        if (const Status schema = MigrationRunner(m_db).checkNotNewer(); !schema)
            return m_output.fail(schema.failure());
        // A paused channel waits for its settings to be mended: when the settings file
        // changes, probe at once with what it says now, as the desk does, not in minutes
        // with what it said when this started.
        if (const QDateTime modified = QFileInfo(settingsFile).lastModified();
            !pauses.isEmpty() && modified != settingsRead) {
            settingsRead = modified;
            NotificationSetup::Channels changed
                = NotificationSetup::fromConfiguration(options.channels, QSettings());
            for (const QString &problem : changed.problems)
                m_output.fail(Failure::invalidInput(problem));
            if (changed.problems.isEmpty() && !changed.channels->isEmpty()) {
                dispatcher.setChannels(*changed.channels);
                setup = std::move(changed);
                dispatcher.probeSoon();
                m_output.out() << tr("The settings changed: trying the paused channels again.")
                               << Qt::endl;
            }
        }
        const NotificationDispatcher::Report report = dispatcher.drainAll();
        failed += report.failed;
        if (report.claimed > 0)
            m_output.out() << tr("Sent %1, retrying %2, failed %3.")
                                  .arg(report.sent)
                                  .arg(report.retried)
                                  .arg(report.failed)
                           << Qt::endl;
        if (!report.problem.isEmpty())
            return m_output.fail(Failure::internal(report.problem));
        showPauses(dispatcher.pauses().describe(), pauses);
        if (options.once) {
            if (report.claimed == 0)
                m_output.out() << tr("Nothing to send.") << Qt::endl;
            return failed > 0 || !pauses.isEmpty() ? CommandLineTool::InternalError
                                                   : CommandLineTool::Success;
        }
        // A long-running sender, as a service would run it: look again in a few seconds.
        QThread::sleep(5);
    }
}

} // namespace calloutdesk
