#include "SimulateCommand.h"

#include "CommandLineTool.h"
#include "CommandOutput.h"
#include "models/DeskTime.h"
#include "models/WorklistValueText.h"
#include "services/callout/ResultSimulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <csignal>

#include <signal.h>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

volatile std::sig_atomic_t stopRequested = 0;

void requestStop(int)
{
    stopRequested = 1;
}

// Ctrl-C and SIGTERM end the run between two results, never inside one; the previous
// handlers come back when the run ends.
class StopSignals
{
public:
    StopSignals()
    {
        stopRequested = 0;
        struct sigaction action = {};
        action.sa_handler = requestStop;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, &m_interrupt);
        sigaction(SIGTERM, &action, &m_terminate);
    }
    ~StopSignals()
    {
        sigaction(SIGINT, &m_interrupt, nullptr);
        sigaction(SIGTERM, &m_terminate, nullptr);
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    bool requested() const { return stopRequested != 0; }

private:
    struct sigaction m_interrupt = {};
    struct sigaction m_terminate = {};
};

} // namespace

std::optional<qint64> SimulateCommand::parseDuration(const QString &text)
{
    static const QRegularExpression seconds(u"^\\d{1,7}$"_s);
    static const QRegularExpression parts(u"^(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,7})s)?$"_s);
    const QString trimmed = text.trimmed();
    if (seconds.match(trimmed).hasMatch())
        return trimmed.toLongLong() * 1000;
    const auto match = parts.match(trimmed);
    if (trimmed.isEmpty() || !match.hasMatch())
        return std::nullopt;
    const qint64 total = match.captured(1).toLongLong() * 3600 + match.captured(2).toLongLong() * 60
        + match.captured(3).toLongLong();
    return total > 0 ? std::optional(total * 1000) : std::nullopt;
}

Result<SimulateCommand::Plan> SimulateCommand::plan(const Arguments &arguments)
{
    Plan plan;
    if (!arguments.rate)
        return Failure::invalidInput(tr("Say how many results to write with --rate N (per minute "
                                        "unless --per second or --per hour)."));
    bool ok = false;
    const int rate = arguments.rate->trimmed().toInt(&ok);
    if (!ok || rate < 1)
        return Failure::invalidInput(
            tr("--rate must be a whole number of 1 or more, not \"%1\".").arg(*arguments.rate));
    const QString per = arguments.per.isEmpty() ? u"minute"_s : arguments.per.trimmed();
    const int seconds = per == u"second" ? 1 : per == u"minute" ? 60 : per == u"hour" ? 3600 : 0;
    if (seconds == 0)
        return Failure::invalidInput(
            tr("--per must be second, minute or hour, not \"%1\".").arg(arguments.per));
    plan.perSecond = double(rate) / seconds;
    if (plan.perSecond > maxRatePerSecond)
        return Failure::invalidInput(
            tr("--rate %1 per %2 is more than %3 results a second, which simulate does not "
               "pace.")
                .arg(rate)
                .arg(per)
                .arg(maxRatePerSecond));
    if (arguments.duration) {
        plan.milliseconds = parseDuration(*arguments.duration);
        if (!plan.milliseconds)
            return Failure::invalidInput(
                tr("--for must be a duration such as 90s, 10m, 1h or 1h30m, not \"%1\".")
                    .arg(*arguments.duration));
    }
    if (arguments.lab) {
        const qint64 lab = arguments.lab->trimmed().toLongLong(&ok);
        if (!ok || lab <= 0)
            return Failure::invalidInput(tr("Name the lab with --lab ID (a whole number)."));
        plan.labId = lab;
    }
    return plan;
}

SimulateCommand::SimulateCommand(DatabaseConnection &connection, CommandOutput &output)
    : m_db(connection)
    , m_output(output)
{ }

int SimulateCommand::run(const Plan &plan)
{
    ResultSimulator simulator(m_db);
    if (const Status loaded = simulator.load(plan.labId); !loaded)
        return m_output.fail(loaded.failure());

    const StopSignals stop;
    const bool json = m_output.json();
    QTextStream &out = m_output.out();
    if (!json) {
        out << tr("Writing %1 results a minute into lab %2 (about %3% critical)%4.")
                   .arg(QString::number(plan.perSecond * 60, 'g', 6))
                   .arg(simulator.labId())
                   .arg(ResultSimulator::criticalPercent)
                   .arg(plan.milliseconds ? tr(" for %1 s").arg(double(*plan.milliseconds) / 1000)
                                          : tr(" until Ctrl-C"))
            << Qt::endl;
    }

    // Each result has its due time from the start, so slow writes do not slow the rate
    // down for good: a late one is followed at once by the next that is due.
    const double interval = 1000.0 / plan.perSecond;
    QElapsedTimer clock;
    clock.start();
    qint64 written = 0, critical = 0;
    QJsonArray results;
    std::optional<Failure> failure;
    while (!stop.requested()) {
        const auto due = qint64(double(written) * interval);
        if (plan.milliseconds && due >= *plan.milliseconds)
            break;
        while (!stop.requested() && clock.elapsed() < due)
            QThread::msleep(ulong(std::min<qint64>(50, due - clock.elapsed())));
        if (stop.requested() || (plan.milliseconds && clock.elapsed() >= *plan.milliseconds))
            break;
        const auto result = simulator.writeOne();
        if (!result) {
            failure = result.failure();
            break;
        }
        const ResultSimulator::Written &w = result.value();
        ++written;
        const bool isCritical = CriticalStatusInfo::isCalloutStatus(w.status);
        critical += isCritical ? 1 : 0;
        const QString values = WorklistValueText::of(w.criticalParameters);
        if (json) {
            results.append(QJsonObject{{u"bill_id"_s, w.billId},
                                       {u"lab_bill_id"_s, w.labBillId},
                                       {u"report_id"_s, w.reportId},
                                       {u"test"_s, w.testName},
                                       {u"result_on"_s, DeskTime::exported(w.resultOn)},
                                       {u"critical_values"_s, CriticalStatusInfo::toInt(w.status)},
                                       {u"critical"_s, values}});
        } else {
            out << DeskTime::shown(w.resultOn) << u"  "_s << w.labBillId << u"  report "_s
                << w.reportId << u"  "_s << CommandOutput::oneLine(w.testName) << u"  "_s
                << (isCritical ? tr("critical: %1").arg(values) : tr("not critical")) << Qt::endl;
        }
    }
    const double seconds = double(clock.elapsed()) / 1000;
    if (json) {
        m_output.print(QJsonObject{{u"lab_id"_s, simulator.labId()},
                                   {u"written"_s, written},
                                   {u"critical"_s, critical},
                                   {u"not_critical"_s, written - critical},
                                   {u"seconds"_s, seconds},
                                   {u"stopped"_s, stop.requested()},
                                   {u"results"_s, results}});
    } else {
        out << tr("Wrote %1 results in %2 s (%3 critical, %4 not critical) into lab %5%6.")
                   .arg(written)
                   .arg(seconds, 0, 'f', 1)
                   .arg(critical)
                   .arg(written - critical)
                   .arg(simulator.labId())
                   .arg(stop.requested() ? tr("; stopped by a signal") : QString())
            << Qt::endl;
    }
    if (failure)
        return m_output.fail(*failure);
    return CommandLineTool::Success;
}

} // namespace calloutdesk
