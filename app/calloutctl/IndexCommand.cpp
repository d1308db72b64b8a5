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
    if (m_output.json()) {
        QJsonArray failed;
        for (const IndexOutbox::FailedRow &row : s.failedRows) {
            failed.append(QJsonObject{{u"id"_s, row.id},
                                      {u"scope"_s, row.scope},
                                      {u"target"_s, row.targetId},
                                      {u"attempts"_s, row.attempts},
                                      {u"reason"_s, row.reason}});
        }
        m_output.print(QJsonObject{{u"pending"_s, s.pending},
                                   {u"retrying"_s, s.waitingToRetry},
                                   {u"done"_s, s.done},
                                   {u"failed"_s, s.failed},
                                   {u"last_error"_s, s.lastError},
                                   {u"failed_rows"_s, failed}});
        return CommandLineTool::Success;
    }
    QTextStream &out = m_output.out();
    out << tr("Index sync: %1 pending (%2 retrying), %3 sent, %4 failed.")
               .arg(s.pending)
               .arg(s.waitingToRetry)
               .arg(s.done)
               .arg(s.failed)
        << Qt::endl;
    if (!s.lastError.isEmpty())
        out << tr("Last error: %1").arg(CommandOutput::oneLine(s.lastError)) << Qt::endl;
    for (const IndexOutbox::FailedRow &row : s.failedRows) {
        out << tr("Failed: %1 %2 after %3 attempt(s): %4")
                   .arg(row.scope)
                   .arg(row.targetId)
                   .arg(row.attempts)
                   .arg(CommandOutput::oneLine(row.reason))
            << Qt::endl;
    }
    return CommandLineTool::Success;
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
                out << tr("Sent %1, retrying %2, failed %3.")
                           .arg(report.sent)
                           .arg(report.retried)
                           .arg(report.failed)
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
    return last.failed > 0 ? CommandLineTool::InternalError : CommandLineTool::Success;
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
