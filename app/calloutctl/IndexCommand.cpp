#include "IndexCommand.h"

#include "CommandLineTool.h"
#include "CommandOutput.h"
#include "services/db/MigrationRunner.h"
#include "services/search/IndexApiKeyIssuer.h"
#include "services/search/IndexClient.h"
#include "services/search/IndexOutbox.h"
#include "services/search/IndexSync.h"

#include <QEventLoop>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

IndexCommand::IndexCommand(DatabaseConnection &db, CommandOutput &output)
    : m_db(db)
    , m_output(output)
{ }

int IndexCommand::showStatus()
{
    const auto summary = IndexOutbox(m_db).summary();
    if (!summary)
        return m_output.fail(summary.failure());
    const IndexOutbox::Summary &s = summary.value();
    const OutboxQueue::Counts &counts = s.counts;
    if (m_output.json()) {
        QJsonArray refused;
        for (const IndexOutbox::HeldRow &row : s.heldRows) {
            refused.append(QJsonObject{{u"id"_s, row.id},
                                       {u"scope"_s, row.scope},
                                       {u"target"_s, row.targetId},
                                       {u"attempts"_s, row.attempts},
                                       {u"reason"_s, row.reason}});
        }
        m_output.print(QJsonObject{{u"pending"_s, counts.pending},
                                   {u"retrying"_s, counts.waitingToRetry},
                                   {u"refused"_s, counts.held + counts.failed},
                                   {u"orders_not_indexed"_s, s.ordersNotIndexed},
                                   {u"alarm"_s, s.alarm()},
                                   {u"done"_s, counts.done},
                                   {u"last_error"_s, counts.lastError},
                                   {u"refused_rows"_s, refused}});
        return CommandLineTool::Success;
    }
    QTextStream &out = m_output.out();
    out << tr("Index sync: %1 pending (%2 retrying, %3 refused by the index), %4 sent.")
               .arg(counts.pending)
               .arg(counts.waitingToRetry)
               .arg(counts.held + counts.failed)
               .arg(counts.done)
        << Qt::endl;
    if (!s.alarm().isEmpty())
        out << CommandOutput::oneLine(s.alarm()) << Qt::endl;
    if (!counts.lastError.isEmpty())
        out << tr("Last error: %1").arg(CommandOutput::oneLine(counts.lastError)) << Qt::endl;
    for (const IndexOutbox::HeldRow &row : s.heldRows) {
        out << tr("Refused: %1 %2 after %3 attempt(s): %4")
                   .arg(row.scope)
                   .arg(row.targetId)
                   .arg(row.attempts)
                   .arg(CommandOutput::oneLine(row.reason))
            << Qt::endl;
    }
    return CommandLineTool::Success;
}

int IndexCommand::retryFailed(qint64 labId)
{
    const auto retried = IndexOutbox(m_db).retryFailed(labId);
    if (!retried)
        return m_output.fail(retried.failure());
    if (m_output.json()) {
        m_output.print(QJsonObject{{u"retried"_s, retried.value()}});
        return CommandLineTool::Success;
    }
    m_output.out() << tr("%n refused index update(s) will be sent again by the next sync.", "",
                         int(retried.value()))
                   << Qt::endl;
    return CommandLineTool::Success;
}

int IndexCommand::outcome(int refused)
{
    if (refused == 0)
        return CommandLineTool::Success;
    const auto alarm = IndexOutbox(m_db).alarm();
    return m_output.fail(alarm ? Failure::internal(alarm.value()) : alarm.failure());
}

int IndexCommand::send(const IndexEndpoint &endpoint, bool rebuild, bool once)
{
    QTextStream &out = m_output.out();
    if (rebuild) {
        const auto queued = IndexOutbox(m_db).enqueueAllBills();
        if (!queued)
            return m_output.fail(queued.failure());
        out << tr("%1 orders queued for re-indexing.").arg(queued.value()) << Qt::endl;
    }

    IndexClient client(endpoint);
    IndexSync::Options options;
    options.worker = u"calloutctl@%1:%2"_s.arg(QHostInfo::localHostName())
                         .arg(QCoreApplication::applicationPid());
    IndexSync sync(m_db, client, options);
    QEventLoop loop;
    IndexSync::Report last;
    std::optional<Failure> stopped;
    std::function<void()> round;
    round = [&] {
        // An upgrade while this runs for hours: stop rather than write with the old schema.
        if (const Status schema = MigrationRunner(m_db).checkNotNewer(); !schema) {
            stopped = schema.failure();
            loop.quit();
            return;
        }
        sync.drainAll([&](const IndexSync::Report &report) {
            last = report;
            if (report.claimed > 0 || report.problem) {
                out << tr("Sent %1, retrying %2, refused %3.")
                           .arg(report.sent)
                           .arg(report.retried)
                           .arg(report.held)
                    << Qt::endl;
            }
            if (report.problem)
                m_output.fail(*report.problem); // the exit code comes from `last` below
            if (once)
                loop.quit();
            else
                QTimer::singleShot(2000, &loop, round);
        });
    };
    round();
    if (!stopped)
        loop.exec();
    if (stopped)
        return m_output.fail(*stopped);
    if (last.problem)
        return CommandLineTool::InternalError;
    if (last.claimed == 0)
        out << tr("Nothing to send.") << Qt::endl;
    if (rebuild)
        warnAboutSharedIndex(client);
    return outcome(last.held);
}

void IndexCommand::warnAboutSharedIndex(IndexClient &client)
{
    // Left alone rather than deleted: desks of an earlier version still read and write it
    // until they are upgraded, and would only make it again.
    const QString shared = client.endpoint().indexName();
    if (client.sendAndWait("HEAD", u"/"_s + shared, {}).httpStatus != 200)
        return;
    m_output.out() << tr("Note: the index %1 of earlier versions, shared by every lab, still "
                         "exists and is no longer used. Once no desk runs an earlier version, "
                         "delete it (DELETE /%1): any credential that can read it sees every "
                         "lab's reports.")
                          .arg(shared)
                   << Qt::endl;
}

int IndexCommand::createApiKey(const IndexEndpoint &endpoint, qint64 labId, const QString &name)
{
    IndexClient client(endpoint);
    std::optional<Result<IndexApiKey>> made;
    QEventLoop loop;
    IndexApiKeyIssuer(m_db, client).issue(labId, name, [&](const Result<IndexApiKey> &key) {
        made = key;
        loop.quit();
    });
    if (!made)
        loop.exec();
    if (!*made)
        return m_output.fail(made->failure());
    const IndexApiKey &key = made->value();
    if (m_output.json()) {
        m_output.print(QJsonObject{{u"id"_s, key.id},
                                   {u"name"_s, key.name},
                                   {u"lab"_s, labId},
                                   {u"index"_s, key.index},
                                   {u"encoded"_s, key.encoded}});
        return CommandLineTool::Success;
    }
    QTextStream &out = m_output.out();
    out << tr("API key \"%1\" (id %2) for lab %3: it may read and write the index %4 and no "
              "other.")
               .arg(key.name, key.id)
               .arg(labId)
               .arg(key.index)
        << Qt::endl
        << tr("Set it as %1 on the lab's desks; it is shown only this once:")
               .arg(QLatin1StringView(IndexEndpoint::apiKeyVariable))
        << Qt::endl
        << key.encoded << Qt::endl;
    return CommandLineTool::Success;
}

} // namespace calloutdesk
